// Problems found in an input file, each tied to the file, line and field it concerns.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "parley/scenario.hpp"
#include "parley/validate.hpp"

namespace parley::io {

struct Diagnostic {
  std::string file;
  int line = 0;  // 1-based; 0 = the file as a whole
  std::string field;
  std::string message;
};

// "file:line: field: message"
[[nodiscard]] std::string describe(const Diagnostic& diagnostic);

// Thrown when an input cannot be used; carries every problem found, not only the first.
class InputError : public std::runtime_error {
 public:
  explicit InputError(std::vector<Diagnostic> diagnostics);
  [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

// The line each scenario element was read from, so core problems can be located.
struct SourceMap {
  std::vector<int> actor_lines;
  std::vector<int> issue_lines;
  std::vector<int> stance_lines;  // actor * issue_count + issue; 0 where unknown

  void resize(const Scenario& scenario);
  [[nodiscard]] int line_of(const Problem& problem, std::size_t issue_count) const;
};

[[nodiscard]] Diagnostic locate(const Problem& problem, const Scenario& scenario, const SourceMap& map,
                                const std::string& file);

}  // namespace parley::io
