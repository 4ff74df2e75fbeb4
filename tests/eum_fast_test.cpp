// The fast evaluation (sorted prefix sums, exp/log powers, pairs in position order) against the
// exact one (voter-by-voter sums, std::pow, input order) on random scenarios: equal to 1e-9.
#include <cmath>
#include <random>
#include <string>

#include "eum/eum.hpp"
#include "eum/vote_sums.hpp"
#include "parley/registry.hpp"
#include "test_support.hpp"

namespace parley {
namespace {

struct Actors {
  std::vector<double> positions, saliences, capabilities;
};

// `levels` > 0 draws positions from that many evenly spaced points (many exact ties).
Actors random_actors(std::size_t n, std::uint64_t seed, int levels) {
  std::mt19937_64 random(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  Actors a;
  for (std::size_t k = 0; k < n; ++k) {
    const double u = unit(random);
    a.positions.push_back(levels > 0 ? 100.0 * std::floor(u * levels) / (levels - 1) : 100.0 * u);
    a.saliences.push_back(unit(random));
    a.capabilities.push_back(1.0 + 9.0 * unit(random));
  }
  return a;
}

eum::Bargaining make(const Actors& a, eum::Options o, eum::Evaluation evaluation) {
  o.evaluation = evaluation;
  return eum::Bargaining(a.positions, a.saliences, a.capabilities, 100.0, o);
}

void expect_same_round(const Actors& actors, const eum::Options& options, const std::string& label) {
  auto exact = make(actors, options, eum::Evaluation::exact);
  auto fast = make(actors, options, eum::Evaluation::fast);
  ASSERT_FALSE(exact.fast());
  ASSERT_TRUE(fast.fast());
  for (int round = 0; round < 3; ++round) {
    exact.assess();
    fast.assess();
    for (std::size_t k = 0; k < exact.size(); ++k) {
      ASSERT_NEAR(exact.security()[k], fast.security()[k], 1e-9) << label << " actor " << k;
      ASSERT_NEAR(exact.risk()[k], fast.risk()[k], 1e-9) << label << " actor " << k;
    }
    const auto e = exact.perspectives();
    const auto f = fast.perspectives();
    for (std::size_t c = 0; c < e.challenge.size(); ++c) {
      ASSERT_NEAR(e.challenge[c], f.challenge[c], 1e-9) << label << " cell " << c;
      ASSERT_NEAR(e.challenged[c], f.challenged[c], 1e-9) << label << " cell " << c;
    }
    const auto exact_moves = exact.decide();
    const auto fast_moves = fast.decide();
    ASSERT_EQ(exact_moves.size(), fast_moves.size()) << label << " round " << round;
    for (std::size_t m = 0; m < exact_moves.size(); ++m) {
      EXPECT_EQ(exact_moves[m].mover, fast_moves[m].mover) << label;
      EXPECT_EQ(exact_moves[m].partner, fast_moves[m].partner) << label;
      EXPECT_EQ(exact_moves[m].outcome, fast_moves[m].outcome) << label;
      EXPECT_NEAR(exact_moves[m].to, fast_moves[m].to, 1e-9) << label;
    }
    exact.apply(exact_moves);
    fast.apply(fast_moves);
  }
}

TEST(EumFast, MatchesExactOnRandomScenarios) {
  eum::Options clipped = eum::variant_options("scholz");
  clipped.numerator = eum::ProbabilityNumerator::clipped_net;
  eum::Options pushed = eum::variant_options("masad2014");
  eum::Options unsure = eum::variant_options("scholz");
  unsure.q = 0.6;
  eum::Options receiver = eum::variant_options("scholz");
  receiver.eu_risk = eum::EuRisk::receiver;
  for (std::uint64_t seed = 1; seed <= 6; ++seed)
    for (int levels : {0, 5}) {
      const Actors actors = random_actors(20 + 10 * seed, seed, levels);
      const std::string label = "seed " + std::to_string(seed) + " levels " + std::to_string(levels);
      expect_same_round(actors, eum::variant_options("scholz"), "scholz " + label);
      expect_same_round(actors, clipped, "clipped " + label);
      expect_same_round(actors, pushed, "masad2014 " + label);
      expect_same_round(actors, unsure, "Q=0.6 " + label);
      expect_same_round(actors, receiver, "eu_risk=receiver " + label);
    }
  // Enough actors for several blocks of rows.
  expect_same_round(random_actors(300, 42, 0), eum::variant_options("scholz"), "scholz 300 actors");
}

// Every number a fast round produces, on 1 thread and on 2: bit-identical. 1,000 actors make
// 31 blocks, so both threads get work.
void expect_same_on_one_and_two_threads(const Actors& actors, eum::Options options, const std::string& label) {
  options.evaluation = eum::Evaluation::fast;
  options.threads = 1;
  eum::Bargaining one(actors.positions, actors.saliences, actors.capabilities, 100.0, options);
  options.threads = 2;
  eum::Bargaining two(actors.positions, actors.saliences, actors.capabilities, 100.0, options);
  for (int round = 0; round < 3; ++round) {
    one.assess();
    two.assess();
    ASSERT_EQ(one.security(), two.security()) << label << " round " << round;
    ASSERT_EQ(one.risk(), two.risk()) << label << " round " << round;
    const auto one_moves = one.decide();
    const auto two_moves = two.decide();
    ASSERT_EQ(one_moves.size(), two_moves.size()) << label << " round " << round;
    for (std::size_t m = 0; m < one_moves.size(); ++m) {
      EXPECT_EQ(one_moves[m].mover, two_moves[m].mover) << label;
      EXPECT_EQ(one_moves[m].partner, two_moves[m].partner) << label;
      EXPECT_EQ(one_moves[m].to, two_moves[m].to) << label;  // exactly
    }
    one.apply(one_moves);
    two.apply(two_moves);
    ASSERT_EQ(one.positions(), two.positions()) << label << " round " << round;
  }
}

TEST(EumFast, BitIdenticalOnOneAndTwoThreads) {
  eum::Options unsure = eum::variant_options("scholz");
  unsure.q = 0.6;
  eum::Options receiver = eum::variant_options("scholz");
  receiver.eu_risk = eum::EuRisk::receiver;
  for (int levels : {0, 7}) {
    const Actors actors = random_actors(1000, 99, levels);
    const std::string label = " levels " + std::to_string(levels);
    expect_same_on_one_and_two_threads(actors, eum::variant_options("scholz"), "scholz" + label);
    expect_same_on_one_and_two_threads(actors, eum::variant_options("masad2014"), "masad2014" + label);
    expect_same_on_one_and_two_threads(actors, unsure, "Q=0.6" + label);
    expect_same_on_one_and_two_threads(actors, receiver, "eu_risk=receiver" + label);
  }
}

// A run's issues bargained side by side (from 16 actors) give what they give one after another:
// every issue's forecast, rounds, events and details, on 1 and 2 threads.
TEST(EumModelThreads, IssuesSideBySideGiveTheSameForecast) {
  Scenario s;
  s.name = "twenty";
  for (const char* id : {"p", "q", "r"}) {
    Issue issue;
    issue.id = issue.label = id;
    s.issues.push_back(issue);
  }
  for (int k = 0; k < 20; ++k) {
    Actor actor;
    actor.id = actor.name = "a" + std::to_string(k);
    actor.capability = 1.0 + k % 7;
    s.actors.push_back(actor);
  }
  s.reset_stances();
  for (std::size_t i = 0; i < 3; ++i) {
    const Actors drawn = random_actors(20, 40 + i, 0);
    for (std::size_t a = 0; a < 20; ++a) s.stance(a, i) = Stance{true, drawn.positions[a], drawn.saliences[a], {}, {}, {}, {}};
  }
  const Model& eum = *Registry::builtin().find("eum");
  const Forecast one = eum.run(s, {{"threads", "1"}});
  const Forecast two = eum.run(s, {{"threads", "2"}});
  ASSERT_EQ(one.issues.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(one.issues[i].issue, two.issues[i].issue);
    EXPECT_EQ(one.issues[i].forecast, two.issues[i].forecast);
    EXPECT_EQ(one.issues[i].details, two.issues[i].details);
    ASSERT_EQ(one.issues[i].rounds.size(), two.issues[i].rounds.size());
    for (std::size_t r = 0; r < one.issues[i].rounds.size(); ++r)
      EXPECT_EQ(one.issues[i].rounds[r].positions, two.issues[i].rounds[r].positions);
    ASSERT_EQ(one.issues[i].events.size(), two.issues[i].events.size());
    EXPECT_FALSE(one.issues[i].events.empty());
    for (std::size_t e = 0; e < one.issues[i].events.size(); ++e)
      EXPECT_EQ(one.issues[i].events[e].text, two.issues[i].events[e].text);
  }
}

TEST(EumFast, SortedVoteTotalsByHand) {
  // Positions 0, 4, 10 with weights 1, 1, 2 (the formula tests' case), in units of distance:
  // 0 over 4: toward 0 = 1·4 = 4; toward 4 = 1·4 + 2·4 = 12 (B at 4 and C at 10 each lose 4).
  // 0 over 10: A 10; B at 4 < midpoint 5 leans low by 0 + 10 − 8 = 2; C 2·10 = 20.
  const double x[] = {0.0, 4.0, 10.0};
  const double w[] = {1.0, 1.0, 2.0};
  const eum::SortedVotes votes(x, w);
  eum::SortedVotes::Cursor cursor(0);
  double toward_low[2];
  double toward_high[2];
  votes.totals(0, 1, 2, cursor, toward_low, toward_high);
  EXPECT_DOUBLE_EQ(toward_low[0], 4.0);
  EXPECT_DOUBLE_EQ(toward_high[0], 12.0);
  EXPECT_DOUBLE_EQ(toward_low[1], 12.0);
  EXPECT_DOUBLE_EQ(toward_high[1], 20.0);
}

TEST(EumFast, RefusedWhereTheVotesAreNotLinear) {
  eum::Options o = eum::variant_options("jmckib");
  o.evaluation = eum::Evaluation::fast;
  EXPECT_ANY_THROW(eum::Bargaining({0.0, 1.0}, {1.0, 1.0}, {1.0, 1.0}, 1.0, o));
}

}  // namespace
}  // namespace parley
