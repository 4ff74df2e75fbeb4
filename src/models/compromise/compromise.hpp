// Model `compromise`: the compromise model with the refinements tried in docs/accuracy.md, each
// a parameter whose default switches it off (all defaults: exactly `weighted-mean`).
//
//   forecast = ( Σ_i w_i x_i + λ W q + κ_C W x_C + κ_P W x_P ) / ( W (1 + λ + κ_C + κ_P) )
//   w_i = f_i c_i^a s_i^b,  W = Σ_i w_i
//
// x_i, c_i, s_i: position, capability, salience of the actors present; q the status quo; f_i = 1
// except for the Parliament (actor `ep`) under consultation (procedure "CNS"), where f = φ.
// Parameters (defaults in brackets):
//   capability_power a [1]: a < 1 flattens the power differences (salience-dependent capability
//     with b: the weight's elasticity in capability vs salience).
//   salience_power b [1]
//   unanimity_capability_power [same]: a on issues decided by unanimity (decision rule starting
//     "Unan"), where every member holds a veto; `same` = capability_power.
//   consultation_parliament_factor φ [1]: the Parliament's weight factor under consultation,
//     where it gives an opinion but holds no veto.
//   status_quo_weight λ [0]: the status quo as a pseudo-actor with λ times the actors' total
//     weight (the reversion point pulls the outcome; Tsebelis 2002). Issues without one: λ = 0.
//   status_quo_rule [any]: any | unanimity — with `unanimity` the status quo pulls only under
//     unanimity.
//   commission_weight κ_C [0]: extra pull toward the actor `com` (the agenda setter).
//   parliament_weight κ_P [0]: extra pull toward the actor `ep`, under co-decision (procedure
//     "COD") only, where the Parliament is a veto player.
// An absent actor, or zero total weight, drops its term; all weights zero: the plain mean of
// positions (as weighted_mean()). Tune these only out-of-sample: `parley score --tune`.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "parley/model.hpp"

namespace parley {

struct CompromiseSettings {
  double capability_power = 1.0;
  double salience_power = 1.0;
  std::optional<double> unanimity_capability_power;  // empty: capability_power
  double consultation_parliament_factor = 1.0;
  double status_quo_weight = 0.0;
  bool status_quo_only_under_unanimity = false;
  double commission_weight = 0.0;
  double parliament_weight = 0.0;
};

// The parameters above with the given defaults (text), and the settings they describe.
[[nodiscard]] std::vector<ParameterSpec> compromise_parameters(const CompromiseSettings& defaults);
[[nodiscard]] CompromiseSettings compromise_settings(const Parameters& parameters);

// A model running the formula above, with these defaults for its parameters.
[[nodiscard]] std::unique_ptr<Model> make_compromise_model(std::string name, std::string summary,
                                                           const CompromiseSettings& defaults);

// Runs the formula above on every issue.
[[nodiscard]] Forecast compromise_forecast(const std::string& model, const Scenario& scenario,
                                           const CompromiseSettings& settings);

}  // namespace parley
