// Model `weighted-median`: the position of the median voter when each actor votes with weight
// capability × salience (Black's median voter theorem; the starting point of Bueno de Mesquita's
// expected-utility model). An exact half split takes the midpoint of the two middle positions.
// All weights zero: the plain median. No parameters.
#include "parley/registry.hpp"
#include "parley/statistics.hpp"
#include "parley/static_model.hpp"

namespace parley {
namespace {

class WeightedMedianModel final : public StaticIssueModel {
 public:
  WeightedMedianModel()
      : StaticIssueModel({"weighted-median", "median voter position, votes weighted by capability x salience", {}}) {}

 protected:
  double forecast_issue(const IssueData& data, const Issue&, const Parameters&) const override {
    return weighted_median(data.positions, data.weights());
  }
};

}  // namespace

void register_weighted_median(Registry& registry) { registry.add(std::make_unique<WeightedMedianModel>()); }

}  // namespace parley
