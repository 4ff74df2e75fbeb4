#include "ensemble_mean/ensemble_mean.hpp"

#include "parley/registry.hpp"
#include "parley/static_model.hpp"

namespace parley {
namespace {

class EnsembleMeanModel final : public Model {
 public:
  [[nodiscard]] const ModelInfo& info() const override { return info_; }
  [[nodiscard]] Forecast run(const Scenario& scenario, const Parameters&, const RunOptions&) const override {
    const auto members = ensemble_members(Registry::builtin());
    const std::vector<double> equal(members.size(), 1.0 / static_cast<double>(members.size()));
    return combine_members(info_.name, scenario, members, equal);
  }
  using Model::run;

 private:
  ModelInfo info_{"ensemble-mean", "mean of the forecasts of every non-ensemble model", {}};
};

}  // namespace

Forecast combine_members(const std::string& name, const Scenario& scenario, const std::vector<const Model*>& members,
                         const std::vector<double>& weights) {
  const ForecastMatrix forecasts = member_forecasts(members, scenario);
  Forecast forecast = forecast_each_issue(name, scenario,
                                          [&](std::size_t i) { return stacked_forecast(weights, forecasts, i); });
  for (std::size_t i = 0; i < scenario.issue_count(); ++i) {
    nlohmann::json listed = nlohmann::json::object();
    for (std::size_t m = 0; m < members.size(); ++m) listed[members[m]->info().name] = forecasts[m][i];
    forecast.issues[i].details["members"] = std::move(listed);
  }
  return forecast;
}

void register_ensemble_mean(Registry& registry) { registry.add(std::make_unique<EnsembleMeanModel>()); }

}  // namespace parley
