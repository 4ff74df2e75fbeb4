// Model `mean`: the unweighted mean of the stated positions.
// The naive baseline every other model must beat. No parameters.
#include "parley/registry.hpp"
#include "parley/statistics.hpp"
#include "parley/static_model.hpp"

namespace parley {
namespace {

class MeanModel final : public StaticIssueModel {
 public:
  MeanModel() : StaticIssueModel({"mean", "unweighted mean of the actors' positions (naive baseline)", {}}) {}

 protected:
  double forecast_issue(const IssueData& data, const Issue&, const Parameters&) const override {
    return parley::mean(data.positions);
  }
};

}  // namespace

void register_mean(Registry& registry) { registry.add(std::make_unique<MeanModel>()); }

}  // namespace parley
