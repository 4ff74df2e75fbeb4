#include "ensemble_mean/ensemble_mean.hpp"

#include <nlohmann/json.hpp>

#include "parley/registry.hpp"
#include "parley/scoring.hpp"
#include "parley/static_model.hpp"

namespace parley {
namespace {

class EnsembleMeanModel final : public Model {
 public:
  [[nodiscard]] const ModelInfo& info() const override { return info_; }
  [[nodiscard]] Forecast run(const Scenario& scenario, const Parameters& parameters, const RunOptions&) const override {
    return run_combination(info_.name, scenario, *combination(parameters));
  }
  [[nodiscard]] std::optional<Combination> combination(const Parameters&) const override {
    Combination combination{ensemble_members(Registry::builtin()), {}};
    combination.weights.assign(combination.members.size(), 1.0 / static_cast<double>(combination.members.size()));
    return combination;
  }
  using Model::run;

 private:
  ModelInfo info_{"ensemble-mean", "mean of the forecasts of every non-ensemble model", {}};
};

}  // namespace

Forecast run_combination(const std::string& name, const Scenario& scenario, const Combination& combination) {
  const ForecastMatrix forecasts = member_forecasts(combination.members, scenario);
  std::vector<double> members(forecasts.size());
  Forecast forecast = forecast_each_issue(name, scenario, [&](std::size_t i) {
    for (std::size_t m = 0; m < forecasts.size(); ++m) members[m] = forecasts[m][i];
    return combined_forecast(combination.weights, members);
  });
  for (std::size_t i = 0; i < scenario.issue_count(); ++i) {
    nlohmann::json listed = nlohmann::json::object();
    for (std::size_t m = 0; m < forecasts.size(); ++m) listed[combination.members[m]->info().name] = forecasts[m][i];
    forecast.issues[i].details["members"] = std::move(listed);
  }
  return forecast;
}

void register_ensemble_mean(Registry& registry) { registry.add(std::make_unique<EnsembleMeanModel>()); }

}  // namespace parley
