// Hand-computed forecasts of the baseline models, including degenerate but legal inputs.
#include <cmath>

#include "nash/nash.hpp"
#include "parley/registry.hpp"
#include "parley/statistics.hpp"
#include "test_support.hpp"

namespace parley {
namespace {

using test::one_issue;

double forecast(const std::string& model, const Scenario& scenario, const ParameterValues& parameters = {}) {
  const Model* m = Registry::builtin().find(model);
  EXPECT_NE(m, nullptr) << model;
  const Forecast f = m->run(scenario, parameters);
  EXPECT_EQ(f.issues.size(), scenario.issue_count());
  EXPECT_TRUE(std::isfinite(f.issues.at(0).forecast));
  return f.issues.at(0).forecast;
}

// Three actors: positions 0, 50, 100; capability × salience = 1×1, 2×0.5, 3×1 → weights 1, 1, 3.
const Scenario three = one_issue({{"a", 0, 1.0, 1}, {"b", 50, 0.5, 2}, {"c", 100, 1.0, 3}});

TEST(Mean, IsTheUnweightedAverage) { EXPECT_DOUBLE_EQ(forecast("mean", three), 50.0); }

TEST(WeightedMean, WeightsByCapabilityTimesSalience) {
  // (0×1 + 50×1 + 100×3) / 5 = 70
  EXPECT_DOUBLE_EQ(forecast("weighted-mean", three), 70.0);
}

TEST(WeightedMedian, FindsTheMedianVoter) {
  // Cumulative weights 1, 2, 5 of total 5: half (2.5) is first passed at c.
  EXPECT_DOUBLE_EQ(forecast("weighted-median", three), 100.0);
}

TEST(WeightedMedian, ExactHalfSplitTakesTheMidpoint) {
  const Scenario tie = one_issue({{"a", 20, 1.0, 1}, {"b", 60, 1.0, 1}});
  EXPECT_DOUBLE_EQ(forecast("weighted-median", tie), 40.0);
}

TEST(Baselines, SingleActorForecastsItsOwnPosition) {
  const Scenario one = one_issue({{"solo", 37, 0.4, 2}});
  for (const char* model : {"mean", "weighted-mean", "weighted-median", "nash"})
    EXPECT_DOUBLE_EQ(forecast(model, one), 37.0) << model;
}

TEST(Baselines, IdenticalPositionsForecastThatPosition) {
  const Scenario same = one_issue({{"a", 64, 0.2, 1}, {"b", 64, 0.9, 5}, {"c", 64, 0.5, 2}});
  for (const char* model : {"mean", "weighted-mean", "weighted-median", "nash"})
    EXPECT_DOUBLE_EQ(forecast(model, same), 64.0) << model;
}

TEST(Baselines, AllSaliencesZeroFallBackToEqualWeights) {
  const Scenario zero = one_issue({{"a", 10, 0.0, 1}, {"b", 20, 0.0, 9}, {"c", 90, 0.0, 3}});
  EXPECT_DOUBLE_EQ(forecast("weighted-mean", zero), 40.0);
  EXPECT_DOUBLE_EQ(forecast("weighted-median", zero), 20.0);
  EXPECT_TRUE(std::isfinite(forecast("nash", zero)));
}

TEST(Baselines, ZeroSalienceActorIsIgnoredWhenOthersCare) {
  const Scenario some = one_issue({{"a", 10, 0.0, 100}, {"b", 30, 1.0, 1}, {"c", 50, 1.0, 1}});
  EXPECT_DOUBLE_EQ(forecast("weighted-mean", some), 40.0);
  EXPECT_DOUBLE_EQ(forecast("weighted-median", some), 40.0);
}

TEST(Nash, WorstPointDisagreementOnHandComputedCase) {
  // Two equal actors at 20 and 60 on [0, 100]: D = 80 and 60 (their farthest ends).
  // Maximise ln(6400 - (x-20)²) + ln(3600 - (x-60)²): derivative zero where
  // (x-20)(3600-(x-60)²) + (x-60)(6400-(x-20)²) = 0; that cubic's root in (20, 60), found
  // separately by bisection in Python, is 45.21139526125247. The actor at 60 fears its far end
  // (0) less than the actor at 20 fears 100, so the solution leans towards 60.
  const double x = nash_bargaining_solution(std::vector<double>{20, 60}, std::vector<double>{1, 1}, std::nullopt, 0, 100);
  EXPECT_NEAR(x, 45.21139526125247, 1e-9);
}

TEST(Nash, StatusQuoOnOneSideGivesAClosedForm) {
  // Status quo 0; actors at 40 (weight 1) and 60 (weight 1): reaches 40 and 60, feasible (0, 80).
  // Maximise ln(1600 - (x-40)²) + ln(3600 - (x-60)²) = ln(x(80-x)) + ln(x(120-x)).
  // Derivative: 2/x - 1/(80-x) - 1/(120-x) = 0 → 3x² - 600x + 19200 = 0... rearranged:
  // 2(80-x)(120-x) = x(120-x) + x(80-x) → 4x² - 600x + 19200 = 0 → x = (600 - √(360000-307200))/8 = 46.5983...
  const double expected = (600.0 - std::sqrt(360000.0 - 307200.0)) / 8.0;
  const double x = nash_bargaining_solution(std::vector<double>{40, 60}, std::vector<double>{1, 1}, 0.0, 0, 100);
  EXPECT_NEAR(x, expected, 1e-9);
}

TEST(Nash, ActorsOnBothSidesOfTheStatusQuoKeepIt) {
  const double x = nash_bargaining_solution(std::vector<double>{20, 80}, std::vector<double>{1, 1}, 50.0, 0, 100);
  EXPECT_DOUBLE_EQ(x, 50.0);
}

TEST(Nash, UsesTheIssueStatusQuoByDefault) {
  Scenario s = one_issue({{"a", 40, 1.0, 1}, {"b", 60, 1.0, 1}});
  s.issues[0].status_quo = 0.0;
  EXPECT_NEAR(forecast("nash", s), (600.0 - std::sqrt(52800.0)) / 8.0, 1e-9);
  EXPECT_NE(forecast("nash", s, {{"disagreement", "worst"}}), forecast("nash", s));
}

TEST(Statistics, EmptyInputIsAnError) {
  EXPECT_THROW((void)weighted_mean(std::vector<double>{}, std::vector<double>{}), std::invalid_argument);
}

}  // namespace
}  // namespace parley
