// The tidy (long) export tables: one observation per row, exact columns.
#include <nlohmann/json.hpp>

#include "command_runner.hpp"
#include "forecast_writers.hpp"
#include "test_support.hpp"

namespace parley {
namespace {

io::ModelRun two_round_run() {
  io::ModelRun run{"dyn", Parameters(), {}};
  IssueForecast issue;
  issue.issue = "issue";
  issue.forecast = 0.5;
  issue.rounds = {{0, {10.0, 90.0}}, {1, {20.0, 80.0}}};
  issue.events = {{1, "compromise", {"a", "b"}, {"issue"}, "a, \"quoted\", moves", {{"to", 20.0}, {"gain", 0.25}}}};
  run.forecast.issues.push_back(issue);
  SpatialRound spatial{1, {{1.0}, {2.0}}};
  run.forecast.rounds.push_back(spatial);
  return run;
}

class TidyTables : public ::testing::Test {
 protected:
  Scenario scenario = test::one_issue({{"a", 10, 1, 1}, {"b", 90, 1, 1}});
  std::vector<io::ModelRun> runs{two_round_run()};
};

TEST_F(TidyTables, Forecasts) {
  EXPECT_EQ(io::render_csv(io::tidy_table(scenario, runs, "forecasts")), "scenario,model,issue,forecast\ntest,dyn,issue,0.5\n");
}

TEST_F(TidyTables, RoundsIncludeSpatialDimensions) {
  EXPECT_EQ(io::render_csv(io::tidy_table(scenario, runs, "rounds")),
            "scenario,model,issue,round,actor,position\n"
            "test,dyn,issue,0,a,10\ntest,dyn,issue,0,b,90\ntest,dyn,issue,1,a,20\ntest,dyn,issue,1,b,80\n"
            "test,dyn,issue,1,a,1\ntest,dyn,issue,1,b,2\n");
}

TEST_F(TidyTables, EventsAndTheirValues) {
  EXPECT_EQ(io::render_csv(io::tidy_table(scenario, runs, "events")),
            "scenario,model,event,round,kind,actors,issues,text\n"
            "test,dyn,1,1,compromise,a;b,issue,\"a, \"\"quoted\"\", moves\"\n");
  EXPECT_EQ(io::render_csv(io::tidy_table(scenario, runs, "event-values")),
            "scenario,model,event,name,value\ntest,dyn,1,to,20\ntest,dyn,1,gain,0.25\n");
}

TEST_F(TidyTables, JsonRecords) {
  const auto records = nlohmann::json::parse(io::render_json(io::tidy_table(scenario, runs, "event-values")));
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1], (nlohmann::json{{"scenario", "test"}, {"model", "dyn"}, {"event", 1}, {"name", "gain"}, {"value", 0.25}}));
}

TEST_F(TidyTables, UnknownTableThrows) { EXPECT_THROW((void)io::tidy_table(scenario, runs, "nope"), std::invalid_argument); }

TEST(TidyTablesCli, ForecastTableOfTheFlagship) {
  const auto csv = test::run_parley("forecast --model all --table forecasts");
  ASSERT_EQ(csv.exit_code, 0) << csv.out;
  EXPECT_EQ(csv.out.rfind("scenario,model,issue,forecast\nukraine-2025,", 0), 0u) << csv.out;
  const auto json = test::run_parley("forecast --model weighted-mean --table forecasts --format json");
  ASSERT_EQ(json.exit_code, 0) << json.out;
  EXPECT_EQ(nlohmann::json::parse(json.out).size(), 6u);
  EXPECT_EQ(test::run_parley("forecast --table nonsense").exit_code, 2);
}

}  // namespace
}  // namespace parley
