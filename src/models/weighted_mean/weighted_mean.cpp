// Model `weighted-mean`: the compromise model. Forecast = Σ c_i s_i x_i / Σ c_i s_i, with c the
// capability and s the salience of actor i on the issue (van den Bos 1991; Achen 2006 shows it
// approximates the Nash bargaining solution). All weights zero: the plain mean. No parameters.
#include "parley/registry.hpp"
#include "parley/statistics.hpp"
#include "parley/static_model.hpp"

namespace parley {
namespace {

class WeightedMeanModel final : public StaticIssueModel {
 public:
  WeightedMeanModel()
      : StaticIssueModel({"weighted-mean", "compromise model: capability x salience weighted mean position", {}}) {}

 protected:
  double forecast_issue(const IssueData& data, const Issue&, const Parameters&) const override {
    return weighted_mean(data.positions, data.weights());
  }
};

}  // namespace

void register_weighted_mean(Registry& registry) { registry.add(std::make_unique<WeightedMeanModel>()); }

}  // namespace parley
