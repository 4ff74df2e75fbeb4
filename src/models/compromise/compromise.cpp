#include "compromise/compromise.hpp"

#include <cmath>

#include "parley/registry.hpp"
#include "parley/statistics.hpp"
#include "parley/static_model.hpp"

namespace parley {
namespace {

struct Pull {
  double weight;  // relative to the actors' total weight
  double position;
};

std::vector<Pull> pulls(const IssueData& data, const Issue& issue, const Parameters& p, const Scenario& scenario) {
  std::vector<Pull> result;
  const bool unanimity = issue.decision_rule.rfind("Unan", 0) == 0;
  if (issue.status_quo && (p.text("status_quo_rule") == "any" || unanimity))
    result.push_back({p.number("status_quo_weight"), *issue.status_quo});
  for (std::size_t k = 0; k < data.size(); ++k) {
    const std::string& id = scenario.actors[data.actors[k]].id;
    if (id == "com") result.push_back({p.number("commission_weight"), data.positions[k]});
    if (id == "ep" && issue.procedure == "COD") result.push_back({p.number("parliament_weight"), data.positions[k]});
  }
  return result;
}

class CompromiseModel final : public Model {
 public:
  [[nodiscard]] const ModelInfo& info() const override { return info_; }
  [[nodiscard]] Forecast run(const Scenario& scenario, const Parameters& parameters, const RunOptions&) const override {
    for (const char* name : {"capability_power", "salience_power", "status_quo_weight", "commission_weight",
                             "parliament_weight"})
      if (parameters.number(name) < 0.0) throw ParameterError(std::string(name) + " must be >= 0");
    Forecast forecast;
    forecast.model = info_.name;
    for (std::size_t i = 0; i < scenario.issue_count(); ++i) {
      IssueForecast issue;
      issue.issue = scenario.issues[i].id;
      issue.forecast = forecast_issue(scenario, i, parameters);
      forecast.issues.push_back(std::move(issue));
    }
    return forecast;
  }
  using Model::run;

 private:
  static double forecast_issue(const Scenario& scenario, std::size_t i, const Parameters& p) {
    const IssueData data = issue_data(scenario, i);
    std::vector<double> positions = data.positions;
    std::vector<double> weights(data.size());
    double total = 0.0;
    for (std::size_t k = 0; k < data.size(); ++k) {
      weights[k] = std::pow(data.capabilities[k], p.number("capability_power")) *
                   std::pow(data.saliences[k], p.number("salience_power"));
      total += weights[k];
    }
    if (total > 0.0)
      for (const Pull& pull : pulls(data, scenario.issues[i], p, scenario)) {
        positions.push_back(pull.position);
        weights.push_back(pull.weight * total);
      }
    return weighted_mean(positions, weights);
  }

  ModelInfo info_{"compromise",
                  "compromise model with optional status quo, decision rule, institutions and power exponents",
                  {{"capability_power", "1", "exponent a of capability in the weight c^a s^b", {}},
                   {"salience_power", "1", "exponent b of salience in the weight c^a s^b", {}},
                   {"status_quo_weight", "0", "weight of the status quo, relative to the actors' total", {}},
                   {"status_quo_rule", "any", "where the status quo pulls: any issue, or unanimity only",
                    {"any", "unanimity"}},
                   {"commission_weight", "0", "extra pull toward the Commission (actor `com`)", {}},
                   {"parliament_weight", "0", "extra pull toward the Parliament (actor `ep`) under co-decision", {}}}};
};

}  // namespace

void register_compromise(Registry& registry) { registry.add(std::make_unique<CompromiseModel>()); }

}  // namespace parley
