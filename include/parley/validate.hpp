// Checks a scenario's content: every rule a legal scenario obeys. Readers map each problem to a
// file and line; the core only names the element and field.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "parley/scenario.hpp"

namespace parley {

struct Problem {
  enum class Element { scenario, actor, issue, stance };
  Element element = Element::scenario;
  std::size_t actor = 0;  // meaningful for actor and stance
  std::size_t issue = 0;  // meaningful for issue and stance
  std::string field;
  std::string message;
};

// The largest capability and scale bound a legal scenario has. Beyond it, products of a few
// inputs (distances squared, capability × salience × position) overflow a double, and the models
// would print inf and NaN; no real scale comes near it.
inline constexpr double largest_magnitude = 1e100;

[[nodiscard]] std::vector<Problem> validate(const Scenario& scenario);

}  // namespace parley
