#include "scenario_builder.hpp"

namespace parley::io {

std::size_t ScenarioBuilder::actor(const std::string& id, int line) {
  auto [it, added] = actor_ids_.try_emplace(id, scenario_.actors.size());
  if (added) {
    Actor actor;
    actor.id = id;
    actor.name = id;
    scenario_.actors.push_back(std::move(actor));
    lines_.actor_lines.push_back(line);
  }
  return it->second;
}

std::size_t ScenarioBuilder::issue(const std::string& id, int line) {
  auto [it, added] = issue_ids_.try_emplace(id, scenario_.issues.size());
  if (added) {
    Issue issue;
    issue.id = id;
    issue.label = id;
    scenario_.issues.push_back(std::move(issue));
    lines_.issue_lines.push_back(line);
  }
  return it->second;
}

void ScenarioBuilder::stance(const StanceRecord& record) {
  const std::size_t a = actor(record.actor, record.line);
  const std::size_t i = issue(record.issue, record.line);
  auto [it, added] = stance_lines_.try_emplace({a, i}, record.line);
  if (!added) {
    problem(record.line, "actor '" + record.actor + "', issue '" + record.issue + "'",
            "duplicate record (first given on line " + std::to_string(it->second) + ")");
    return;
  }
  stances_.push_back(record);
}

void ScenarioBuilder::problem(int line, std::string field, std::string message) {
  problems_.push_back({file_, line, std::move(field), std::move(message)});
}

std::optional<double> ScenarioBuilder::number(const CsvRow& row, std::size_t column, const std::string& field) {
  if (column >= row.fields.size()) {
    problem(row.line, field, "missing value");
    return std::nullopt;
  }
  std::string why;
  auto value = parse_number(row.fields[column], &why);
  if (!value) problem(row.line, field, why);
  return value;
}

std::vector<CsvRow> ScenarioBuilder::parse_rows(std::string_view text) {
  try {
    return parse_csv(text, {guess_delimiter(text), '"'});
  } catch (const CsvError& error) {
    problem(error.line(), "", error.what());
    return {};
  }
}

std::string field(const CsvRow& row, const ColumnIndex& columns, const std::string& column) {
  auto it = columns.find(column);
  return it != columns.end() && it->second < row.fields.size() ? row.fields[it->second] : std::string();
}

std::optional<double> ScenarioBuilder::optional_number(const CsvRow& row, const ColumnIndex& columns,
                                                       const std::string& column) {
  if (field(row, columns, column).empty()) return std::nullopt;
  return number(row, columns.at(column), column);
}

ScenarioBuilder::Result ScenarioBuilder::finish() {
  scenario_.reset_stances();
  lines_.resize(scenario_);
  for (const auto& record : stances_) {
    const std::size_t a = actor_ids_.at(record.actor);
    const std::size_t i = issue_ids_.at(record.issue);
    Stance& s = scenario_.stance(a, i);
    s.present = true;
    s.position = record.position;
    s.salience = record.salience;
    s.capability = record.capability;
    lines_.stance_lines[a * scenario_.issue_count() + i] = record.line;
  }
  return {std::move(scenario_), std::move(lines_)};
}

}  // namespace parley::io
