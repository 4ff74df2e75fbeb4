// Model `ensemble-stacked`: a weighted mean of the other models' forecasts, Σ_m w_m f_m, with
// weights w ≥ 0, Σ w = 1 fitted to observed outcomes (stacked generalisation, Wolpert 1992;
// Breiman 1996, "Stacked regressions", who fits non-negative weights).
//
// Members: every registered model that is not an ensemble, with default parameters; members of
// weight 0 are not run.
//
// Fitting (fit_stacking_weights() in parley/scoring.hpp): the weights minimise the squared error
// on the 0–100 scale over the simplex, by projected gradient descent from equal weights.
// `parley score` evaluates this model honestly: for each legislative proposal it fits the
// weights on all other proposals and forecasts the held-out proposal's issues (leave one
// proposal out), so no issue is forecast with weights fitted on its own outcome or on issues of
// its own proposal. The score table's row for this model is that out-of-fold error; the JSON
// output also gives the weights fitted on all issues.
//
// Parameters:
//   weights = "name=w,..." (default: default_stacking_weights, fitted on all of deu3-dev with
//     `parley score ../shared/validation/deu3-dev.tsv --model ensemble-stacked --format json`)
//     Members not named get weight 0; named models that are not registered are ignored; the
//     remaining weights are rescaled to sum to one; if none remains, equal weights.
#pragma once

#include <string>
#include <vector>

#include "parley/model.hpp"

namespace parley {

// Fitted on all 196 issues of deu3-dev with the members compromise, eum, exchange, mean, nash,
// rule-compromise, smp, weighted-mean and weighted-median (the members not named got weight 0).
// Refit when models are added: the command in the header above.
inline constexpr const char* default_stacking_weights =
    "exchange=0.313,mean=0.308,rule-compromise=0.197,eum=0.129,nash=0.053";

// The weight of each member, from "name=w,..." text, following the rules above. Throws
// ParameterError on malformed text.
[[nodiscard]] std::vector<double> parse_stacking_weights(const std::string& text,
                                                         const std::vector<const Model*>& members);

}  // namespace parley
