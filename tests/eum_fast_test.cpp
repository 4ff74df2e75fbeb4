// The fast evaluation (sorted prefix sums, exp/log powers, pairs in position order) against the
// exact one (voter-by-voter sums, std::pow, input order) on random scenarios: equal to 1e-9.
#include <cmath>
#include <random>

#include "eum/eum.hpp"
#include "eum/vote_sums.hpp"
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
  for (std::uint64_t seed = 1; seed <= 6; ++seed)
    for (int levels : {0, 5}) {
      const Actors actors = random_actors(20 + 10 * seed, seed, levels);
      const std::string label = "seed " + std::to_string(seed) + " levels " + std::to_string(levels);
      expect_same_round(actors, eum::variant_options("scholz"), "scholz " + label);
      expect_same_round(actors, clipped, "clipped " + label);
      expect_same_round(actors, pushed, "masad2014 " + label);
      expect_same_round(actors, unsure, "Q=0.6 " + label);
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
  const auto near = votes.totals(0, 1, cursor);
  EXPECT_DOUBLE_EQ(near.toward_low, 4.0);
  EXPECT_DOUBLE_EQ(near.toward_high, 12.0);
  const auto far = votes.totals(0, 2, cursor);
  EXPECT_DOUBLE_EQ(far.toward_low, 12.0);
  EXPECT_DOUBLE_EQ(far.toward_high, 20.0);
}

TEST(EumFast, RefusedWhereTheVotesAreNotLinear) {
  eum::Options o = eum::variant_options("jmckib");
  o.evaluation = eum::Evaluation::fast;
  EXPECT_ANY_THROW(eum::Bargaining({0.0, 1.0}, {1.0, 1.0}, {1.0, 1.0}, 1.0, o));
}

}  // namespace
}  // namespace parley
