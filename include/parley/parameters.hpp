// Model parameters: declared by each model with defaults, given by users as name=value text.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace parley {

struct ParameterSpec {
  std::string name;
  std::string default_value;
  std::string description;
  std::vector<std::string> choices;  // empty: any value of the parameter's type
};

class ParameterError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The values a user gave, by name. Resolve against a model's specs before use.
using ParameterValues = std::map<std::string, std::string>;

// A model's parameters with every default filled in and every given value checked.
class Parameters {
 public:
  Parameters() = default;
  // Throws ParameterError on an unknown name or a value outside the declared choices.
  Parameters(const std::vector<ParameterSpec>& specs, const ParameterValues& given);

  [[nodiscard]] const std::string& text(const std::string& name) const;
  [[nodiscard]] double number(const std::string& name) const;
  [[nodiscard]] long integer(const std::string& name) const;
  [[nodiscard]] bool flag(const std::string& name) const;
  [[nodiscard]] const std::map<std::string, std::string>& all() const { return values_; }

 private:
  std::map<std::string, std::string> values_;
};

}  // namespace parley
