#include "diagnostics.hpp"

namespace parley::io {

std::string describe(const Diagnostic& d) {
  std::string text = d.file;
  if (d.line > 0) text += ":" + std::to_string(d.line);
  text += ": ";
  if (!d.field.empty()) text += d.field + ": ";
  return text + d.message;
}

namespace {
std::string summarise(const std::vector<Diagnostic>& diagnostics) {
  if (diagnostics.empty()) return "invalid input";
  std::string text = describe(diagnostics.front());
  if (diagnostics.size() > 1) text += " (and " + std::to_string(diagnostics.size() - 1) + " more problems)";
  return text;
}
}  // namespace

InputError::InputError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(summarise(diagnostics)), diagnostics_(std::move(diagnostics)) {}

void SourceMap::resize(const Scenario& scenario) {
  actor_lines.resize(scenario.actor_count(), 0);
  issue_lines.resize(scenario.issue_count(), 0);
  stance_lines.resize(scenario.actor_count() * scenario.issue_count(), 0);
}

int SourceMap::line_of(const Problem& problem, std::size_t issue_count) const {
  auto at = [](const std::vector<int>& lines, std::size_t index) { return index < lines.size() ? lines[index] : 0; };
  switch (problem.element) {
    case Problem::Element::actor: return at(actor_lines, problem.actor);
    case Problem::Element::issue: return at(issue_lines, problem.issue);
    case Problem::Element::stance: return at(stance_lines, problem.actor * issue_count + problem.issue);
    case Problem::Element::scenario: return 0;
  }
  return 0;
}

Diagnostic locate(const Problem& problem, const Scenario& scenario, const SourceMap& map, const std::string& file) {
  Diagnostic d{file, map.line_of(problem, scenario.issue_count()), problem.field, problem.message};
  if (problem.element == Problem::Element::stance)
    d.field = "actor '" + scenario.actors[problem.actor].id + "', issue '" + scenario.issues[problem.issue].id + "', " +
              problem.field;
  return d;
}

}  // namespace parley::io
