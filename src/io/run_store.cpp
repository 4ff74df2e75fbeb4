#include "run_store.hpp"

#include <sqlite3.h>

#include <fmt/format.h>

#include <ctime>

namespace parley::io {
namespace {

using json = nlohmann::json;

// Schema version 1; docs/run-store.md describes every table and column.
constexpr const char* schema_v1 = R"(
CREATE TABLE scenarios (
  hash TEXT PRIMARY KEY,             -- SHA-256 of the scenario file's bytes, hex
  name TEXT NOT NULL,
  text TEXT NOT NULL
);
CREATE TABLE runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  created_at TEXT NOT NULL,          -- UTC, ISO 8601
  command TEXT NOT NULL,             -- forecast, sensitivity, score
  parley_version TEXT NOT NULL,
  scenario_hash TEXT NOT NULL REFERENCES scenarios(hash),
  scenario_file TEXT NOT NULL,
  model_count INTEGER NOT NULL,      -- rows this run has in models
  forecast_count INTEGER NOT NULL    -- rows this run has in forecasts
);
CREATE TABLE models (
  run_id INTEGER NOT NULL REFERENCES runs(id),
  ordinal INTEGER NOT NULL,
  model TEXT NOT NULL,
  parameters TEXT NOT NULL,          -- JSON object, every parameter with its value
  seed TEXT,                         -- the seed parameter, when the model has one
  details TEXT NOT NULL,             -- JSON: the forecast's model-specific extras
  PRIMARY KEY (run_id, model)
);
CREATE TABLE forecasts (
  run_id INTEGER NOT NULL REFERENCES runs(id),
  model TEXT NOT NULL,
  issue TEXT NOT NULL,
  issue_ordinal INTEGER NOT NULL,
  forecast REAL NOT NULL,
  details TEXT NOT NULL,             -- JSON: the issue forecast's model-specific extras
  PRIMARY KEY (run_id, model, issue)
);
CREATE TABLE positions (
  run_id INTEGER NOT NULL REFERENCES runs(id),
  model TEXT NOT NULL,
  issue TEXT NOT NULL,               -- for spatial models: the dimension
  round INTEGER NOT NULL,
  actor TEXT NOT NULL,
  position REAL NOT NULL,
  PRIMARY KEY (run_id, model, issue, round, actor)
);
CREATE TABLE events (
  run_id INTEGER NOT NULL REFERENCES runs(id),
  model TEXT NOT NULL,
  ordinal INTEGER NOT NULL,
  round INTEGER NOT NULL,
  kind TEXT NOT NULL,
  actors TEXT NOT NULL,              -- JSON array of actor ids, initiator first
  issues TEXT NOT NULL,              -- JSON array of issue ids
  text TEXT NOT NULL,
  figures TEXT NOT NULL,             -- JSON object: the event's named values
  PRIMARY KEY (run_id, model, ordinal)
);
CREATE TABLE summaries (
  run_id INTEGER NOT NULL REFERENCES runs(id),
  ordinal INTEGER NOT NULL,
  kind TEXT NOT NULL,                -- sensitivity, score, ...
  model TEXT NOT NULL,
  issue TEXT NOT NULL,
  value TEXT NOT NULL,               -- JSON
  PRIMARY KEY (run_id, ordinal)
);
)";

[[noreturn]] void fail(sqlite3* db, const std::string& what) {
  throw StoreError(what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

void execute(sqlite3* db, const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string reason = message ? message : "unknown error";
    sqlite3_free(message);
    throw StoreError(std::string("run store: ") + reason);
  }
}

// A prepared statement: bind by position, step, read columns.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &statement_, nullptr) != SQLITE_OK) fail(db, "run store: preparing a query");
  }
  ~Statement() { sqlite3_finalize(statement_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, const std::string& text) {
    check(sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT));
    return *this;
  }
  Statement& bind(int index, double value) { check(sqlite3_bind_double(statement_, index, value)); return *this; }
  Statement& bind(int index, std::int64_t value) { check(sqlite3_bind_int64(statement_, index, value)); return *this; }
  Statement& bind_null(int index) { check(sqlite3_bind_null(statement_, index)); return *this; }

  // Runs an insert or update, then makes the statement ready for new values.
  void run() {
    if (sqlite3_step(statement_) != SQLITE_DONE) fail(db_, "run store: writing");
    sqlite3_reset(statement_);
  }
  // The next row of a query; false at the end.
  bool next() {
    const int status = sqlite3_step(statement_);
    if (status == SQLITE_ROW) return true;
    if (status != SQLITE_DONE) fail(db_, "run store: reading");
    return false;
  }
  [[nodiscard]] std::string text(int column) const {
    const auto* bytes = sqlite3_column_text(statement_, column);
    return bytes ? std::string(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(sqlite3_column_bytes(statement_, column))) : std::string();
  }
  [[nodiscard]] std::int64_t integer(int column) const { return sqlite3_column_int64(statement_, column); }
  [[nodiscard]] double number(int column) const { return sqlite3_column_double(statement_, column); }

 private:
  void check(int status) {
    if (status != SQLITE_OK) fail(db_, "run store: binding a value");
  }
  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
};

std::int64_t scalar(sqlite3* db, const char* sql) {
  Statement query(db, sql);
  return query.next() ? query.integer(0) : 0;
}

std::string now_utc() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

std::string dump(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

json figures(const Event& event) {
  json object = json::object();
  for (const auto& [name, value] : event.values) object[name] = value;
  return object;
}

// Rolls back unless committed: a failed run leaves no trace.
class Transaction {
 public:
  explicit Transaction(sqlite3* db) : db_(db) { execute(db, "BEGIN IMMEDIATE"); }
  ~Transaction() {
    if (!committed_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit() {
    execute(db_, "COMMIT");
    committed_ = true;
  }

 private:
  sqlite3* db_;
  bool committed_ = false;
};

struct Writer {
  sqlite3* db;
  std::int64_t run_id;
  const Scenario& scenario;

  void model(std::size_t ordinal, const ModelRun& run) {
    Statement insert(db, "INSERT INTO models VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    const auto& parameters = run.parameters.all();
    insert.bind(1, run_id).bind(2, static_cast<std::int64_t>(ordinal)).bind(3, run.model).bind(4, dump(json(parameters)));
    if (const auto seed = parameters.find("seed"); seed != parameters.end()) insert.bind(5, seed->second);
    else insert.bind_null(5);
    insert.bind(6, dump(run.forecast.details)).run();
  }

  void forecasts(const ModelRun& run) {
    Statement insert(db, "INSERT INTO forecasts VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    for (std::size_t i = 0; i < run.forecast.issues.size(); ++i) {
      const IssueForecast& issue = run.forecast.issues[i];
      insert.bind(1, run_id).bind(2, run.model).bind(3, issue.issue).bind(4, static_cast<std::int64_t>(i))
          .bind(5, issue.forecast).bind(6, dump(issue.details)).run();
    }
  }

  void positions(const ModelRun& run) {
    Statement insert(db, "INSERT INTO positions VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    auto add = [&](const std::string& issue, int round, std::size_t actor, double position) {
      insert.bind(1, run_id).bind(2, run.model).bind(3, issue).bind(4, std::int64_t{round})
          .bind(5, scenario.actors[actor].id).bind(6, position).run();
    };
    for (std::size_t i = 0; i < run.forecast.issues.size() && i < scenario.issue_count(); ++i)
      for (const auto& round : run.forecast.issues[i].rounds)
        for (std::size_t a = 0; a < scenario.actor_count() && a < round.positions.size(); ++a)
          if (scenario.stance(a, i).present) add(scenario.issues[i].id, round.round, a, round.positions[a]);
    for (const auto& round : run.forecast.rounds)
      for (std::size_t a = 0; a < scenario.actor_count() && a < round.positions.size(); ++a)
        for (std::size_t d = 0; d < scenario.issue_count() && d < round.positions[a].size(); ++d)
          add(scenario.issues[d].id, round.round, a, round.positions[a][d]);
  }

  void events(const ModelRun& run) {
    Statement insert(db, "INSERT INTO events VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    std::int64_t ordinal = 0;
    auto add = [&](const Event& event) {
      insert.bind(1, run_id).bind(2, run.model).bind(3, ordinal++).bind(4, std::int64_t{event.round}).bind(5, event.kind)
          .bind(6, dump(json(event.actors))).bind(7, dump(json(event.issues))).bind(8, event.text)
          .bind(9, dump(figures(event))).run();
    };
    for (const auto& issue : run.forecast.issues)
      for (const auto& event : issue.events) add(event);
    for (const auto& event : run.forecast.events) add(event);
  }

  void summaries(const std::vector<RunSummary>& list) {
    Statement insert(db, "INSERT INTO summaries VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    std::int64_t ordinal = 0;
    for (const auto& summary : list)
      insert.bind(1, run_id).bind(2, ordinal++).bind(3, summary.kind).bind(4, summary.model).bind(5, summary.issue)
          .bind(6, dump(summary.value)).run();
  }
};

std::vector<std::string> run_models(sqlite3* db, std::int64_t id) {
  Statement query(db, "SELECT model FROM models WHERE run_id = ?1 ORDER BY ordinal");
  query.bind(1, id);
  std::vector<std::string> models;
  while (query.next()) models.push_back(query.text(0));
  return models;
}

constexpr const char* header_columns =
    "SELECT r.id, r.created_at, r.command, r.parley_version, s.name, r.scenario_hash, r.scenario_file, s.text "
    "FROM runs r JOIN scenarios s ON s.hash = r.scenario_hash";

StoredRunHeader read_header(sqlite3* db, const Statement& row) {
  StoredRunHeader header{row.integer(0), row.text(1), row.text(2), row.text(3), row.text(4), row.text(5), row.text(6), {}};
  header.models = run_models(db, header.id);
  return header;
}

void create_or_check_schema(sqlite3* db, const std::string& path) {
  const std::int64_t version = scalar(db, "PRAGMA user_version");
  if (version == run_store_schema_version) return;
  if (version > run_store_schema_version)
    throw StoreError(fmt::format("{}: run store schema version {} is newer than this parley's ({})", path, version,
                                 run_store_schema_version));
  if (scalar(db, "SELECT count(*) FROM sqlite_master") != 0)
    throw StoreError(path + ": not a parley run store (it has tables but no schema version)");
  Transaction transaction(db);
  execute(db, schema_v1);
  execute(db, fmt::format("PRAGMA user_version = {}", run_store_schema_version).c_str());
  transaction.commit();
}

}  // namespace

RunStore::RunStore(const std::string& path) {
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    const std::string reason = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw StoreError(path + ": cannot open the run store: " + reason);
  }
  try {
    sqlite3_busy_timeout(db_, 10000);
    execute(db_, "PRAGMA foreign_keys = ON");
    create_or_check_schema(db_, path);
  } catch (const StoreError& error) {
    sqlite3_close(db_);
    const std::string message = error.what();
    // SQLite reports a non-database file on first use.
    throw StoreError(message.find("file is not a database") != std::string::npos ? path + ": not a parley run store" : message);
  }
}

RunStore::~RunStore() { sqlite3_close(db_); }

std::int64_t RunStore::record(const RunRecord& run) {
  if (!run.scenario || !run.runs) throw StoreError("run store: a run needs its scenario and forecasts");
  const std::string hash = sha256_hex(run.scenario_text);
  std::size_t forecast_count = 0;
  for (const auto& model : *run.runs) forecast_count += model.forecast.issues.size();

  Transaction transaction(db_);
  Statement(db_, "INSERT OR IGNORE INTO scenarios VALUES (?1, ?2, ?3)")
      .bind(1, hash).bind(2, run.scenario->name).bind(3, run.scenario_text).run();
  Statement(db_, "INSERT INTO runs (created_at, command, parley_version, scenario_hash, scenario_file, model_count, "
                 "forecast_count) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
      .bind(1, now_utc()).bind(2, run.command).bind(3, run.parley_version).bind(4, hash).bind(5, run.scenario_file)
      .bind(6, static_cast<std::int64_t>(run.runs->size())).bind(7, static_cast<std::int64_t>(forecast_count)).run();
  Writer writer{db_, sqlite3_last_insert_rowid(db_), *run.scenario};
  for (std::size_t m = 0; m < run.runs->size(); ++m) {
    const ModelRun& model = (*run.runs)[m];
    writer.model(m, model);
    writer.forecasts(model);
    writer.positions(model);
    writer.events(model);
  }
  writer.summaries(run.summaries);
  transaction.commit();
  return writer.run_id;
}

std::vector<StoredRunHeader> RunStore::list() const {
  Statement query(db_, (std::string(header_columns) + " ORDER BY r.id").c_str());
  std::vector<StoredRunHeader> runs;
  while (query.next()) runs.push_back(read_header(db_, query));
  return runs;
}

StoredRun RunStore::load(std::int64_t id) const {
  Statement header(db_, (std::string(header_columns) + " WHERE r.id = ?1").c_str());
  header.bind(1, id);
  if (!header.next()) throw StoreError(fmt::format("no run {} in the store", id));
  StoredRun run;
  run.header = read_header(db_, header);
  run.scenario_text = header.text(7);
  Statement models(db_, "SELECT model, parameters, coalesce(seed, '') FROM models WHERE run_id = ?1 ORDER BY ordinal");
  models.bind(1, id);
  while (models.next()) run.models.push_back({models.text(0), json::parse(models.text(1)), models.text(2)});
  Statement forecasts(db_,
                      "SELECT f.model, f.issue, f.forecast FROM forecasts f JOIN models m ON m.run_id = f.run_id AND "
                      "m.model = f.model WHERE f.run_id = ?1 ORDER BY m.ordinal, f.issue_ordinal");
  forecasts.bind(1, id);
  while (forecasts.next()) run.forecasts.push_back({forecasts.text(0), forecasts.text(1), forecasts.number(2)});
  Statement positions(db_, "SELECT count(*) FROM positions WHERE run_id = ?1");
  positions.bind(1, id);
  if (positions.next()) run.position_rows = positions.integer(0);
  Statement events(db_, "SELECT count(*) FROM events WHERE run_id = ?1");
  events.bind(1, id);
  if (events.next()) run.event_rows = events.integer(0);
  Statement summaries(db_, "SELECT kind, model, issue, value FROM summaries WHERE run_id = ?1 ORDER BY ordinal");
  summaries.bind(1, id);
  while (summaries.next())
    run.summaries.push_back({summaries.text(0), summaries.text(1), summaries.text(2), json::parse(summaries.text(3))});
  return run;
}

std::int64_t record_run(const std::string& path, const RunRecord& run) { return RunStore(path).record(run); }

}  // namespace parley::io
