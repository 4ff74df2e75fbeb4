// The one-issue stakeholder table of the expected-utility literature:
//   Actor (or Stakeholder), Capability (or Resources, Power), Position, Salience
// Salience may be on 0–1 or 0–100 (if any value exceeds 1, all are divided by 100). The issue
// is named after the file; its scale is the range of the positions. A unit may follow a column
// name after '_', ' ' or '(' (position_years, salience_0to1).
#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "readers.hpp"
#include "scenario_builder.hpp"

namespace parley::io {
namespace {

const std::map<std::string, std::string> column_aliases{
    {"actor", "actor"},           {"stakeholder", "actor"}, {"name", "actor"},
    {"capability", "capability"}, {"resources", "capability"}, {"power", "capability"},
    {"position", "position"},     {"salience", "salience"},
};
const std::set<std::string> ignored_columns{"note", "notes", "comment"};

// The column a header name stands for ("" if none): an alias, possibly followed by a unit after
// '_', ' ' or '(' (position_years, salience_0to1, "Salience (0-100)").
std::string column_of(const std::string& header_name) {
  const std::string name = lowercase(header_name);
  for (const auto& [alias, column] : column_aliases)
    if (name == alias || (name.rfind(alias, 0) == 0 && std::string("_ (").find(name[alias.size()]) != std::string::npos))
      return column;
  return "";
}

std::map<std::string, std::size_t> header_columns(const std::vector<std::string>& fields) {
  std::map<std::string, std::size_t> columns;
  for (std::size_t c = 0; c < fields.size(); ++c)
    if (const std::string column = column_of(fields[c]); !column.empty()) columns.try_emplace(column, c);
  return columns;
}

// Every header name must be one of the four columns, once, or a note: anything else would be
// data silently left out (an `issue` or `weight` column, a second position column).
void check_header(const CsvRow& header, ScenarioBuilder& builder) {
  std::map<std::string, std::string> seen;  // column → the header name that gave it
  for (const std::string& name : header.fields) {
    const std::string column = column_of(name);
    if (column.empty()) {
      if (!ignored_columns.count(lowercase(name))) builder.problem(header.line, name, "unknown column");
    } else if (const auto [first, inserted] = seen.try_emplace(column, name); !inserted) {
      builder.problem(header.line, name, "a second " + column + " column (the first is '" + first->second + "')");
    }
  }
}

}  // namespace

int recognise_stakeholder_csv(const std::string& path, const std::string& text) {
  const auto extension = lowercase(std::filesystem::path(path).extension().string());
  if (extension != ".csv" && extension != ".tsv" && extension != ".txt") return 0;
  const auto header = first_row_fields(text);
  if (header.empty()) return 0;
  const auto first = lowercase(header[0]);
  if (first != "actor" && first != "stakeholder") return 0;
  return header_columns(header).size() == 4 ? 8 : 1;
}

ReaderOutput read_stakeholder_csv(const std::string& text, const std::string& file) {
  ScenarioBuilder builder(file);
  const std::string issue = std::filesystem::path(file).stem().string();
  std::vector<CsvRow> rows;
  try {
    rows = parse_csv(text, {guess_delimiter(text), '"'});
  } catch (const CsvError& error) {
    builder.problem(error.line(), "", error.what());
  }
  std::map<std::string, std::size_t> columns;
  if (!rows.empty()) {
    columns = header_columns(rows.front().fields);
    check_header(rows.front(), builder);
    for (const char* name : {"actor", "capability", "position", "salience"})
      if (!columns.count(name)) builder.problem(rows.front().line, name, "required column is missing");
    if (rows.size() == 1) builder.problem(rows.front().line, "", "the file has a header but no data rows");
  }
  std::vector<StanceRecord> records;
  if (columns.size() == 4) {
    for (std::size_t r = 1; r < rows.size(); ++r) {
      const CsvRow& row = rows[r];
      const std::size_t actor_column = columns.at("actor");
      const std::string actor = actor_column < row.fields.size() ? row.fields[actor_column] : "";
      if (actor.empty()) builder.problem(row.line, "actor", "missing value");
      auto capability = builder.number(row, columns.at("capability"), "capability");
      auto position = builder.number(row, columns.at("position"), "position");
      auto salience = builder.number(row, columns.at("salience"), "salience");
      if (actor.empty() || !capability || !position || !salience) continue;
      builder.issue(issue, row.line);
      builder.actor(actor, row.line);
      records.push_back({actor, issue, *position, *salience, *capability, row.line});
    }
  }
  const bool percent = std::any_of(records.begin(), records.end(), [](const auto& r) { return r.salience > 1.0; });
  for (auto record : records) {
    if (percent) record.salience /= 100.0;
    builder.stance(record);
  }
  auto [scenario, lines] = builder.finish();
  for (std::size_t a = 0; a < scenario.actor_count(); ++a) {
    // One issue: the capability belongs to the actor.
    auto& stance = scenario.stance(a, 0);
    if (stance.capability) scenario.actors[a].capability = *stance.capability;
    stance.capability.reset();
  }
  infer_scales(scenario, std::vector<bool>(scenario.issue_count(), false));
  return {std::move(scenario), std::move(lines), std::move(builder.problems())};
}

}  // namespace parley::io
