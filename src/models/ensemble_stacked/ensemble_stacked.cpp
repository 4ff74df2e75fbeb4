#include "ensemble_stacked/ensemble_stacked.hpp"

#include <cmath>
#include <sstream>

#include "ensemble_mean/ensemble_mean.hpp"
#include "parley/registry.hpp"
#include "parley/scoring.hpp"

namespace parley {
namespace {

class EnsembleStackedModel final : public Model {
 public:
  [[nodiscard]] const ModelInfo& info() const override { return info_; }
  [[nodiscard]] Forecast run(const Scenario& scenario, const Parameters& parameters, const RunOptions&) const override {
    Forecast forecast = run_combination(info_.name, scenario, *combination(parameters));
    const auto members = ensemble_members(Registry::builtin());
    const auto weights = parse_stacking_weights(parameters.text(std::string(stacking_weights_parameter)), members);
    for (std::size_t m = 0; m < members.size(); ++m) forecast.details["weights"][members[m]->info().name] = weights[m];
    return forecast;
  }
  // The members of positive weight: the others need not run.
  [[nodiscard]] std::optional<Combination> combination(const Parameters& parameters) const override {
    const auto members = ensemble_members(Registry::builtin());
    const auto weights = parse_stacking_weights(parameters.text(std::string(stacking_weights_parameter)), members);
    Combination combination;
    for (std::size_t m = 0; m < members.size(); ++m) {
      if (weights[m] <= 0.0) continue;
      combination.members.push_back(members[m]);
      combination.weights.push_back(weights[m]);
    }
    return combination;
  }
  using Model::run;

 private:
  ModelInfo info_{"ensemble-stacked",
                  "weighted mean of the other models' forecasts, weights fitted by cross-validation by proposal",
                  {{std::string(stacking_weights_parameter), default_stacking_weights,
                    "member weights name=w,... (default fitted on deu3-dev; `score` refits them out-of-fold)",
                    {}}}};
};

}  // namespace

std::vector<double> parse_stacking_weights(const std::string& text, const std::vector<const Model*>& members) {
  std::vector<double> weights(members.size(), 0.0);
  std::istringstream items(text);
  for (std::string item; std::getline(items, item, ',');) {
    const auto equals = item.find('=');
    double value = 0.0;
    std::size_t used = 0;
    try {
      value = std::stod(item.substr(equals + 1), &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (equals == std::string::npos || used == 0 || !std::isfinite(value) || value < 0.0)
      throw ParameterError("weights: '" + item + "' is not name=weight with a weight >= 0");
    const std::string name = item.substr(0, equals);
    for (std::size_t m = 0; m < members.size(); ++m)
      if (members[m]->info().name == name) weights[m] = value;
  }
  double total = 0.0;
  for (double w : weights) total += w;
  for (double& w : weights) w = total > 0.0 ? w / total : 1.0 / static_cast<double>(weights.size());
  return weights;
}

void register_ensemble_stacked(Registry& registry) { registry.add(std::make_unique<EnsembleStackedModel>()); }

}  // namespace parley
