// The HTML report's content, without a browser: which charts each issue gets, escaping, and
// the tolerant reading of sensitivity output.
#include <nlohmann/json.hpp>

#include "report_writer.hpp"
#include "test_support.hpp"

namespace parley {
namespace {

using nlohmann::json;

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

io::ModelRun static_run(const std::string& model, double forecast) {
  io::ModelRun run{model, Parameters(), {}};
  IssueForecast issue;
  issue.issue = "issue";
  issue.forecast = forecast;
  run.forecast.issues.push_back(issue);
  return run;
}

io::ModelRun eum_like_run() {
  io::ModelRun run = static_run("eum", 40);
  auto& issue = run.forecast.issues[0];
  issue.rounds = {{0, {10.0, 90.0}}, {1, {30.0, 85.0}}};
  issue.details["perspectives"] = {{"round", 1},
                                   {"actors", {{{"actor", "a"}, {"others", {{{"other", "b"}, {"eu_i_challenges_j", 0.3}, {"eu_j_challenges_i", -0.2}}}}},
                                               {{"actor", "b"}, {"others", {{{"other", "a"}, {"eu_i_challenges_j", -0.1}, {"eu_j_challenges_i", 0.4}}}}}}}};
  return run;
}

class Report : public ::testing::Test {
 protected:
  Scenario scenario = test::one_issue({{"a", 10, 1, 2}, {"b", 90, 0.5, 1}});
};

TEST_F(Report, StaticModelsGiveOnlyThePositionsChart) {
  const auto charts = io::report_charts(scenario, {static_run("mean", 50), static_run("nash", 60)}, {});
  ASSERT_EQ(charts.size(), 1u);
  EXPECT_EQ(charts[0].id, "chart-1-positions");
  const std::string spec = charts[0].spec.dump();
  EXPECT_NE(spec.find("\"weight\":2.0"), std::string::npos) << "a: capability 2 × salience 1";
  EXPECT_NE(spec.find("\"model\":\"nash\""), std::string::npos);
}

TEST_F(Report, DynamicModelsGiveTrajectoriesAndPerspectives) {
  const auto charts = io::report_charts(scenario, {static_run("mean", 50), eum_like_run()}, {"", "b", nullptr});
  ASSERT_EQ(charts.size(), 3u);
  EXPECT_EQ(charts[1].kind, "trajectories");
  EXPECT_EQ(charts[1].spec["data"]["values"].size(), 4u);  // 2 rounds × 2 actors, eum only
  EXPECT_EQ(charts[2].kind, "perspectives");
  EXPECT_EQ(charts[2].spec["params"][0]["value"], "b") << "the actor asked for is shown first";
  EXPECT_EQ(charts[2].spec["data"]["values"].size(), 2u);
}

TEST_F(Report, MalformedPerspectivesAreLeftOut) {
  io::ModelRun run = eum_like_run();
  run.forecast.issues[0].details["perspectives"] = "not a chart";
  const auto charts = io::report_charts(scenario, {run}, {});
  for (const auto& chart : charts) EXPECT_NE(chart.kind, "perspectives");
}

TEST_F(Report, ScriptEndTagsInDataCannotCloseTheScript) {
  scenario.actors[0].name = "</script><script>alert(1)</script>";
  scenario.issues[0].label = "<b>label</b>";
  const std::string html = io::render_report(scenario, {static_run("mean", 50)}, {});
  // vega, vega-lite, vega-embed, the chart data, the page script: five scripts, five ends.
  EXPECT_EQ(count(html, "</script>"), 5u);
  EXPECT_EQ(count(html, "<b>label</b>"), 0u);
  EXPECT_NE(html.find("&lt;b&gt;label&lt;/b&gt;"), std::string::npos);
  EXPECT_NE(html.find("\\u003c/script\\u003e"), std::string::npos);
}

TEST(ReportSensitivity, ReadsDrawsAndQuantilesWhereverTheyAre) {
  const json output = {{"scenario", "x"},
                       {"results", {{{"model", "eum"},
                                     {"issues", {{{"issue", "nato"}, {"draws", {1.0, 2.0, "x", 3.0}}},
                                                 {{"issue", "aid"}, {"quantiles", {{"0.05", 10.0}, {"0.95", 30.0}}}}}}},
                                    {{"model", "nash"},
                                     {"issues", {{{"issue", "nato"}, {"quantiles", {{{"q", 0.5}, {"value", 7.0}}}}}}}}}}};
  const json rows = io::sensitivity_rows(output);
  ASSERT_EQ(rows.size(), 6u);
  EXPECT_EQ(rows[0], (json{{"model", "eum"}, {"issue", "nato"}, {"draw", 1.0}}));
  EXPECT_EQ(rows[3], (json{{"model", "eum"}, {"issue", "aid"}, {"quantile", "0.05"}, {"value", 10.0}}));
  EXPECT_EQ(rows[5], (json{{"model", "nash"}, {"issue", "nato"}, {"quantile", "0.5"}, {"value", 7.0}}));
  EXPECT_TRUE(io::sensitivity_rows(nullptr).empty());
  EXPECT_TRUE(io::sensitivity_rows(json::array({1, 2})).empty());
}

TEST_F(Report, SensitivityChartWhenGiven) {
  const json output = {{"issues", {{{"issue", "issue"}, {"draws", {40.0, 45.0, 50.0}}}}}};
  const auto charts = io::report_charts(scenario, {static_run("mean", 50)}, {"", "", output});
  ASSERT_EQ(charts.size(), 2u);
  EXPECT_EQ(charts[1].kind, "sensitivity");
}

}  // namespace
}  // namespace parley
