#include "parley/parameters.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace parley {

Parameters::Parameters(const std::vector<ParameterSpec>& specs, const ParameterValues& given) {
  for (const auto& spec : specs) values_[spec.name] = spec.default_value;
  for (const auto& assignment : given) {
    const std::string& name = assignment.first;  // not a structured binding: lambdas capture it
    const std::string& value = assignment.second;
    auto spec = std::find_if(specs.begin(), specs.end(), [&](const ParameterSpec& s) { return s.name == name; });
    if (spec == specs.end()) throw ParameterError("unknown parameter '" + name + "'");
    if (!spec->choices.empty() && std::find(spec->choices.begin(), spec->choices.end(), value) == spec->choices.end()) {
      std::string allowed;
      for (const auto& choice : spec->choices) allowed += (allowed.empty() ? "" : ", ") + choice;
      throw ParameterError("parameter '" + name + "' is '" + value + "'; allowed: " + allowed);
    }
    values_[name] = value;
  }
}

const std::string& Parameters::text(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) throw ParameterError("no parameter '" + name + "'");
  return it->second;
}

double Parameters::number(const std::string& name) const {
  const std::string& value = text(name);
  double result = 0.0;
  auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), result);
  if (error != std::errc{} || end != value.data() + value.size() || !std::isfinite(result))
    throw ParameterError("parameter '" + name + "' is '" + value + "', not a finite number");
  return result;
}

long Parameters::integer(const std::string& name) const {
  const std::string& value = text(name);
  long result = 0;
  auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), result);
  if (error != std::errc{} || end != value.data() + value.size())
    throw ParameterError("parameter '" + name + "' is '" + value + "', not a whole number");
  return result;
}

bool Parameters::flag(const std::string& name) const {
  const std::string& value = text(name);
  if (value == "true" || value == "1" || value == "yes" || value == "on") return true;
  if (value == "false" || value == "0" || value == "no" || value == "off") return false;
  throw ParameterError("parameter '" + name + "' is '" + value + "', not true or false");
}

}  // namespace parley
