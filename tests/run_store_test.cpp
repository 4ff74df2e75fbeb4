// The run store: runs kept and read back whole, listed, shown, diffed; a writer killed in the
// middle of a run leaves a consistent store.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <regex>
#include <sqlite3.h>
#include <thread>

#include "command_runner.hpp"
#include "parley/registry.hpp"
#include "run_store.hpp"
#include "test_support.hpp"

namespace parley {
namespace {

namespace fs = std::filesystem;

// A store file that is removed with its journal when the test ends.
class TempStore {
 public:
  TempStore() : path_((fs::temp_directory_path() / ("parley_store_" + std::to_string(::getpid()) + "_" +
                                                    std::to_string(counter_++) + ".db")).string()) {
    remove();
  }
  ~TempStore() { remove(); }
  TempStore(const TempStore&) = delete;
  TempStore& operator=(const TempStore&) = delete;
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  void remove() const {
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) fs::remove(path_ + suffix);
  }
  static inline int counter_ = 0;
  std::string path_;
};

TEST(Sha256, KnownDigests) {
  // FIPS 180-2 appendix B examples.
  EXPECT_EQ(io::sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(io::sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(io::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(io::sha256_hex(std::string(1000000, 'a')), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, PaddingBoundaries) {
  // Python's hashlib.sha256 of "abcd…" (letters cycling) of each length.
  const std::vector<std::pair<std::size_t, std::string>> expected = {
      {55, "595615dbe4f0f407ae397d08b4c2cb870cb9b0e11937416f950c5160acf9c005"},
      {56, "784f623b787495078e93ff28a25b581df0584055a7e71d8cd90c454716b92f51"},
      {63, "5ca3e1ef5207490eac01a795e5cc94d59582a5118bf9534665c8668d87aa647c"},
      {64, "2fcd5a0d60e4c941381fcc4e00a4bf8be422c3ddfafb93c809e8d1e2bfffae8e"},
      {65, "1b3cd1877ab2f2f19f7be001722554f336cb799df0329de0bb4c118dc6abc06d"},
      {119, "faef67da856d6fd9c8d12f9ed0a4fefd3cf0ce085ab43e2907418d457e3c354b"},
      {120, "c9512b08619c19fbb503c7da6b46ef20301e5f7a7a5f43989182398536f5c5c8"},
      {128, "6c05be2c4268843ae47e68e611277ce62c02153f2f4d2e1e2a1a4b44f766cf74"}};
  for (const auto& [length, digest] : expected) {
    std::string text;
    for (std::size_t k = 0; k < length; ++k) text += static_cast<char>('a' + k % 26);
    EXPECT_EQ(io::sha256_hex(text), digest) << length;
  }
}

// A dynamic-looking forecast: `rounds` rounds of positions and one event per round.
io::ModelRun dynamic_run(const Scenario& scenario, int rounds) {
  io::ModelRun run{"dynamic", Parameters({{"seed", "7", "", {}}}, {}), {}};
  run.forecast.model = "dynamic";
  for (std::size_t i = 0; i < scenario.issue_count(); ++i) {
    IssueForecast issue;
    issue.issue = scenario.issues[i].id;
    issue.forecast = 40.0 + static_cast<double>(i);
    for (int r = 0; r <= rounds; ++r) {
      RoundPositions round{r, std::vector<double>(scenario.actor_count(), 0.0)};
      for (std::size_t a = 0; a < scenario.actor_count(); ++a) round.positions[a] = static_cast<double>(a + r);
      issue.rounds.push_back(std::move(round));
      if (r > 0) issue.events.push_back({r, "move", {scenario.actors[0].id}, {issue.issue}, "someone moves", {{"to", 1.0}}});
    }
    run.forecast.issues.push_back(std::move(issue));
  }
  return run;
}

Scenario wide_scenario(std::size_t actors, std::size_t issues) {
  Scenario s;
  s.name = "wide";
  for (std::size_t a = 0; a < actors; ++a) s.actors.push_back({"a" + std::to_string(a), "A" + std::to_string(a), {}, "", 1.0, ""});
  for (std::size_t i = 0; i < issues; ++i) {
    Issue issue;
    issue.id = issue.label = "i" + std::to_string(i);
    s.issues.push_back(issue);
  }
  s.reset_stances();
  for (std::size_t a = 0; a < actors; ++a)
    for (std::size_t i = 0; i < issues; ++i) s.stance(a, i) = {true, 50.0, 0.5, std::nullopt, "", "", ""};
  return s;
}

TEST(RunStore, KeepsAWholeRunAndReadsItBack) {
  TempStore store;
  const Scenario scenario = wide_scenario(3, 2);
  const Model& mean = *Registry::builtin().find("mean");
  std::vector<io::ModelRun> runs;
  runs.push_back({"mean", Parameters(mean.info().parameters, {}), mean.run(scenario)});
  runs.push_back(dynamic_run(scenario, 4));
  io::RunRecord record{"forecast", "9.9.9", "wide.toml", "the text", &scenario, &runs,
                       {{"sensitivity", "mean", "i0", {{"p05", 1.5}}}}};
  io::RunStore kept(store.path());
  const auto first = kept.record(record);
  const auto second = kept.record(record);
  EXPECT_EQ(second, first + 1);
  const io::StoredRun run = kept.load(first);
  EXPECT_EQ(run.header.command, "forecast");
  EXPECT_EQ(run.header.parley_version, "9.9.9");
  EXPECT_EQ(run.header.scenario_hash, io::sha256_hex("the text"));
  EXPECT_EQ(run.scenario_text, "the text");
  EXPECT_EQ(run.header.models, (std::vector<std::string>{"mean", "dynamic"}));
  ASSERT_EQ(run.models.size(), 2u);
  EXPECT_EQ(run.models[1].seed, "7");
  ASSERT_EQ(run.forecasts.size(), 4u);
  EXPECT_EQ(run.forecasts[0].forecast, 50.0);
  EXPECT_EQ(run.forecasts[3].issue, "i1");
  EXPECT_EQ(run.forecasts[3].forecast, 41.0);
  EXPECT_EQ(run.position_rows, 2 * 5 * 3);  // issues × rounds 0..4 × actors
  EXPECT_EQ(run.event_rows, 2 * 4);
  ASSERT_EQ(run.summaries.size(), 1u);
  EXPECT_EQ(run.summaries[0].value.at("p05"), 1.5);
  EXPECT_EQ(kept.list().size(), 2u);
  EXPECT_THROW((void)kept.load(99), io::StoreError);
}

TEST(RunStore, RefusesForeignAndNewerFiles) {
  TempStore store;
  { std::ofstream(store.path()) << "not a database at all, just some text that is long enough to look like a header"; }
  EXPECT_THROW(io::RunStore{store.path()}, io::StoreError);
  fs::remove(store.path());
  { io::RunStore created(store.path()); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(store.path().c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  EXPECT_THROW(io::RunStore{store.path()}, io::StoreError);
}

// Kills a writer at random moments, many times; the store must stay whole, and every run it
// lists complete.
TEST(RunStore, KillingTheWriterMidRunLeavesItConsistent) {
  TempStore store;
  const Scenario scenario = wide_scenario(12, 8);
  const std::vector<io::ModelRun> runs{dynamic_run(scenario, 60)};  // 8 × 61 × 12 position rows a run
  const io::RunRecord record{"forecast", "test", "wide.toml", "wide", &scenario, &runs, {}};
  { io::RunStore created(store.path()); }
  std::mt19937_64 random(20250212);
  int kills_mid_transaction = 0;
  for (int attempt = 0; attempt < 12; ++attempt) {
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      try {
        io::RunStore writer(store.path());
        for (;;) (void)writer.record(record);
      } catch (...) {
        _exit(3);
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(20, 400)(random)));
    ASSERT_EQ(kill(child, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the writer stopped by itself, status " << status;
    // A journal left behind means the kill came inside a transaction.
    if (fs::exists(store.path() + "-journal") && fs::file_size(store.path() + "-journal") > 0) ++kills_mid_transaction;
  }
  EXPECT_GT(kills_mid_transaction, 0) << "no kill landed inside a transaction; the test proved nothing";

  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(store.path().c_str(), &db), SQLITE_OK);
  auto scalar_text = [&](const char* sql) {
    sqlite3_stmt* statement = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &statement, nullptr), SQLITE_OK) << sql;
    std::string value = sqlite3_step(statement) == SQLITE_ROW ? reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)) : "";
    sqlite3_finalize(statement);
    return value;
  };
  EXPECT_EQ(scalar_text("PRAGMA integrity_check"), "ok");
  EXPECT_EQ(scalar_text("SELECT count(*) FROM runs WHERE forecast_count != "
                        "(SELECT count(*) FROM forecasts f WHERE f.run_id = runs.id)"), "0");
  EXPECT_EQ(scalar_text("SELECT count(*) FROM runs WHERE model_count != "
                        "(SELECT count(*) FROM models m WHERE m.run_id = runs.id)"), "0");
  EXPECT_EQ(scalar_text("SELECT count(*) FROM runs WHERE (SELECT count(*) FROM positions p WHERE p.run_id = runs.id) != 5856"), "0");
  EXPECT_EQ(scalar_text("SELECT count(*) FROM positions WHERE run_id NOT IN (SELECT id FROM runs)"), "0");
  EXPECT_EQ(scalar_text("SELECT count(*) FROM events WHERE run_id NOT IN (SELECT id FROM runs)"), "0");
  sqlite3_close(db);
  // And parley reads every run back.
  io::RunStore reopened(store.path());
  const auto kept = reopened.list();
  EXPECT_GT(kept.size(), 0u) << "no run was ever completed; the test proved nothing";
  for (const auto& header : kept) EXPECT_EQ(reopened.load(header.id).forecasts.size(), 8u);
  std::cout << kept.size() << " complete runs kept, " << kills_mid_transaction << " of 12 kills inside a transaction\n";
}

std::string copy_with_salience(const std::string& text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.substr(0, at) + to + text.substr(at + from.size());
}

TEST(RunsCommand, StoreListShowAndDiffAfterOneSalienceChange) {
  TempStore store;
  const std::string flagship = test::source_path("scenarios/ukraine-2025.toml");
  std::ifstream in(flagship);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Russia's salience on territory: the first stance of russia on territory.
  const std::string stance = "actor = \"russia\"\nissue = \"territory\"\nposition = 0\nsalience = 0.9\n";
  ASSERT_NE(text.find(stance), std::string::npos) << "the flagship's stance changed; update the test";
  const fs::path changed = fs::temp_directory_path() / ("parley_changed_" + std::to_string(::getpid()) + ".toml");
  std::ofstream(changed) << copy_with_salience(text, stance, "actor = \"russia\"\nissue = \"territory\"\nposition = 0\nsalience = 0.3\n");

  const auto first = test::run_parley("forecast --model all --store " + store.path() + " -o /dev/null");
  ASSERT_EQ(first.exit_code, 0) << first.out;
  EXPECT_NE(first.out.find("recorded as run 1"), std::string::npos) << first.out;
  const auto second = test::run_parley("forecast " + changed.string() + " --model all --store " + store.path() + " -o /dev/null");
  ASSERT_EQ(second.exit_code, 0) << second.out;

  const auto list = test::run_parley("runs list --store " + store.path());
  ASSERT_EQ(list.exit_code, 0) << list.out;
  EXPECT_EQ(std::count(list.out.begin(), list.out.end(), '\n'), 2) << list.out;
  EXPECT_NE(list.out.find("sha256:" + io::sha256_hex(text).substr(0, 12)), std::string::npos) << list.out;

  const auto show = test::run_parley("runs show 1 --store " + store.path());
  ASSERT_EQ(show.exit_code, 0) << show.out;
  EXPECT_TRUE(std::regex_search(show.out, std::regex("weighted-median +territory +\\d"))) << show.out;
  EXPECT_NE(show.out.find(flagship), std::string::npos) << show.out;

  const auto diff = test::run_parley("runs diff 1 2 --store " + store.path());
  ASSERT_EQ(diff.exit_code, 0) << diff.out;
  EXPECT_TRUE(std::regex_search(diff.out, std::regex("\\n  - +\\d+: salience = 0.9\\n  \\+ +\\d+: salience = 0.3\\n"))) << diff.out;
  // Only the territory forecasts can move; the weighted mean's must.
  EXPECT_TRUE(std::regex_search(diff.out, std::regex("weighted-mean +territory +[0-9.]+ +[0-9.]+ +[-+][0-9.]+"))) << diff.out;
  EXPECT_TRUE(std::regex_search(diff.out, std::regex("weighted-mean +nato +([0-9.]+) +\\1 +0\\n"))) << diff.out;

  const auto missing = test::run_parley("runs show 7 --store " + store.path());
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.out.find("no run 7"), std::string::npos) << missing.out;
  fs::remove(changed);
}

}  // namespace
}  // namespace parley
