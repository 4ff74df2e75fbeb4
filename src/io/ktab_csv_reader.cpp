// KTAB's SMP scenario CSV:
//   row 1: scenario name, description, number of actors, number of dimensions
//   row 2: headers: Actor, Description, Power (or Influence), then a position and a salience
//          header per dimension
//   then one row per actor: name, description, capability, pos_1, sal_1, ..., pos_D, sal_D
// Positions are on 0–100; saliences on 0–100 (divided by 100 here). Trailing commas are allowed.
#include <algorithm>
#include <cmath>
#include <filesystem>

#include <fmt/format.h>

#include "readers.hpp"
#include "scenario_builder.hpp"

namespace parley::io {
namespace {

// Drops the empty fields a trailing comma leaves.
std::vector<std::string> without_trailing_empty(std::vector<std::string> fields) {
  while (!fields.empty() && fields.back().empty()) fields.pop_back();
  return fields;
}

ReaderOutput finish(ScenarioBuilder& builder) {
  auto [scenario, lines] = builder.finish();
  return ReaderOutput{std::move(scenario), std::move(lines), std::move(builder.problems())};
}

}  // namespace

int recognise_ktab_csv(const std::string& path, const std::string& text) {
  const auto extension = lowercase(std::filesystem::path(path).extension().string());
  if (extension != ".csv" && extension != ".txt") return 0;
  const auto first = without_trailing_empty(first_row_fields(text));
  if (first.size() != 4) return 0;
  return parse_number(first[2]) && parse_number(first[3]) ? 9 : 0;
}

ReaderOutput read_ktab_csv(const std::string& text, const std::string& file) {
  ScenarioBuilder builder(file);
  std::vector<CsvRow> rows;
  try {
    rows = parse_csv(text, {',', '"'});
  } catch (const CsvError& error) {
    builder.problem(error.line(), "", error.what());
  }
  for (auto& row : rows) row.fields = without_trailing_empty(std::move(row.fields));

  std::size_t actor_count = 0;
  std::size_t dimensions = 0;
  if (rows.size() < 2) {
    builder.problem(rows.empty() ? 0 : rows.front().line, "", "expected a title row and a header row");
  } else {
    const CsvRow& title = rows[0];
    auto actors = builder.number(title, 2, "numActors");
    auto dims = builder.number(title, 3, "numDims");
    // Counts beyond these are typing errors, and would not fit a size_t.
    constexpr double most_actors = 1e9;
    constexpr double most_dimensions = 1e4;
    if (actors && dims) {
      if (!(*dims >= 1 && *dims == std::floor(*dims)))
        builder.problem(title.line, "numDims", "must be a whole number of at least 1");
      else if (*dims > most_dimensions)
        builder.problem(title.line, "numDims", "must be at most 10000");
      else
        dimensions = static_cast<std::size_t>(*dims);
      if (!(*actors >= 0 && *actors <= most_actors))
        builder.problem(title.line, "numActors", "must be a number from 0 to 1e9");
      else
        actor_count = static_cast<std::size_t>(*actors);
      if (dimensions == 0) return finish(builder);  // the rows cannot be read without their count
    }
    builder.scenario().name = title.fields.empty() ? "" : title.fields[0];
    builder.scenario().description = title.fields.size() > 1 ? title.fields[1] : "";
    const CsvRow& header = rows[1];
    if (header.fields.size() != 3 + 2 * dimensions) {
      builder.problem(header.line, "header",
                      "expected " + std::to_string(3 + 2 * dimensions) + " columns for " + std::to_string(dimensions) +
                          " dimensions, found " + std::to_string(header.fields.size()));
      return finish(builder);  // the rows cannot be read against this header
    }
    for (std::size_t d = 0; d < dimensions; ++d) {
      const std::size_t column = 3 + 2 * d;
      const std::string label = column < header.fields.size() ? header.fields[column] : "dim" + std::to_string(d + 1);
      if (builder.scenario().issue_index(label)) {
        builder.problem(header.line, label, "two dimensions have this name");
        return finish(builder);  // the rows cannot be read against this header
      }
      const std::size_t issue = builder.issue(label, header.line);
      builder.scenario().issues[issue].label = label;
    }
    if (rows.size() - 2 != actor_count)
      builder.problem(title.line, "numActors",
                      "says " + std::to_string(actor_count) + " actors but the file has " +
                          std::to_string(rows.size() - 2));
  }

  for (std::size_t r = 2; r < rows.size(); ++r) {
    const CsvRow& row = rows[r];
    if (row.fields.size() != 3 + 2 * dimensions) {
      builder.problem(row.line, "", "expected " + std::to_string(3 + 2 * dimensions) + " fields, found " +
                                        std::to_string(row.fields.size()));
      continue;
    }
    const std::string& name = row.fields[0];
    if (name.empty()) builder.problem(row.line, "Actor", "missing value");
    auto capability = builder.number(row, 2, "Power");
    if (name.empty() || !capability) continue;
    const std::size_t actor = builder.actor(name, row.line);
    builder.scenario().actors[actor].name = row.fields[1].empty() ? name : row.fields[1];
    builder.scenario().actors[actor].capability = *capability;
    for (std::size_t d = 0; d < dimensions; ++d) {
      const std::string& issue = builder.scenario().issues[d].id;
      auto position = builder.number(row, 3 + 2 * d, "position " + std::to_string(d + 1));
      auto salience = builder.number(row, 4 + 2 * d, "salience " + std::to_string(d + 1));
      if (salience && !(*salience >= 0.0 && *salience <= 100.0)) {  // reported in the file's own units
        builder.problem(row.line, "salience " + std::to_string(d + 1),
                        fmt::format("salience {:g} is outside [0, 100]", *salience));
        continue;
      }
      if (position && salience) builder.stance({name, issue, *position, *salience / 100.0, std::nullopt, row.line});
    }
  }
  return finish(builder);
}

}  // namespace parley::io
