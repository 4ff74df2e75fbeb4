// The spatial model of politics on small cases computed by hand, degenerate inputs, every
// implemented parameter choice, and the shape of its output.
#include <cmath>
#include <random>
#include <string>

#include "forecast_writers.hpp"
#include "parley/registry.hpp"
#include "smp/smp.hpp"
#include "test_support.hpp"

namespace parley {
namespace {

using smp::Settings;
using smp::Space;
using smp::State;

const Model& smp_model() { return *Registry::builtin().find("smp"); }

TEST(SmpPrimitives, UtilityFallsWithDistanceAndBendsWithRisk) {
  // (1 - d)(1 + dR): d = 0.25 gives 0.75 × 1.125 for R = 0.5, 0.75 × 0.875 for R = -0.5.
  EXPECT_DOUBLE_EQ(smp::utility(0.25, 0.5), 0.84375);
  EXPECT_DOUBLE_EQ(smp::utility(0.25, -0.5), 0.65625);
  EXPECT_DOUBLE_EQ(smp::utility(0.0, 0.7), 1.0);
  EXPECT_DOUBLE_EQ(smp::utility(1.0, -0.3), 0.0);
}

TEST(SmpPrimitives, DistanceIsWeightedBySaliences) {
  // Differences 0.3 and 0.4, saliences 0.5 each: sqrt((0.15² + 0.2²) / (0.25 + 0.25)) = sqrt(0.125).
  const std::vector<double> a{0.1, 0.5}, b{0.4, 0.9}, s{0.5, 0.5};
  EXPECT_NEAR(smp::weighted_distance(a, b, s), std::sqrt(0.125), 1e-15);
  // Saliences (0.3, 0.4): sqrt((0.09² + 0.16²) / 0.25) = sqrt(0.0081 + 0.0256) / 0.5 = 0.367151...
  EXPECT_NEAR(smp::weighted_distance(a, b, std::vector<double>{0.3, 0.4}), std::sqrt(0.0337) / 0.5, 1e-15);
  // An actor that cares about nothing is indifferent: distance 0.
  EXPECT_EQ(smp::weighted_distance(a, b, std::vector<double>{0.0, 0.0}), 0.0);
}

TEST(SmpPrimitives, VotingRulesOnOneDifference) {
  // Weight 2, utilities 0.7 and 0.2: difference 0.5.
  using smp::VotingRule;
  EXPECT_DOUBLE_EQ(smp::vote(VotingRule::prop, 2, 0.7, 0.2), 1.0);
  EXPECT_DOUBLE_EQ(smp::vote(VotingRule::binary, 2, 0.7, 0.2), 2.0);
  EXPECT_DOUBLE_EQ(smp::vote(VotingRule::prop_bin, 2, 0.7, 0.2), 2.0 * (0.8 * 0.5 + 0.2));
  EXPECT_DOUBLE_EQ(smp::vote(VotingRule::prop_cubic, 2, 0.7, 0.2), 2.0 * (0.25 + 0.0625));
  EXPECT_DOUBLE_EQ(smp::vote(VotingRule::cubic, 2, 0.7, 0.2), 0.25);
  EXPECT_DOUBLE_EQ(smp::vote(VotingRule::asym_prospect, 2, 0.7, 0.2), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(smp::vote(VotingRule::asym_prospect, 2, 0.2, 0.7), -1.0);
}

TEST(SmpCondorcet, TwoOptionsSplitByTheVotes) {
  // Weights 1, 2, 3. Voter 0 gives 1·(1 - 0) = 1 to a; voter 1 gives 2·(0.8 - 0.5) = 0.6 to b;
  // voter 2 gives 3·(0.6 - 0.2) = 1.2 to b. P(a) = 1 / 2.8 = 5/14 (each side also has 1e-8).
  const std::vector<double> weights{1, 2, 3};
  const std::vector<double> utilities{1.0, 0.5, 0.2,   // option a, voters 0..2
                                      0.0, 0.8, 0.6};  // option b
  const auto p = smp::condorcet(weights, utilities, 2, Settings{});
  EXPECT_NEAR(p[0], 5.0 / 14.0, 1e-8);
  EXPECT_NEAR(p[1], 9.0 / 14.0, 1e-8);
}

TEST(SmpCondorcet, ThreeOptionsMultiplyPairwiseVictories) {
  // Voter k (weight k + 1) wants only option k. P(a>b) = 1/3, P(a>c) = 1/4, P(b>c) = 2/5.
  // Products: a: (1/3)(1/4) = 1/12; b: (2/3)(2/5) = 4/15; c: (3/4)(3/5) = 9/20; sum 0.8.
  const std::vector<double> weights{1, 2, 3};
  const std::vector<double> utilities{1, 0, 0, 0, 1, 0, 0, 0, 1};
  const auto p = smp::condorcet(weights, utilities, 3, Settings{});
  EXPECT_NEAR(p[0], (1.0 / 12) / 0.8, 1e-8);
  EXPECT_NEAR(p[1], (4.0 / 15) / 0.8, 1e-8);
  EXPECT_NEAR(p[2], (9.0 / 20) / 0.8, 1e-8);
}

TEST(SmpCondorcet, MarkovModelsReachTheirFixedPoints) {
  // Same election: P(a>b) = 1/3, P(a>c) = 1/4, P(b>c) = 2/5, and 1/2 against itself.
  // Markov uniform: p_a = (1/3) Σ_b P(a>b)(p_a + p_b). For a: 17 p_a = 4 p_b + 3 p_c; for b:
  // 14 p_b = 10 p_a + 6 p_c; with Σ p = 1: p = (1/6, 1/3, 1/2) (17/6 = 4/3 + 3/2; 14/3 = 10/6 + 3).
  // Markov incentive: a challenges b in proportion to C_ab P(a>b): incentives a→b 1/3, a→c 1/4,
  // b→a 4/3, b→c 4/5, c→a 9/4, c→b 9/5; normalised per challenged option and solved exactly
  // (fractions, in Python): p = (43/588, 256/735, 81/140).
  const std::vector<double> weights{1, 2, 3};
  const std::vector<double> utilities{1, 0, 0, 0, 1, 0, 0, 0, 1};
  Settings settings;
  settings.pce = smp::ProbabilityModel::markov_uniform;
  const auto uniform = smp::condorcet(weights, utilities, 3, settings);
  EXPECT_NEAR(uniform[0], 1.0 / 6, 1e-5);
  EXPECT_NEAR(uniform[1], 1.0 / 3, 1e-5);
  EXPECT_NEAR(uniform[2], 1.0 / 2, 1e-5);
  settings.pce = smp::ProbabilityModel::markov_incentive;
  const auto incentive = smp::condorcet(weights, utilities, 3, settings);
  EXPECT_NEAR(incentive[0], 43.0 / 588, 1e-6);
  EXPECT_NEAR(incentive[1], 256.0 / 735, 1e-6);
  EXPECT_NEAR(incentive[2], 81.0 / 140, 1e-6);
}

TEST(SmpCondorcet, ManyOptionsDoNotUnderflow) {
  // 1,500 indifferent options: each product is 2^-1500, far below the smallest double.
  const std::size_t options = 1500;
  const std::vector<double> weights{1.0};
  const std::vector<double> utilities(options, 0.5);
  const auto p = smp::condorcet(weights, utilities, options, Settings{});
  for (double x : p) ASSERT_NEAR(x, 1.0 / options, 1e-15);
}

// Two actors on one dimension: 0.2 (capability 1) and 0.8 (capability 3), saliences 1.
Space two_actor_space() { return {1, {1.0, 3.0}, {1.0, 1.0}}; }

TEST(SmpState, TwoActorsRiskAttitudes) {
  // Distance 0.6; risk-neutral utilities 1 (own) and 0.4 (other). Voter 0 gives 1·0.6 to
  // option 0, voter 1 gives 3·0.6 = 1.8 to option 1: P = (0.25, 0.75). Mid range: the least
  // likely gets -0.5, the most likely +1.
  const Space space = two_actor_space();
  const Settings settings;
  const State state(space, {0.2, 0.8}, settings);
  EXPECT_NEAR(state.risk(0), -0.5, 1e-9);
  EXPECT_NEAR(state.risk(1), 1.0, 1e-9);
  // 1's estimate of 0's utility for 1's position: R = (2·1 + (-0.5)) / 3 = 0.5, u(0.6, 0.5) = 0.52.
  EXPECT_NEAR(state.estimated_utility(1, 0, 1), 0.52, 1e-9);
}

TEST(SmpState, TwoActorsChallengesAndBargain) {
  const Space space = two_actor_space();
  const Settings settings;
  const State state(space, {0.2, 0.8}, settings);
  // 0 challenges 1 (0's view, R_0(0) = -0.5, R_0(1) = 0): u00 = 1, u01 = u(0.6, -0.5) = 0.28,
  // u10 = u(0.6, 0) = 0.4, u11 = 1. Votes (weights salience × capability = 1, 3): 0.72 for 0,
  // 3·0.6 = 1.8 for 1 → P = 0.72 / 2.52 = 2/7. Status quo 1 + 0.28; win 2; loss 0.56.
  // Salience 1: challenge = contest = (2/7)·2 + (5/7)·0.56 = 0.971429; gain = -0.308571.
  const auto c01 = state.challenge(0, 1);
  EXPECT_NEAR(c01.probability, 2.0 / 7.0, 1e-9);
  EXPECT_NEAR(c01.gain, 0.971428571428571 - 1.28, 1e-9);
  EXPECT_TRUE(state.proposals(0).empty());
  // 1 challenges 0 (R_1(1) = 1, R_1(0) = 0.5): u11 = 1, u10 = u(0.6, 1) = 0.64, u01 = 0.52.
  // Votes 3·0.36 = 1.08 and 1·0.48 → P = 1.08 / 1.56 = 9/13. Gain = (9/13)·2 + (4/13)·1.28 - 1.64.
  const auto c10 = state.challenge(1, 0);
  EXPECT_NEAR(c10.probability, 9.0 / 13.0, 1e-9);
  EXPECT_NEAR(c10.gain, 0.138461538461538, 1e-9);
  // They meet where weights (9/13)² and (4/13)² put them: (81·0.8 + 16·0.2) / 97 = 68/97 = 0.70103,
  // rounded to 1e-4.
  const auto bargains = state.proposals(1);
  ASSERT_EQ(bargains.size(), 1u);
  EXPECT_EQ(bargains[0].receiver, 0u);
  EXPECT_DOUBLE_EQ(bargains[0].initiator_position[0], 0.701);
  EXPECT_DOUBLE_EQ(bargains[0].receiver_position[0], 0.701);
}

TEST(SmpState, TwoActorsReceiverViewAndCompromise) {
  // 0's estimate of 1 challenging 0, and its effect on 1 (R_0(0) = -0.5, R_0(1) = 0):
  // u11 = 1, u10 = u(0.6, 0) = 0.4, u01 = u(0.6, -0.5) = 0.28, u00 = 1. Votes 3·0.6 = 1.8 for 1,
  // 1·0.72 for 0 → P = 1.8 / 2.52 = 5/7. Effect on 1: (5/7)·2 + (2/7)·0.8 - 1.4 = 1.8/7 = 9/35.
  const Space space = two_actor_space();
  Settings settings;
  const auto seen_by_0 = State(space, {0.2, 0.8}, settings).estimate(0, 1, 1, 0);
  EXPECT_NEAR(seen_by_0.probability, 5.0 / 7.0, 1e-9);
  EXPECT_NEAR(seen_by_0.gain, 9.0 / 35.0, 1e-9);
  // init-receiver: KTAB interpolates the receiver's bargain with that gain, 9/35, as if it were
  // 1's chance: weights (9/35)² and (26/35)² → (81·0.8 + 676·0.2) / 757 = 200/757 → 0.2642.
  settings.bargaining = smp::BargainModel::initiator_and_receiver;
  const auto both = State(space, {0.2, 0.8}, settings).proposals(1);
  ASSERT_EQ(both.size(), 2u);
  EXPECT_DOUBLE_EQ(both[0].initiator_position[0], 0.701);
  EXPECT_DOUBLE_EQ(both[1].initiator_position[0], 0.2642);
  // compromise: weights c_1 S_1 = 3 and c_1 S_0 = 3, so the plain average of the two.
  settings.bargaining = smp::BargainModel::compromise;
  const auto one = State(space, {0.2, 0.8}, settings).proposals(1);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_NEAR(one[0].initiator_position[0], (0.701 + 0.2642) / 2, 1e-15);
}

TEST(SmpState, TwoActorsAdoptTheBargainAndStop) {
  // Voter gains from the bargain (average over the 2 positions): voter 0, now 0.501 from both,
  // ((u(0.501, -0.5) - 0.28) + (u(0.501, -0.5) - 1)) / 2 = -0.266; voter 1, 0.099 from both,
  // ((u(0.099, 1) - 1) + (u(0.099, 1) - 0.64)) / 2 = 0.1702. Weighted 1 and 3: the bargain wins
  // with P = 0.5106 / 0.7766 = 0.657 in both actors' elections. Turn 2: identical positions,
  // no gain from any challenge, no movement: the run stops after 2 turns at 70.1.
  const Forecast f = smp_model().run(test::one_issue({{"a", 20, 1.0, 1}, {"b", 80, 1.0, 3}}));
  ASSERT_EQ(f.rounds.size(), 3u);
  EXPECT_NEAR(f.rounds[1].positions[0][0], 70.1, 1e-9);
  EXPECT_NEAR(f.rounds[1].positions[1][0], 70.1, 1e-9);
  EXPECT_NEAR(f.issues[0].forecast, 70.1, 1e-9);
  EXPECT_EQ(f.details.at("final_positions").size(), 1u);
  EXPECT_DOUBLE_EQ(f.details.at("final_positions")[0].at("probability").get<double>(), 1.0);
}

TEST(SmpState, ThreeActorsTwoDimensions) {
  // Saliences (0.3, 0.4) for all (S = 0.7), so distances are sqrt((0.6Δx)² + (0.8Δy)²):
  // A = (0.2, 0.2), B = (0.7, 0.2), C = (0.2, 0.7): AB = 0.3, AC = 0.4, BC = 0.5.
  const Space space{2, {2.0, 1.0, 1.0}, {0.3, 0.4, 0.3, 0.4, 0.3, 0.4}};
  const Settings settings;
  const State state(space, {0.2, 0.2, 0.7, 0.2, 0.2, 0.7}, settings);
  EXPECT_NEAR(state.distance(0, 1), 0.3, 1e-15);
  EXPECT_NEAR(state.distance(0, 2), 0.4, 1e-15);
  EXPECT_NEAR(state.distance(1, 2), 0.5, 1e-15);
  // Risk-neutral election, weights 2, 1, 1: A>B 0.7 : 0.3; A>C 1.0 : 0.4; B>C 0.7 : 0.5.
  // Products: A 0.7·(5/7) = 0.5; B 0.3·(7/12) = 0.175; C (2/7)·(5/12) = 5/42; i.e. ∝ 42 : 14.7 : 10.
  // Mid range: R_A = 1, R_C = -0.5, R_B = (3·14.7 - (42 + 20)) / (2·(42 - 10)) = -17.9/64.
  // (The 1e-8 every coalition starts with shifts these by a few 1e-9.)
  EXPECT_NEAR(state.risk(0), 1.0, 2e-8);
  EXPECT_NEAR(state.risk(1), -17.9 / 64, 2e-8);
  EXPECT_NEAR(state.risk(2), -0.5, 2e-8);
  // A challenges B, in A's view: R_A(B) = (2 - 0.2796875)/3 = 0.5734375, R_A(C) = 0.5.
  // uAA = 1, uAB = u(0.3, 1) = 0.91, uBA = u(0.3, 0.5734375) = 0.820421875, uBB = 1.
  // Votes (weights 0.7 × capability = 1.4, 0.7, 0.7): A 1.4·0.09 = 0.126, B 0.7·0.179578 = 0.125705.
  // Third party C: uCA = u(0.4, 0.5) = 0.72, uCB = u(0.5, 0.5) = 0.625, uCC = 1. First-order vote
  // 0.7·0.095 = 0.0665 for A → P(A wins with C) = 0.1925 / 0.318205 = 0.604957. Joining A:
  // 0.604957·(2·0.72 + 1) + 0.395043·(3·0.625) = 2.216800; joining B: 0.604957·(3·0.72) +
  // 0.395043·(2·0.625 + 1) = 2.195554; C adds 0.7·0.021246 = 0.014873 to A.
  // P(A beats B) = 0.140873 / 0.266577 = 0.528449. Contest: 0.528449·2 + 0.471551·1.82 = 1.915121;
  // B resists with its salience 0.7: 0.3·2 + 0.7·1.915121 = 1.940585; minus status quo 1.91.
  const auto c = state.challenge(0, 1);
  EXPECT_NEAR(c.probability, 0.528449307, 1e-8);
  EXPECT_NEAR(c.gain, 0.0305846127, 1e-8);
}

TEST(SmpReading, DistinctPositionsAndTheirProbabilities) {
  // Two actors share 0.5, one holds 0.9; capabilities and saliences 1; one dimension.
  // Risk election over the three positions (utilities 1 - d, d = 0.4): 0.5 beats 0.9 by 0.8 to 0.4
  // (P = 2/3), the two copies of 0.5 tie (1/2). Products: 1/6, 1/6, (1/3)(1/3)(1/2) = 1/18, so
  // the holders of 0.5 get R = +1 (risk-averse), the holder of 0.9 gets R = -0.5.
  // Reading: options 0.5 and 0.9. The risk-averse pair value 0.9 at u(0.4, 1) = 0.84, so each
  // prefers 0.5 by only 0.16; the risk-acceptant third values 0.5 at u(0.4, -0.5) = 0.48 and
  // prefers 0.9 by 0.52. P(0.5) = 0.32 / 0.84 = 8/21, P(0.9) = 13/21.
  const Space space{1, {1.0, 1.0, 1.0}, {1.0, 1.0, 1.0}};
  const Settings settings;
  const State state(space, {0.5, 0.5, 0.9}, settings);
  EXPECT_NEAR(state.risk(0), 1.0, 1e-7);
  EXPECT_NEAR(state.risk(2), -0.5, 1e-7);
  const auto reading = state.reading();
  EXPECT_EQ(reading.representatives, (std::vector<std::size_t>{0, 2}));
  EXPECT_EQ(reading.position_of_actor, (std::vector<std::size_t>{0, 0, 1}));
  EXPECT_NEAR(reading.probabilities[0], 8.0 / 21, 1e-7);
  EXPECT_NEAR(reading.probabilities[1], 13.0 / 21, 1e-7);
  EXPECT_EQ(reading.most_probable(), 1u);
}

void expect_finite(const Forecast& f) {
  for (const auto& issue : f.issues) EXPECT_TRUE(std::isfinite(issue.forecast));
  for (const auto& round : f.rounds)
    for (const auto& actor : round.positions)
      for (double x : actor) EXPECT_TRUE(std::isfinite(x));
  double total = 0.0;
  for (const auto& position : f.details.at("final_positions")) {
    const double p = position.at("probability").get<double>();
    EXPECT_TRUE(std::isfinite(p));
    total += p;
  }
  EXPECT_NEAR(total, 1.0, 1e-9);
}

TEST(SmpDegenerate, OneActorStaysPut) {
  const Forecast f = smp_model().run(test::one_issue({{"solo", 37, 0.4, 2}}));
  expect_finite(f);
  EXPECT_DOUBLE_EQ(f.issues[0].forecast, 37.0);
  EXPECT_EQ(f.details.at("turns").get<int>(), 2);  // the stopping test needs two turns
}

TEST(SmpDegenerate, IdenticalPositionsGiveNeutralRiskAndNoMove) {
  // Every position equally likely: KTAB divides by zero here; parley sets every R to 0.
  const Space space{1, {1.0, 5.0, 2.0}, {0.2, 0.9, 0.5}};
  const Settings settings;
  const State state(space, {0.64, 0.64, 0.64}, settings);
  for (std::size_t a = 0; a < 3; ++a) EXPECT_EQ(state.risk(a), 0.0);
  const Forecast f = smp_model().run(test::one_issue({{"a", 64, 0.2, 1}, {"b", 64, 0.9, 5}, {"c", 64, 0.5, 2}}));
  expect_finite(f);
  EXPECT_DOUBLE_EQ(f.issues[0].forecast, 64.0);
}

TEST(SmpDegenerate, ZeroSaliencesAndCapabilities) {
  expect_finite(smp_model().run(test::one_issue({{"a", 10, 0.0, 1}, {"b", 20, 0.0, 9}, {"c", 90, 0.0, 3}})));
  expect_finite(smp_model().run(test::one_issue({{"a", 10, 0.0, 1}, {"b", 20, 1.0, 9}, {"c", 90, 0.5, 3}})));
  expect_finite(smp_model().run(test::one_issue({{"a", 10, 1.0, 0}, {"b", 20, 1.0, 0}, {"c", 90, 0.5, 0}})));
  // Nobody cares: nobody moves.
  const Forecast f = smp_model().run(test::one_issue({{"a", 10, 0.0, 1}, {"b", 20, 0.0, 9}, {"c", 90, 0.0, 3}}));
  EXPECT_EQ(f.rounds.back().positions, f.rounds.front().positions);
}

TEST(SmpScenario, ScaleIsMappedToTheUnitIntervalAndBack) {
  // The same case on 0–100 and on 4–14 (x ↦ 4 + x/10) gives the same path, rescaled.
  const std::vector<test::Row> rows{{"a", 20, 0.9, 1}, {"b", 55, 0.6, 2}, {"c", 80, 0.8, 3}};
  std::vector<test::Row> rescaled = rows;
  for (auto& row : rescaled) row.position = 4 + row.position / 10;
  const Forecast wide = smp_model().run(test::one_issue(rows));
  const Forecast narrow = smp_model().run(test::one_issue(rescaled, 4, 14));
  ASSERT_EQ(wide.rounds.size(), narrow.rounds.size());
  for (std::size_t t = 0; t < wide.rounds.size(); ++t)
    for (std::size_t a = 0; a < rows.size(); ++a)
      EXPECT_NEAR(narrow.rounds[t].positions[a][0], 4 + wide.rounds[t].positions[a][0] / 10, 1e-9);
  EXPECT_NEAR(narrow.issues[0].forecast, 4 + wide.issues[0].forecast / 10, 1e-9);
}

Scenario two_issues_with_an_absent_actor() {
  Scenario s = test::one_issue({{"a", 20, 0.5, 1}, {"b", 60, 0.3, 2}, {"c", 90, 0.4, 1}});
  std::vector<Stance> first;
  for (std::size_t a = 0; a < 3; ++a) first.push_back(s.stance(a, 0));
  Issue second;
  second.id = second.label = "second";
  s.issues.push_back(second);
  s.reset_stances();
  for (std::size_t a = 0; a < 3; ++a) s.stance(a, 0) = first[a];
  s.stance(0, 1) = {true, 30, 0.5, std::nullopt, "", "", ""};
  s.stance(1, 1) = {true, 70, 0.7, std::nullopt, "", "", ""};  // b: saliences 0.3 + 0.7 = 1
  return s;  // c is absent from "second"
}

TEST(SmpScenario, AbsentActorSitsAtTheWeightedMeanWithoutSalience) {
  // c is absent from issue 2: it starts at the capability × salience weighted mean of a and b,
  // (1·0.5·30 + 2·0.7·70) / (0.5 + 1.4) = 113/1.9 = 59.47, and cares nothing about it.
  const Forecast f = smp_model().run(two_issues_with_an_absent_actor());
  expect_finite(f);
  EXPECT_NEAR(f.rounds[0].positions[2][1], 113.0 / 1.9, 1e-9);
  ASSERT_EQ(f.issues.size(), 2u);
  EXPECT_EQ(f.issues[1].rounds.size(), f.rounds.size());
}

TEST(SmpParameters, EveryChoiceRunsToAFiniteAnswer) {
  const Scenario s = two_issues_with_an_absent_actor();
  for (const auto& spec : smp_model().info().parameters)
    for (const auto& choice : spec.choices) expect_finite(smp_model().run(s, {{spec.name, choice}}));
}

TEST(SmpParameters, StochasticTransitionsAreReproducible) {
  const Scenario s = two_issues_with_an_absent_actor();
  const ParameterValues given{{"transitions", "stochastic"}, {"seed", "42"}};
  const Forecast first = smp_model().run(s, given);
  const Forecast second = smp_model().run(s, given);
  ASSERT_EQ(first.rounds.size(), second.rounds.size());
  for (std::size_t t = 0; t < first.rounds.size(); ++t) EXPECT_EQ(first.rounds[t].positions, second.rounds[t].positions);
}

TEST(SmpParameters, RoundsLimitTheTurns) {
  const Forecast f = smp_model().run(two_issues_with_an_absent_actor(), {{"rounds", "1"}});
  EXPECT_EQ(f.rounds.size(), 2u);
  EXPECT_THROW((void)smp_model().run(two_issues_with_an_absent_actor(), {{"rounds", "0"}}), ParameterError);
}

TEST(SmpOutput, JsonCarriesRoundsEventsAndFinalPositions) {
  const Scenario s = two_issues_with_an_absent_actor();
  const Parameters parameters(smp_model().info().parameters, {});
  const auto json = nlohmann::json::parse(io::render_json(s, {{"smp", parameters, smp_model().run(s, parameters, {})}}));
  const auto& round0 = json.at("rounds").at(0);
  EXPECT_EQ(round0.at("round"), 0);
  EXPECT_EQ(round0.at("positions").at("a"), (std::vector<double>{20, 30}));
  EXPECT_EQ(round0.at("positions").size(), 3u);
  EXPECT_TRUE(json.at("issues").at(1).at("rounds").at(0).at("positions").contains("b"));
  EXPECT_FALSE(json.at("issues").at(1).at("rounds").at(0).at("positions").contains("c"));  // absent
  ASSERT_FALSE(json.at("events").empty());
  const auto& first = json.at("events").at(0);
  EXPECT_EQ(first.at("kind"), "bargain");
  const std::string text = first.at("text");  // "<initiator> proposes to <receiver> that ..."
  EXPECT_EQ(text.find(first.at("actors").at(0).get<std::string>() + " proposes to " +
                      first.at("actors").at(1).get<std::string>()),
            0u)
      << text;
  EXPECT_EQ(json.at("final_positions").at(0).at("position").size(), 2u);
}

// A turn's proposals, bargain values and elections, and the risk election among 70 positions,
// computed side by side give the same bits as on one thread: every turn's positions, for each
// bargaining model and for stochastic transitions (whose draws stay in actor order).
TEST(SmpThreads, ThreadCountDoesNotChangeAnyPosition) {
  Scenario s;
  s.name = "seventy";
  for (const char* id : {"p", "q"}) {
    Issue issue;
    issue.id = issue.label = id;
    s.issues.push_back(issue);
  }
  std::mt19937_64 random(3);
  const auto uniform = [&](double low, double high) {
    return low + (high - low) * static_cast<double>(random() >> 11) * 0x1p-53;
  };
  for (int k = 0; k < 70; ++k) {
    Actor actor;
    actor.id = actor.name = "a" + std::to_string(k);
    actor.capability = uniform(1, 100);
    s.actors.push_back(actor);
  }
  s.reset_stances();
  for (std::size_t a = 0; a < s.actor_count(); ++a)
    for (std::size_t i = 0; i < 2; ++i) s.stance(a, i) = Stance{true, uniform(0, 100), uniform(0.1, 1), {}, {}, {}, {}};
  for (const char* bargaining : {"init-only", "compromise"})
    for (const char* transitions : {"deterministic", "stochastic"}) {
      const ParameterValues given{{"rounds", "4"}, {"bargaining", bargaining}, {"transitions", transitions}, {"seed", "9"}};
      ParameterValues on_one = given, on_two = given;
      on_one["threads"] = "1";
      on_two["threads"] = "2";
      const Forecast one = smp_model().run(s, on_one);
      const Forecast two = smp_model().run(s, on_two);
      ASSERT_EQ(one.rounds.size(), two.rounds.size());
      for (std::size_t t = 0; t < one.rounds.size(); ++t)
        EXPECT_EQ(one.rounds[t].positions, two.rounds[t].positions) << bargaining << " " << transitions << " turn " << t;
      EXPECT_NE(one.rounds.front().positions, one.rounds.back().positions);  // someone moved
      for (std::size_t i = 0; i < 2; ++i) EXPECT_EQ(one.issues[i].forecast, two.issues[i].forecast);
    }
}

}  // namespace
}  // namespace parley
