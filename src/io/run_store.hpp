// The run store: an SQLite file that keeps every run (scenario text and hash, models and their
// parameters, forecasts, per-round positions, events, summaries), so that scenarios can be
// compared over weeks. The schema is versioned (PRAGMA user_version) and documented in
// docs/run-store.md. Each run is written in one transaction: a reader sees all of it or none.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "forecast_writers.hpp"
#include "parley/scenario.hpp"

struct sqlite3;

namespace parley::io {

inline constexpr int run_store_schema_version = 1;

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A figure that is not a forecast: a sensitivity summary, a score. `value` is any JSON.
struct RunSummary {
  std::string kind;   // e.g. "sensitivity", "score"
  std::string model;  // empty when it belongs to no single model
  std::string issue;  // empty when it belongs to no single issue
  nlohmann::json value;
};

// What one invocation of `forecast`, `sensitivity` or `score` produced.
struct RunRecord {
  std::string command;         // forecast, sensitivity, score
  std::string parley_version;
  std::string scenario_file;   // as given on the command line
  std::string scenario_text;   // the file's bytes; hashed with SHA-256
  const Scenario* scenario = nullptr;
  const std::vector<ModelRun>* runs = nullptr;
  std::vector<RunSummary> summaries;
};

// One line of `parley runs list`.
struct StoredRunHeader {
  std::int64_t id = 0;
  std::string created_at;  // UTC, ISO 8601
  std::string command;
  std::string parley_version;
  std::string scenario_name;
  std::string scenario_hash;
  std::string scenario_file;
  std::vector<std::string> models;
};

struct StoredModel {
  std::string model;
  nlohmann::json parameters;  // name → value text
  std::string seed;           // empty when the model has no seed
};

struct StoredForecast {
  std::string model;
  std::string issue;
  double forecast = 0.0;
};

struct StoredRun {
  StoredRunHeader header;
  std::string scenario_text;
  std::vector<StoredModel> models;
  std::vector<StoredForecast> forecasts;  // model order, then issue order
  std::int64_t position_rows = 0;
  std::int64_t event_rows = 0;
  std::vector<RunSummary> summaries;
};

class RunStore {
 public:
  // Opens the store, creating it (and its schema) when absent. Throws StoreError on a file that
  // is not a run store or has a newer schema than this parley knows.
  explicit RunStore(const std::string& path);
  ~RunStore();
  RunStore(const RunStore&) = delete;
  RunStore& operator=(const RunStore&) = delete;

  // Writes the whole run in one transaction and returns its id.
  std::int64_t record(const RunRecord& run);
  [[nodiscard]] std::vector<StoredRunHeader> list() const;
  // Throws StoreError when there is no run `id`.
  [[nodiscard]] StoredRun load(std::int64_t id) const;

 private:
  sqlite3* db_ = nullptr;
};

// Opens the store at `path`, records the run, returns its id: what `--store` does.
std::int64_t record_run(const std::string& path, const RunRecord& run);

// The SHA-256 digest of `data`, as 64 lowercase hex digits.
[[nodiscard]] std::string sha256_hex(std::string_view data);

// The rows of `parley runs list|show|diff`.
[[nodiscard]] std::string render_run_list(const std::vector<StoredRunHeader>& runs);
[[nodiscard]] std::string render_run(const StoredRun& run);
[[nodiscard]] std::string render_run_diff(const StoredRun& a, const StoredRun& b);

}  // namespace parley::io
