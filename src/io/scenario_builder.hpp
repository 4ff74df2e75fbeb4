// Builds a scenario row by row from a table of actor × issue records, keeping the line of every
// element and collecting every problem instead of stopping at the first.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "csv.hpp"
#include "diagnostics.hpp"
#include "parley/scenario.hpp"

namespace parley::io {

struct StanceRecord {
  std::string actor;
  std::string issue;
  double position = 0.0;
  double salience = 0.0;
  std::optional<double> capability;
  int line = 0;
};

// Column name → index in a table's rows.
using ColumnIndex = std::map<std::string, std::size_t>;

// The text in `column` of the row; empty when the table has no such column or the row is short.
[[nodiscard]] std::string field(const CsvRow& row, const ColumnIndex& columns, const std::string& column);

class ScenarioBuilder {
 public:
  explicit ScenarioBuilder(std::string file) : file_(std::move(file)) {}

  // Returns the index of the actor, adding it on first sight.
  std::size_t actor(const std::string& id, int line);
  std::size_t issue(const std::string& id, int line);
  void stance(const StanceRecord& record);

  void problem(int line, std::string field, std::string message);
  // The rows of delimited text (delimiter guessed); none, with the problem recorded, when a quote
  // never ends.
  std::vector<CsvRow> parse_rows(std::string_view text);
  // The number in `field`, or nullopt with a problem recorded.
  std::optional<double> number(const CsvRow& row, std::size_t column, const std::string& field);
  // The number in `column`, nullopt when the cell is empty (or a problem recorded when it is no number).
  std::optional<double> optional_number(const CsvRow& row, const ColumnIndex& columns, const std::string& column);

  [[nodiscard]] Scenario& scenario() { return scenario_; }
  [[nodiscard]] const std::string& file() const { return file_; }
  [[nodiscard]] std::vector<Diagnostic>& problems() { return problems_; }

  // The scenario with its stance table and source map; every stance recorded so far is placed.
  struct Result {
    Scenario scenario;
    SourceMap lines;
  };
  [[nodiscard]] Result finish();

 private:
  std::string file_;
  Scenario scenario_;
  SourceMap lines_;
  std::map<std::string, std::size_t> actor_ids_;
  std::map<std::string, std::size_t> issue_ids_;
  std::vector<StanceRecord> stances_;
  std::map<std::pair<std::size_t, std::size_t>, int> stance_lines_;
  std::vector<Diagnostic> problems_;
};

}  // namespace parley::io
