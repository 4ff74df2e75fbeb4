// Each formula of the `eum` model on a three-actor case, with the values worked out by hand in
// the comments; and the defined answers for degenerate input.
//
// The case (R = 10, the span of the positions):
//   actor  position  capability  salience  weight w = c × s
//   A      0         1           1         1
//   B      4         2           0.5       1
//   C      10        2           1         2
#include <cmath>

#include "eum/eum.hpp"
#include "parley/registry.hpp"
#include "test_support.hpp"

namespace parley {
namespace {

using eum::Bargaining;
using eum::Options;

constexpr std::size_t A = 0, B = 1, C = 2;
constexpr double tight = 1e-12;

Bargaining three_actors(const Options& options) {
  return Bargaining({0.0, 4.0, 10.0}, {1.0, 0.5, 1.0}, {1.0, 2.0, 2.0}, 10.0, options);
}

Options scholz() { return eum::variant_options("scholz"); }

TEST(EumFormulas, UtilitiesAtRiskOneAndTwo) {
  // A against B: δ = 4, δ/R = 0.4. r = 1: U_s = 2 − 4(0.5 − 0.2) = 0.8, U_f = 2 − 4(0.7) = −0.8,
  // U_sq = 2 − 4(0.5) = 0. With mu = 4: m = |0 − 4| + 4 = 8, m/R = 0.8:
  // U_b = 2 − 4(0.5 − 0.2) = 0.8, U_w = 2 − 4(0.7) = −0.8.
  const auto one = eum::utilities(4.0, 4.0, 10.0, 1.0, true);
  EXPECT_NEAR(one.success, 0.8, tight);
  EXPECT_NEAR(one.failure, -0.8, tight);
  EXPECT_NEAR(one.status_quo, 0.0, tight);
  EXPECT_NEAR(one.better, 0.8, tight);
  EXPECT_NEAR(one.worse, -0.8, tight);
  // r = 2: U_s = 2 − 4(0.09) = 1.64, U_f = 2 − 4(0.49) = 0.04, U_sq = 2 − 4(0.25) = 1.
  const auto two = eum::utilities(4.0, 4.0, 10.0, 2.0, true);
  EXPECT_NEAR(two.success, 1.64, tight);
  EXPECT_NEAR(two.failure, 0.04, tight);
  EXPECT_NEAR(two.status_quo, 1.0, tight);
  EXPECT_NEAR(two.better, 1.64, tight);
  EXPECT_NEAR(two.worse, 0.04, tight);
}

TEST(EumFormulas, VotesOfTheThreeVoters) {
  // vote_k(0 over 4) = w_k (|x_k − 4| − |x_k − 0|)/10: A 1·(4 − 0)/10 = 0.4; B 1·(0 − 4)/10 = −0.4;
  // C 2·(6 − 10)/10 = −0.8.
  EXPECT_NEAR(eum::vote(0.0, 1.0, 1.0, 0.0, 4.0, 10.0), 0.4, tight);
  EXPECT_NEAR(eum::vote(4.0, 1.0, 1.0, 0.0, 4.0, 10.0), -0.4, tight);
  EXPECT_NEAR(eum::vote(10.0, 2.0, 1.0, 0.0, 4.0, 10.0), -0.8, tight);
  // With exponent 2 for C: 2·(0.6² − 1²) = −1.28.
  EXPECT_NEAR(eum::vote(10.0, 2.0, 2.0, 0.0, 4.0, 10.0), -1.28, tight);
}

TEST(EumFormulas, ProbabilityPositiveVotesOverPair) {
  // P(A,B) = positive votes / Σ|votes| = 0.4 / (0.4 + 0.4 + 0.8) = 0.25; P(B,A) = 1.2/1.6 = 0.75.
  // A over C: votes 1·(10 − 0)/10 = 1, 1·(6 − 4)/10 = 0.2, 2·(0 − 10)/10 = −2: P(A,C) = 1.2/3.2
  // = 0.375, P(C,A) = 2/3.2 = 0.625. B over C: 1·(10 − 4)/10 = 0.6, 1·(6 − 0)/10 = 0.6,
  // 2·(0 − 6)/10 = −1.2: P(B,C) = P(C,B) = 0.5.
  Bargaining b = three_actors(scholz());
  b.assess();
  EXPECT_NEAR(b.probability(A, B), 0.25, tight);
  EXPECT_NEAR(b.probability(B, A), 0.75, tight);
  EXPECT_NEAR(b.probability(A, C), 0.375, tight);
  EXPECT_NEAR(b.probability(C, A), 0.625, tight);
  EXPECT_NEAR(b.probability(B, C), 0.5, tight);
  EXPECT_NEAR(b.probability(C, B), 0.5, tight);
}

TEST(EumFormulas, ProbabilityClippedNetVote) {
  // Net votes: A over B 0.4 − 0.4 − 0.8 = −0.8 → 0; B over A +0.8/1.6 = 0.5;
  // A over C 1 + 0.2 − 2 = −0.8 → 0; C over A 0.8/3.2 = 0.25; B over C 0.6 + 0.6 − 1.2 = 0 → 0.
  Options o = scholz();
  o.numerator = eum::ProbabilityNumerator::clipped_net;
  Bargaining b = three_actors(o);
  b.assess();
  EXPECT_NEAR(b.probability(A, B), 0.0, tight);
  EXPECT_NEAR(b.probability(B, A), 0.5, tight);
  EXPECT_NEAR(b.probability(A, C), 0.0, tight);
  EXPECT_NEAR(b.probability(C, A), 0.25, tight);
  EXPECT_NEAR(b.probability(B, C), 0.0, tight);
}

TEST(EumFormulas, ProbabilityOverAllPairs) {
  // Σ over all ordered pairs of Σ_k |vote| = 2 × (1.6 + 3.2 + 2.4) = 14.4 (pairs with a = b give 0).
  // P(A,B) = 0.4/14.4, P(C,A) = 2/14.4.
  Options o = scholz();
  o.denominator = eum::ProbabilityDenominator::all_pairs;
  Bargaining b = three_actors(o);
  b.assess();
  EXPECT_NEAR(b.probability(A, B), 0.4 / 14.4, tight);
  EXPECT_NEAR(b.probability(C, A), 2.0 / 14.4, tight);
}

TEST(EumFormulas, ExpectedUtilityAndTheNoChallengeTerm) {
  // A challenges B at r = 1 (U_s 0.8, U_f −0.8, U_sq 0, U_b 0.8, U_w −0.8), P = 0.25, s_B = 0.5:
  // EU = 0.5 (0.25·0.8 + 0.75·(−0.8)) + 0.5·0.8 − 1·0 = −0.2 + 0.4 = 0.2.
  const auto u = eum::utilities(4.0, 4.0, 10.0, 1.0, true);
  Options o = scholz();
  EXPECT_NEAR(eum::expected_utility(u, 0.25, 0.5, o, 1.0), 0.2, tight);
  // Q = 0.5, T = 1, minus: 0.2 − 0.5·0 − 0.5·0.8 = −0.2. T = 0: 0.2 − 0.5·(−0.8) = 0.6.
  o.q = 0.5;
  EXPECT_NEAR(eum::expected_utility(u, 0.25, 0.5, o, 1.0), -0.2, tight);
  EXPECT_NEAR(eum::expected_utility(u, 0.25, 0.5, o, 0.0), 0.6, tight);
  // The masad2014 sign slip: T = 1 with plus gives 0.2 + 0.4 = 0.6.
  o.nc_sign = eum::NoChallengeSign::plus;
  EXPECT_NEAR(eum::expected_utility(u, 0.25, 0.5, o, 1.0), 0.6, tight);
  // T = case: 1 only when mu is strictly nearer to the challenger than the target is.
  o.t.reset();
  EXPECT_EQ(eum::no_challenge_t(o, 4.0, 4.0), 0.0);
  EXPECT_EQ(eum::no_challenge_t(o, 3.0, 4.0), 1.0);
}

TEST(EumFormulas, SecurityLevelsAndRiskExponents) {
  // At r = 1, R = 10: U_s = 0.2δ, U_f = −0.2δ, U_sq = 0, so EU(k→i) = 0.2δ (1 − 2 s_i (1 − P(k,i))).
  // D_A = EU(B→A) + EU(C→A) = 0.8(1 − 2·0.25) + 2(1 − 2·0.375) = 0.4 + 0.5 = 0.9
  // D_B = EU(A→B) + EU(C→B) = 0.8(1 − 0.75) + 1.2(1 − 0.5) = 0.2 + 0.6 = 0.8
  // D_C = EU(A→C) + EU(B→C) = 2(1 − 2·0.625) + 1.2(1 − 2·0.5) = −0.5 + 0 = −0.5
  // R_i = (2D_i − 0.9 + 0.5)/1.4: R_A = 1, R_B = 6/7, R_C = −1;
  // r = (1 − R/3)/(1 + R/3): r_A = 0.5, r_B = (5/7)/(9/7) = 5/9, r_C = 2.
  Bargaining b = three_actors(scholz());
  b.assess();
  EXPECT_NEAR(b.security()[A], 0.9, tight);
  EXPECT_NEAR(b.security()[B], 0.8, tight);
  EXPECT_NEAR(b.security()[C], -0.5, tight);
  EXPECT_NEAR(b.risk()[A], 0.5, tight);
  EXPECT_NEAR(b.risk()[B], 5.0 / 9.0, tight);
  EXPECT_NEAR(b.risk()[C], 2.0, tight);
  const double equal[] = {0.3, 0.3};
  EXPECT_EQ(eum::risk_exponents(equal), (std::vector<double>{1.0, 1.0}));
}

TEST(EumFormulas, ExpectedUtilitiesWithRiskExponents) {
  // A challenges B valued with r_A = 0.5: U_s = 2 − 4√0.3 = −0.190890230021,
  // U_f = 2 − 4√0.7 = −1.346640106136, U_sq = 2 − 4√0.5 = −0.828427124746;
  // EU = 0.5(0.25 U_s + 0.75 U_f) + 0.5 U_s − U_sq = −0.528851318592 − 0.095445115010 + 0.828427124746
  //    = 0.204130691144 (to 1e-10).
  // C challenges A valued with r_C = 2 (δ = R): U_s = 2, U_f = −2, U_sq = 1, P = 0.625, s_A = 1:
  // EU = 0.625·2 − 0.375·2 − 1 = −0.5.
  Bargaining b = three_actors(scholz());
  b.assess();
  EXPECT_NEAR(b.expected_utility(A, A, B), 0.204130691144, 1e-10);
  EXPECT_NEAR(b.expected_utility(C, C, A), -0.5, tight);
  // B challenges C valued with r_C = 2 (δ = 6): U_s = 2 − 4·0.2² = 1.84, U_f = 2 − 4·0.8² = −0.56,
  // U_sq = 1, P = 0.5, s_C = 1: EU = 0.92 − 0.28 − 1 = −0.36.
  EXPECT_NEAR(b.expected_utility(C, B, C), -0.36, tight);
}

TEST(EumFormulas, CompromisePosition) {
  // The mover at 4 concedes |a/b| = 0.2/0.6 = 1/3 of the way to 10: 4 + 6/3 = 6.
  EXPECT_NEAR(eum::compromise_position(4.0, 10.0, -0.2, 0.6), 6.0, tight);
  // Towards a lower partner: 7 − 3·(0.1/0.4) = 6.25.
  EXPECT_NEAR(eum::compromise_position(7.0, 4.0, -0.1, 0.4), 6.25, tight);
  // The replication's first compromise: Belgium (7) with France (10), a = −0.114830503473,
  // b = 0.243296594523: 7 + 3 × 0.471977438476 = 8.415932315427.
  EXPECT_NEAR(eum::compromise_position(7.0, 10.0, -0.114830503473, 0.243296594523), 8.415932315427, 1e-11);
}

TEST(EumFormulas, RoundOneMovesOfTheScholzReading) {
  // Pass-2 EUs (each valued with its own r; numbers from the formulas above):
  //   A vs B: a = EU(A→B) = 0.2041, b = EU(B→A) = 0.3645: b > a > 0, A loses the conflict → 4.
  //   A vs C: a = 0.3284, b = EU(C→A) = −0.5: nothing.
  //   B vs A: a = 0.3645, b = 0.2041: nothing (B expects more).  B vs C: a = 0.1368, b = 0.24:
  //   B loses the conflict → 10.
  //   C vs A: a = −0.5, b = 0.3284 < |a|: C capitulates → 0.  C vs B: a = 0.24 > b: nothing.
  Bargaining b = three_actors(scholz());
  const auto moves = b.play_round();
  ASSERT_EQ(moves.size(), 3u);
  EXPECT_EQ(moves[0].outcome, eum::Outcome::confrontation);
  EXPECT_EQ(moves[0].partner, B);
  EXPECT_EQ(moves[1].outcome, eum::Outcome::confrontation);
  EXPECT_EQ(moves[1].partner, C);
  EXPECT_EQ(moves[2].outcome, eum::Outcome::capitulation);
  EXPECT_EQ(moves[2].partner, A);
  EXPECT_EQ(b.positions(), (std::vector<double>{4.0, 10.0, 0.0}));
}

TEST(EumFormulas, MedianTies) {
  // F(p) = Σ w |x − p| with weights 2, 1, 1 at 10, 0, 4: F(0) = 24, F(4) = 16, F(10) = 16.
  const double x[] = {10.0, 0.0, 4.0};
  const double w[] = {2.0, 1.0, 1.0};
  EXPECT_EQ(eum::weighted_median_position(x, w, eum::MedianTies::lowest), 4.0);
  EXPECT_EQ(eum::weighted_median_position(x, w, eum::MedianTies::first_actor), 10.0);
  const double unique_w[] = {3.0, 1.0, 1.0};  // F(10) = 10 + 6 = 16, F(4) = 18 + 4 = 22, F(0) = 34
  EXPECT_EQ(eum::weighted_median_position(x, unique_w, eum::MedianTies::lowest), 10.0);
}

// ---- Degenerate but legal input: finite, defined answers. ----

Forecast run_eum(const Scenario& s, const ParameterValues& p = {}) {
  const Model* model = Registry::builtin().find("eum");
  EXPECT_NE(model, nullptr);
  return model->run(s, p);
}

void expect_all_finite(const Forecast& f) {
  for (const auto& issue : f.issues) {
    EXPECT_TRUE(std::isfinite(issue.forecast));
    for (const auto& round : issue.rounds)
      for (double x : round.positions) EXPECT_TRUE(std::isfinite(x));
    for (const auto& event : issue.events)
      for (const auto& [name, value] : event.values) EXPECT_TRUE(std::isfinite(value)) << name;
    const std::string details = issue.details.dump();
    EXPECT_EQ(details.find("null"), std::string::npos) << details;  // NaN would print as null
  }
}

TEST(EumDegenerate, OneActorStaysPut) {
  for (const char* variant : {"scholz", "jmckib", "masad2014"}) {
    const Forecast f = run_eum(test::one_issue({{"solo", 37, 0.4, 2}}), {{"variant", variant}});
    expect_all_finite(f);
    EXPECT_EQ(f.issues[0].forecast, 37.0) << variant;
  }
}

TEST(EumDegenerate, IdenticalPositionsAndZeroRange) {
  // The same point everywhere: R = 0 under range = initial; the scale 64–64 has R = 0 as well.
  const Scenario same = test::one_issue({{"a", 64, 0.2, 1}, {"b", 64, 0.9, 5}, {"c", 64, 0.5, 2}}, 64, 64);
  for (const char* variant : {"scholz", "jmckib", "masad2014"}) {
    const Forecast f = run_eum(same, {{"variant", variant}});
    expect_all_finite(f);
    EXPECT_EQ(f.issues[0].forecast, 64.0) << variant;
  }
}

TEST(EumDegenerate, AllSaliencesZero) {
  const Scenario zero = test::one_issue({{"a", 10, 0.0, 1}, {"b", 20, 0.0, 9}, {"c", 90, 0.0, 3}});
  for (const char* variant : {"scholz", "jmckib", "masad2014"})
    for (const char* rule : {"median", "mean"}) {
      const Forecast f = run_eum(zero, {{"variant", variant}, {"decision", rule}});
      expect_all_finite(f);
    }
}

TEST(EumDegenerate, OptionsOverrideTheVariant) {
  const Scenario s = test::one_issue({{"a", 0, 1.0, 1}, {"b", 4, 0.5, 2}, {"c", 10, 1.0, 2}}, 0, 10);
  // scholz with capitulation off: C no longer gives in to A (see RoundOneMovesOfTheScholzReading).
  const Forecast f = run_eum(s, {{"capitulation", "false"}, {"rounds", "1"}});
  EXPECT_EQ(f.issues[0].rounds.at(1).positions, (std::vector<double>{4.0, 10.0, 10.0}));
  EXPECT_THROW(run_eum(s, {{"Q", "1.5"}}), ParameterError);
  EXPECT_THROW(run_eum(s, {{"T", "often"}}), ParameterError);
}

}  // namespace
}  // namespace parley
