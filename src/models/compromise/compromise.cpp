#include "compromise/compromise.hpp"

#include <cmath>

#include "parley/registry.hpp"
#include "parley/static_model.hpp"
#include "parley/statistics.hpp"

namespace parley {
namespace {

const std::vector<const char*> non_negative{"capability_power", "salience_power", "consultation_parliament_factor",
                                            "status_quo_weight", "commission_weight", "parliament_weight"};

std::string text_of(double value) {
  std::string text = std::to_string(value);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

bool starts_with(const std::string& text, const char* prefix) { return text.rfind(prefix, 0) == 0; }

struct Pull {
  double weight;  // relative to the actors' total weight
  double position;
};

std::vector<Pull> pulls(const IssueData& data, const Issue& issue, const CompromiseSettings& settings,
                        const Scenario& scenario) {
  std::vector<Pull> result;
  if (issue.status_quo && (!settings.status_quo_only_under_unanimity || starts_with(issue.decision_rule, "Unan")))
    result.push_back({settings.status_quo_weight, *issue.status_quo});
  for (std::size_t k = 0; k < data.size(); ++k) {
    const std::string& id = scenario.actors[data.actors[k]].id;
    if (id == "com") result.push_back({settings.commission_weight, data.positions[k]});
    if (id == "ep" && issue.procedure == "COD") result.push_back({settings.parliament_weight, data.positions[k]});
  }
  return result;
}

double forecast_issue(const Scenario& scenario, std::size_t i, const CompromiseSettings& settings) {
  const Issue& issue = scenario.issues[i];
  const IssueData data = issue_data(scenario, i);
  const double capability_power = starts_with(issue.decision_rule, "Unan")
                                      ? settings.unanimity_capability_power.value_or(settings.capability_power)
                                      : settings.capability_power;
  std::vector<double> positions = data.positions;
  std::vector<double> weights(data.size());
  double total = 0.0;
  for (std::size_t k = 0; k < data.size(); ++k) {
    const bool consulted_parliament = issue.procedure == "CNS" && scenario.actors[data.actors[k]].id == "ep";
    weights[k] = (consulted_parliament ? settings.consultation_parliament_factor : 1.0) *
                 std::pow(data.capabilities[k], capability_power) * std::pow(data.saliences[k], settings.salience_power);
    total += weights[k];
  }
  if (total > 0.0)
    for (const Pull& pull : pulls(data, issue, settings, scenario)) {
      positions.push_back(pull.position);
      weights.push_back(pull.weight * total);
    }
  return weighted_mean(positions, weights);
}

class CompromiseModel final : public Model {
 public:
  CompromiseModel(std::string name, std::string summary, const CompromiseSettings& defaults)
      : info_{std::move(name), std::move(summary), compromise_parameters(defaults)} {}
  [[nodiscard]] const ModelInfo& info() const override { return info_; }
  [[nodiscard]] Forecast run(const Scenario& scenario, const Parameters& parameters, const RunOptions&) const override {
    return compromise_forecast(info_.name, scenario, compromise_settings(parameters));
  }
  using Model::run;

 private:
  ModelInfo info_;
};

}  // namespace

std::vector<ParameterSpec> compromise_parameters(const CompromiseSettings& d) {
  return {{"capability_power", text_of(d.capability_power), "exponent a of capability in the weight c^a s^b", {}},
          {"salience_power", text_of(d.salience_power), "exponent b of salience in the weight c^a s^b", {}},
          {"unanimity_capability_power",
           d.unanimity_capability_power ? text_of(*d.unanimity_capability_power) : "same",
           "exponent of capability under unanimity (every member a veto player); same = capability_power",
           {}},
          {"consultation_parliament_factor", text_of(d.consultation_parliament_factor),
           "factor on the Parliament's weight under consultation (CNS: no veto)", {}},
          {"status_quo_weight", text_of(d.status_quo_weight), "weight of the status quo, relative to the actors' total",
           {}},
          {"status_quo_rule", d.status_quo_only_under_unanimity ? "unanimity" : "any",
           "where the status quo pulls: any issue, or unanimity only", {"any", "unanimity"}},
          {"commission_weight", text_of(d.commission_weight), "extra pull toward the Commission (actor `com`)", {}},
          {"parliament_weight", text_of(d.parliament_weight),
           "extra pull toward the Parliament (actor `ep`) under co-decision", {}}};
}

CompromiseSettings compromise_settings(const Parameters& p) {
  for (const char* name : non_negative)
    if (p.number(name) < 0.0) throw ParameterError(std::string(name) + " must be >= 0");
  CompromiseSettings s;
  s.capability_power = p.number("capability_power");
  s.salience_power = p.number("salience_power");
  if (p.text("unanimity_capability_power") != "same") {
    s.unanimity_capability_power = p.number("unanimity_capability_power");
    if (*s.unanimity_capability_power < 0.0) throw ParameterError("unanimity_capability_power must be >= 0");
  }
  s.consultation_parliament_factor = p.number("consultation_parliament_factor");
  s.status_quo_weight = p.number("status_quo_weight");
  s.status_quo_only_under_unanimity = p.text("status_quo_rule") == "unanimity";
  s.commission_weight = p.number("commission_weight");
  s.parliament_weight = p.number("parliament_weight");
  return s;
}

Forecast compromise_forecast(const std::string& model, const Scenario& scenario, const CompromiseSettings& settings) {
  return forecast_each_issue(model, scenario, [&](std::size_t i) { return forecast_issue(scenario, i, settings); });
}

std::unique_ptr<Model> make_compromise_model(std::string name, std::string summary, const CompromiseSettings& defaults) {
  return std::make_unique<CompromiseModel>(std::move(name), std::move(summary), defaults);
}

void register_compromise(Registry& registry) {
  registry.add(make_compromise_model(
      "compromise", "compromise model with optional status quo, decision rule, institutions and power exponents", {}));
}

}  // namespace parley
