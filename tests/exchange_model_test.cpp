// The exchange model on exchanges worked out by hand, on degenerate inputs, and random-rate.
#include <cmath>

#include "parley/registry.hpp"
#include "readers.hpp"
#include "test_support.hpp"

namespace parley {
namespace {

struct Stand {
  double position, salience;
};

// Actors a, b, ... with one capability each, on issues p and q (0–100), in that order.
Scenario two_issues(const std::vector<std::pair<Stand, Stand>>& stands, const std::vector<double>& capabilities) {
  Scenario s;
  for (std::size_t k = 0; k < stands.size(); ++k) {
    Actor actor;
    actor.id = actor.name = std::string(1, static_cast<char>('a' + k));
    actor.capability = capabilities[k];
    s.actors.push_back(actor);
  }
  for (const char* id : {"p", "q"}) {
    Issue issue;
    issue.id = issue.label = id;
    s.issues.push_back(issue);
  }
  s.reset_stances();
  for (std::size_t k = 0; k < stands.size(); ++k) {
    s.stance(k, 0) = Stance{true, stands[k].first.position, stands[k].first.salience, {}, {}, {}, {}};
    s.stance(k, 1) = Stance{true, stands[k].second.position, stands[k].second.salience, {}, {}, {}, {}};
  }
  return s;
}

Forecast run(const Scenario& s, ParameterValues parameters) {
  return Registry::builtin().find("exchange")->run(s, parameters);
}

double value(const Event& event, const std::string& name) {
  for (const auto& [key, v] : event.values)
    if (key == name) return v;
  ADD_FAILURE() << "no value " << name;
  return 0.0;
}

// a: p at 0 (salience 0.2), q at 0 (0.8).  b: p at 100 (0.8), q at 100 (0.2).  Capabilities 1.
// Σ s·c = 1 on both issues; nbs_p = 0.8·100 = 80, nbs_q = 0.2·100 = 20. a is left of both
// outcomes (group D), b right of both (group A): one candidate exchange. b cares relatively more
// about p (0.8/0.2 > 0.2/0.8), so b gives way on q (side I) and a on p (side J).
//   J moves to I's position on p: dp = |100 − 0|·0.2·1 / 1 = 20 (shift of the p outcome);
//   equal-gain rate: dq = (0.2 + 0.8)/(0.8 + 0.2) · dp = 20; I's move = dq·Σ/(c·s) = 20/0.2 = 100,
//   not beyond a's position on q (|0 − 100| = 100), so both move all the way: a to 100 on p,
//   b to 0 on q. Gain = |dq·s_Iq − dp·s_Ip| = |20·0.2 − 20·0.8| = 12 for each.
// Round 1 voting positions: p: a 100, b 100 → nbs 100; q: a 0, b 0 → nbs 0.
// Start of round 2 (pulled back): k = (1 − 0.2)·0.4 = 0.32, new = (0.32 + 0.1)·y + (1 − 0.32 − 0.1)·start:
//   a on p: 0.42·100 + 0.58·0 = 42; b on q: 0.42·0 + 0.58·100 = 58.
// Round 2: nbs_p = 0.2·42 + 0.8·100 = 88.4, nbs_q = 0.2·58 = 11.6; the same exchange:
//   dp = |100 − 42|·0.2 = 11.6, dq = 11.6, I's move = 11.6/0.2 = 58 = |0 − 58|: again all the way,
//   gain = |11.6·0.2 − 11.6·0.8| = 6.96.
Scenario mirrored() { return two_issues({{{0, 0.2}, {0, 0.8}}, {{100, 0.8}, {100, 0.2}}}, {1, 1}); }

TEST(ExchangeModel, HandWorkedFullExchange) {
  for (const char* arithmetic : {"decimal", "double"}) {
    const Forecast f = run(mirrored(), {{"rounds", "2"}, {"arithmetic", arithmetic}});
    ASSERT_EQ(f.events.size(), 2u);
    const Event& first = f.events[0];
    EXPECT_EQ(first.round, 1);
    EXPECT_EQ(first.actors, (std::vector<std::string>{"b", "a"}));
    EXPECT_EQ(first.issues, (std::vector<std::string>{"q", "p"}));
    EXPECT_NEAR(value(first, "gain"), 12.0, 1e-12);
    EXPECT_NEAR(value(first, "supply_from_1"), 100.0, 1e-12);
    EXPECT_NEAR(value(first, "supply_to_1"), 0.0, 1e-12);
    EXPECT_NEAR(value(first, "supply_from_2"), 0.0, 1e-12);
    EXPECT_NEAR(value(first, "supply_to_2"), 100.0, 1e-12);
    EXPECT_NEAR(f.issues[0].rounds[1].positions[0], 100.0, 1e-12);  // a on p after round 1
    EXPECT_NEAR(f.issues[1].rounds[1].positions[1], 0.0, 1e-12);    // b on q after round 1
    EXPECT_NEAR(value(f.events[1], "supply_from_1"), 58.0, 1e-12);  // b's pulled-back start on q
    EXPECT_NEAR(value(f.events[1], "supply_from_2"), 42.0, 1e-12);  // a's on p
    EXPECT_NEAR(value(f.events[1], "gain"), 6.96, 1e-12);
    EXPECT_NEAR(f.issues[0].forecast, 100.0, 1e-12);
    EXPECT_NEAR(f.issues[1].forecast, 0.0, 1e-12);
  }
}

// Issues of different groups (e.g. two legislative proposals) are separate negotiations: with
// p and q apart, mirrored()'s exchange is not formed and each forecast stays the weighted mean
// (nbs_p = 80, nbs_q = 20, worked out above); in one group, or with scope=all, it is.
TEST(ExchangeModel, ExchangesPairOnlyIssuesOfOneGroup) {
  Scenario apart = mirrored();
  apart.issues[0].group = "g1";
  apart.issues[1].group = "g2";
  const Forecast separate = run(apart, {{"rounds", "2"}});
  EXPECT_TRUE(separate.events.empty());
  EXPECT_NEAR(separate.issues[0].forecast, 80.0, 1e-12);
  EXPECT_NEAR(separate.issues[1].forecast, 20.0, 1e-12);
  EXPECT_EQ(run(apart, {{"rounds", "2"}, {"scope", "all"}}).events.size(), 2u);
  Scenario together = mirrored();
  together.issues[0].group = together.issues[1].group = "g1";
  EXPECT_EQ(run(together, {{"rounds", "2"}}).events.size(), 2u);
}

// As above but b stands at 50 on q: nbs_q = 0.2·50 = 10. J's full move gives dq = 20 and would
// take b 20/0.2 = 100 along q, past a's position (|0 − 50| = 50). So I (b) moves all the way
// instead: dq = |0 − 50|·0.2·1 / 1 = 10, dp = (0.2 + 0.8)/(0.8 + 0.2) · 10 = 10, and a moves
// dp·Σ/(c·s) = 10/0.2 = 50 on p: a to 50, b to 0. Gain = |10·0.2 − 10·0.8| = 6.
// Round 1: p: a 50, b 100 → nbs = 0.2·50 + 0.8·100 = 90; q: both at 0 → nbs 0.
TEST(ExchangeModel, HandWorkedExchangeCappedAtThePartner) {
  const Scenario s = two_issues({{{0, 0.2}, {0, 0.8}}, {{100, 0.8}, {50, 0.2}}}, {1, 1});
  const Forecast f = run(s, {{"rounds", "1"}});
  ASSERT_EQ(f.events.size(), 1u);
  EXPECT_NEAR(value(f.events[0], "gain"), 6.0, 1e-12);
  EXPECT_NEAR(value(f.events[0], "supply_to_1"), 0.0, 1e-12);
  EXPECT_NEAR(value(f.events[0], "supply_to_2"), 50.0, 1e-12);
  EXPECT_NEAR(f.issues[0].forecast, 90.0, 1e-12);
  EXPECT_NEAR(f.issues[1].forecast, 0.0, 1e-12);
}

// Actors on the same side of both outcomes have nothing to trade: the forecast is the weighted mean.
TEST(ExchangeModel, NoExchangeLeavesTheWeightedMean) {
  const Scenario s = two_issues({{{10, 0.5}, {20, 0.5}}, {{10, 0.5}, {20, 0.5}}}, {1, 3});
  const Forecast f = run(s, {});
  EXPECT_TRUE(f.events.empty());
  EXPECT_NEAR(f.issues[0].forecast, 10.0, 1e-12);
  EXPECT_NEAR(f.issues[1].forecast, 20.0, 1e-12);
}

TEST(ExchangeModel, DegenerateInputsGiveFiniteAnswers) {
  // One actor.
  EXPECT_NEAR(run(test::one_issue({{"solo", 40, 0.5, 1}}), {}).issues[0].forecast, 40.0, 1e-12);
  // One issue: no pair of issues to trade across; the weighted mean (0·0.5·1 + 100·1·3) / 3.5.
  const Scenario one = test::one_issue({{"x", 0, 0.5, 1}, {"y", 100, 1.0, 3}});
  EXPECT_NEAR(run(one, {}).issues[0].forecast, 300.0 / 3.5, 1e-9);
  // Zero salience and zero power: such actors take no part in exchanges (no division by zero).
  for (const auto& stands : {std::vector<std::pair<Stand, Stand>>{{{0, 0.0}, {0, 0.8}}, {{100, 0.8}, {100, 0.0}}},
                             std::vector<std::pair<Stand, Stand>>{{{0, 0.2}, {0, 0.8}}, {{100, 0.8}, {100, 0.2}}}}) {
    for (const auto& capabilities : {std::vector<double>{1, 1}, std::vector<double>{0, 1}, std::vector<double>{0, 0}}) {
      for (const char* arithmetic : {"decimal", "double"}) {
        const Forecast f = run(two_issues(stands, capabilities), {{"arithmetic", arithmetic}});
        for (const auto& issue : f.issues) {
          EXPECT_TRUE(std::isfinite(issue.forecast));
          EXPECT_GE(issue.forecast, 0.0);
          EXPECT_LE(issue.forecast, 100.0);
        }
      }
    }
  }
  // All weights zero on an issue: the outcome is the scale's lower end (the reference's nbs of 0).
  const Forecast zero = run(two_issues({{{30, 0.5}, {40, 0.0}}, {{60, 0.5}, {70, 0.0}}}, {1, 1}), {});
  EXPECT_NEAR(zero.issues[1].forecast, 0.0, 1e-12);
}

TEST(ExchangeModel, RandomRateIsSeededAndAggregated) {
  const Scenario s = two_issues({{{0, 0.2}, {0, 0.8}}, {{100, 0.8}, {50, 0.2}}, {{30, 0.6}, {80, 0.5}}}, {1, 1, 2});
  const ParameterValues given{{"rule", "random-rate"}, {"repetitions", "20"}, {"seed", "7"}};
  const Forecast a = run(s, given);
  const Forecast b = run(s, given);
  ParameterValues other = given;
  other["seed"] = "8";
  const Forecast c = run(s, other);
  bool differs = false;
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(a.issues[i].forecast, b.issues[i].forecast);  // bit-identical for one seed
    differs = differs || a.issues[i].forecast != c.issues[i].forecast;
    EXPECT_TRUE(std::isfinite(a.issues[i].forecast));
    EXPECT_EQ(a.issues[i].details["repetitions"], 20);
    EXPECT_GE(a.issues[i].details["forecast_sd"].get<double>(), 0.0);
  }
  EXPECT_TRUE(differs);
  EXPECT_FALSE(a.events.empty());  // the first repetition's exchanges
}

// A round's calculations, recalculations and event logs split across threads give the same
// bits as on one: every round's positions, the events with their values, the externalities.
TEST(ExchangeModel, ThreadCountDoesNotChangeAnyResult) {
  const auto loaded = io::load_scenario(test::source_path("tests/data/exchange/cop21.csv"));
  for (const char* arithmetic : {"decimal", "double"}) {
    const Forecast one = run(loaded.scenario, {{"arithmetic", arithmetic}, {"threads", "1"}});
    const Forecast two = run(loaded.scenario, {{"arithmetic", arithmetic}, {"threads", "2"}});
    ASSERT_EQ(one.issues.size(), two.issues.size());
    for (std::size_t i = 0; i < one.issues.size(); ++i) {
      EXPECT_EQ(one.issues[i].forecast, two.issues[i].forecast);
      EXPECT_EQ(one.issues[i].details, two.issues[i].details);
      ASSERT_EQ(one.issues[i].rounds.size(), two.issues[i].rounds.size());
      for (std::size_t r = 0; r < one.issues[i].rounds.size(); ++r)
        EXPECT_EQ(one.issues[i].rounds[r].positions, two.issues[i].rounds[r].positions);
    }
    ASSERT_EQ(one.events.size(), two.events.size());
    EXPECT_GT(one.events.size(), 1000u) << arithmetic;  // enough rounds large enough to split
    for (std::size_t k = 0; k < one.events.size(); ++k) {
      EXPECT_EQ(one.events[k].text, two.events[k].text);
      EXPECT_EQ(one.events[k].values, two.events[k].values);
    }
    EXPECT_EQ(one.details["externalities"], two.details["externalities"]);
  }
}

// Random-rate repetitions run side by side on several threads and add up in repetition order:
// the mean, spread and first repetition's events are those of one thread.
TEST(ExchangeModel, RandomRateRepetitionsGiveTheSameBitsOnAnyThreadCount) {
  const auto loaded = io::load_scenario(test::source_path("tests/data/exchange/cop21.csv"));
  const ParameterValues given{{"rule", "random-rate"}, {"repetitions", "9"}, {"rounds", "3"}, {"seed", "5"}};
  ParameterValues on_one = given, on_two = given;
  on_one["threads"] = "1";
  on_two["threads"] = "2";
  const Forecast one = run(loaded.scenario, on_one);
  const Forecast two = run(loaded.scenario, on_two);
  for (std::size_t i = 0; i < one.issues.size(); ++i) {
    EXPECT_EQ(one.issues[i].forecast, two.issues[i].forecast);
    EXPECT_EQ(one.issues[i].details, two.issues[i].details);
    for (std::size_t r = 0; r < one.issues[i].rounds.size(); ++r)
      EXPECT_EQ(one.issues[i].rounds[r].positions, two.issues[i].rounds[r].positions);
  }
  EXPECT_GT(one.issues[0].details["forecast_sd"].get<double>(), 0.0);  // the repetitions differ
  ASSERT_EQ(one.events.size(), two.events.size());
  ASSERT_FALSE(one.events.empty());
  for (std::size_t k = 0; k < one.events.size(); ++k) EXPECT_EQ(one.events[k].values, two.events[k].values);
}

TEST(ExchangeModel, RejectsBadParameters) {
  EXPECT_THROW(run(mirrored(), {{"threads", "-1"}}), ParameterError);
  EXPECT_THROW(run(mirrored(), {{"rounds", "-1"}}), ParameterError);
  EXPECT_THROW(run(mirrored(), {{"repetitions", "0"}}), ParameterError);
  EXPECT_THROW(run(mirrored(), {{"rule", "haggle"}}), ParameterError);
}

}  // namespace
}  // namespace parley
