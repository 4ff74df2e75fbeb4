// Model `nash`: the asymmetric Nash bargaining solution on one issue.
//
// Assumes: each actor i has quadratic-loss utility u_i(x) = -(x - x_i)^2 and bargaining power
// w_i = capability × salience; if bargaining fails, the disagreement point d is reached. The
// forecast maximises the Nash product  Π_i (u_i(x) - u_i(d))^{w_i}  over the outcomes every actor
// weakly prefers to d (Nash 1950; the asymmetric form of Kalai 1977; applied to EU legislation
// with the status quo as disagreement point by Achen, "Evaluating political decision-making
// models", in Thomson et al., The European Union Decides, 2006).
//
// Parameters:
//   disagreement = status-quo (default) | worst
//     status-quo: d is the status quo; an issue without one uses `worst`.
//     worst: each actor's disagreement utility is that of the scale end farthest from it, so
//       every point on the scale is acceptable to all (the product then approaches the weighted
//       mean as the scale widens, Achen's compromise-model reading).
//
// Defined answers: if no outcome other than d leaves every actor with positive weight better
// off (actors on both sides of the status quo, or an actor whose ideal is the status quo), the
// forecast is d. All weights zero: equal weights.
#pragma once

#include <optional>
#include <span>

namespace parley {

// The maximiser of Σ_i w_i ln(D_i² - (x - x_i)²), with D_i = |d - x_i| for a status quo d, or
// the distance to the farthest scale end when `status_quo` is empty.
[[nodiscard]] double nash_bargaining_solution(std::span<const double> positions, std::span<const double> weights,
                                              std::optional<double> status_quo, double scale_min, double scale_max);

}  // namespace parley
