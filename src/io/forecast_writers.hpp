// Forecasts as text: a table for people, JSON for programs, tidy CSV for pandas and R.
// The JSON shape is a public interface (docs/formats.md): fields are added, never renamed.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "parley/forecast.hpp"
#include "parley/parameters.hpp"
#include "parley/scenario.hpp"

namespace parley::io {

struct ModelRun {
  std::string model;
  Parameters parameters;
  Forecast forecast;
};

// One run: the forecast object itself; several: {"scenario": name, "forecasts": [...]}.
[[nodiscard]] std::string render_json(const Scenario& scenario, const std::vector<ModelRun>& runs);
// One row per issue, one column per model. With `trace`, each model's events follow.
[[nodiscard]] std::string render_table(const Scenario& scenario, const std::vector<ModelRun>& runs, bool trace);
// Long format: scenario,model,issue,round,actor,position (round rows only with trajectories),
// and one row per issue forecast with round and actor empty.
[[nodiscard]] std::string render_csv(const Scenario& scenario, const std::vector<ModelRun>& runs);

// Tidy (long) tables, one observation per row, that load straight into pandas or R:
//   forecasts:    scenario,model,issue,forecast
//   rounds:       scenario,model,issue,round,actor,position   (spatial models: issue = dimension)
//   events:       scenario,model,event,round,kind,actors,issues,text   (actors, issues: ";"-separated)
//   event-values: scenario,model,event,name,value   (event: the number in the events table)
struct TidyTable {
  std::vector<std::string> columns;
  std::vector<std::vector<nlohmann::ordered_json>> rows;  // strings and numbers
};
[[nodiscard]] const std::vector<std::string>& tidy_table_names();
// Throws std::invalid_argument on a name not in tidy_table_names().
[[nodiscard]] TidyTable tidy_table(const Scenario& scenario, const std::vector<ModelRun>& runs, const std::string& name);
[[nodiscard]] std::string render_csv(const TidyTable& table);
// An array of records: [{"scenario": ..., "model": ..., ...}, ...] (pandas.read_json, jsonlite).
[[nodiscard]] std::string render_json(const TidyTable& table);

// A CSV field, quoted when it needs to be.
[[nodiscard]] std::string csv_field(const std::string& text);

}  // namespace parley::io
