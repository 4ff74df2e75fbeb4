// Model `smp`: the spatial model of politics of KTAB (KAPSARC Toolkit for Behavioral Analysis).
//
// Assumes: n actors hold positions in a D-dimensional space (every issue mapped to [0, 1]); each
// actor i has a capability c_i, a salience s_id per dimension (total S_i = Σ_d s_id ≤ 1) and, in
// each state, a risk attitude R_i derived from how likely its own position is to win. Utilities
// fall with salience-weighted distance. Each turn, every actor picks the other actor whose
// challenge promises it the largest expected gain (a probabilistic contest in which third parties
// join the side they expect to serve them best) and proposes a compromise bargain; then every
// actor lets all actors vote, in a probabilistic Condorcet election, between its status quo and
// the bargains it is party to, and moves as the winner says. The run stops when a turn moves
// the actors less than a fraction of the first turn's movement. KTAB reads the final state as a
// probability distribution over the distinct final positions (another Condorcet election).
//
// References: B. Wise et al., "An Introduction to the KAPSARC Toolkit for Behavioral Analysis
//   (KTAB)" and "Multidimensional Bargaining using KTAB", KAPSARC discussion papers (2015);
//   "Modeling Collective Decision-Making Processes with the KAPSARC Toolkit for Behavioral
//   Analysis", ACM (2017); KTAB source (MIT), github.com/KAPSARC/KTAB, examples/smp.
//   Formulas, assumptions and parity figures: docs/models/smp.md.
//
// Parameters (KTAB's defaults first; every choice listed is implemented):
//   rounds = 100            the most turns (KTAB maxIter)
//   min-rounds = 2          the stopping test applies from this turn on (KTAB minIter)
//   stop-ratio = 0.02       stop when a turn's movement / the first turn's is below this
//   victory = linear | square | quartic | octic | binary          (VictoryProbModel)
//   pce = conditional | markov-uniform | markov-incentive          (PCEModel)
//   rule = prop | binary | prop-bin | prop-cubic | cubic | asym-prospect   (VotingRule)
//   risk-range = mid | min | max                                   (BigRRange)
//   risk-adjust = one-third | none | half | two-thirds | full      (BigRAdjust)
//   commitment = semi | full | none                                (ThirdPartyCommit)
//   interpolation = s2p2 | s1p1 | s2pmax                           (InterVecBrgn)
//   transitions = deterministic | stochastic, seed = 0             (StateTransitions)
//   bargaining = init-only | init-receiver | compromise            (BargnModel)
//   threads = 0             threads of one turn from 32 actors (0: all cores); changes no result
//
// Defined answers where KTAB has none: when every position is equally likely to win (e.g. all
// identical), every risk attitude is 0; an actor whose saliences are all zero is indifferent
// (distance 0 to everything); zero capabilities cast zero votes; Condorcet products that would
// underflow are taken in logarithms.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <random>
#include <span>
#include <utility>
#include <vector>

#include "parley/workers.hpp"

namespace parley {
class Registry;
void register_smp(Registry& registry);
}  // namespace parley

namespace parley::smp {

enum class VictoryModel { linear, square, quartic, octic, binary };
enum class ProbabilityModel { conditional, markov_uniform, markov_incentive };
enum class VotingRule { prop, binary, prop_bin, prop_cubic, cubic, asym_prospect };
enum class RiskRange { mid, min, max };
enum class RiskAdjust { one_third, none, half, two_thirds, full };
enum class Commitment { semi, full, none };
enum class Interpolation { s2p2, s1p1, s2pmax };
enum class Transitions { deterministic, stochastic };
enum class BargainModel { initiator_only, initiator_and_receiver, compromise };

struct Settings {
  int max_turns = 100;
  int min_turns = 2;
  double stop_ratio = 0.02;
  VictoryModel victory = VictoryModel::linear;
  ProbabilityModel pce = ProbabilityModel::conditional;
  VotingRule rule = VotingRule::prop;
  RiskRange risk_range = RiskRange::mid;
  RiskAdjust risk_adjust = RiskAdjust::one_third;
  Commitment commitment = Commitment::semi;
  Interpolation interpolation = Interpolation::s2p2;
  Transitions transitions = Transitions::deterministic;
  BargainModel bargaining = BargainModel::initiator_only;
  std::uint64_t seed = 0;
  // Threads of one turn (0: all cores); large scenarios only. The results do not depend on it.
  std::size_t threads = 0;
};

// The fixed attributes of the actors. Saliences are actors × dimensions, row-major.
struct Space {
  std::size_t dimensions = 1;
  std::vector<double> capability;
  std::vector<double> salience;

  [[nodiscard]] std::size_t actors() const { return capability.size(); }
};

// u(d, R) = (1 - d)(1 + dR): 1 at distance 0, 0 at distance 1; R > 0 is risk-averse.
[[nodiscard]] double utility(double distance, double risk);
// sqrt(Σ_d (s_d (a_d - b_d))² / Σ_d s_d²), or 0 when every salience is 0.
[[nodiscard]] double weighted_distance(std::span<const double> a, std::span<const double> b,
                                       std::span<const double> salience);
// The influence a voter of this weight puts behind option a over option b.
[[nodiscard]] double vote(VotingRule rule, double weight, double utility_a, double utility_b);
// The probability that each option is the outcome of a Condorcet election in which each voter
// k votes vote(w_k, U[a][k], U[b][k]) on every pair; utilities are options × voters, row-major.
[[nodiscard]] std::vector<double> condorcet(std::span<const double> weights, std::span<const double> utilities,
                                            std::size_t options, const Settings& settings);

// The buffers of an election, kept from one election to the next for their capacity.
struct ElectionBuffers {
  std::vector<double> by_voter;     // utilities, voters × options
  std::vector<double> strength;     // coalition strengths, options × options
  std::vector<double> for_a, against_a;
  std::vector<double> beats;        // victory probabilities, options × options
  std::vector<double> challenger;   // markov-incentive only
  std::vector<double> next;         // the Markov models' next iterate
  std::vector<double> probabilities;  // the result
};

// condorcet() in `buffers`: returns buffers.probabilities.
const std::vector<double>& condorcet(std::span<const double> weights, std::span<const double> utilities,
                                     std::size_t options, const Settings& settings, ElectionBuffers& buffers);

struct Challenge {
  double probability = 0.0;  // the challenger's estimate that it beats the target
  double gain = 0.0;         // its expected utility of challenging minus the status quo's
};

// A bargain proposed by `initiator` to `receiver`, with the positions each would take.
struct Bargain {
  std::size_t initiator = 0;
  std::size_t receiver = 0;
  Challenge challenge;
  std::vector<double> initiator_position;
  std::vector<double> receiver_position;
};

// What a turn did: the bargains proposed (in initiator order), and for each actor the bargain it
// adopted (an index into `bargains`) or nothing (it kept its position).
struct Turn {
  std::vector<Bargain> bargains;
  std::vector<std::optional<std::size_t>> adopted;
  std::vector<double> positions;  // the new positions, actors × dimensions
};

// KTAB's reading of a state: the distinct positions (represented by the first actor holding
// each), the probability that each is the outcome, and which distinct position each actor holds.
struct Reading {
  std::vector<std::size_t> representatives;
  std::vector<double> probabilities;
  std::vector<std::size_t> position_of_actor;  // index into representatives
  [[nodiscard]] std::size_t most_probable() const;
};

// One state of the negotiation: positions (actors × dimensions, on [0, 1]), with the distances,
// risk attitudes and utility estimates every decision in it uses. A State keeps scratch buffers
// for its decisions, so one State must not be used by two threads at once.
class State {
 public:
  State(const Space& space, std::vector<double> positions, const Settings& settings);
  // Becomes the state at `positions` (same space and settings), keeping its buffers.
  void move_to(std::span<const double> positions);

  [[nodiscard]] std::size_t actors() const { return space_->actors(); }
  [[nodiscard]] const std::vector<double>& positions() const { return positions_; }
  [[nodiscard]] std::span<const double> position(std::size_t actor) const;
  // From i's ideal (= its position) to j's position, with i's saliences.
  [[nodiscard]] double distance(std::size_t i, std::size_t j) const { return distance_[i * actors() + j]; }
  [[nodiscard]] double risk(std::size_t actor) const { return risk_[actor]; }
  // h's estimate of i's utility for j's position.
  [[nodiscard]] double estimated_utility(std::size_t h, std::size_t i, std::size_t j) const;
  // i's estimate of challenging j: its chance of winning and its own expected gain.
  [[nodiscard]] Challenge challenge(std::size_t i, std::size_t j) const;
  // h's estimate of i challenging j: i's chance of winning and k's expected gain.
  [[nodiscard]] Challenge estimate(std::size_t h, std::size_t k, std::size_t i, std::size_t j) const;
  // The target whose challenge promises i the largest gain (above 1e-5), if any.
  [[nodiscard]] std::optional<std::pair<std::size_t, Challenge>> best_target(std::size_t i) const;
  // The bargains i proposes this turn (none, one, or two under initiator_and_receiver).
  [[nodiscard]] std::vector<Bargain> proposals(std::size_t i) const;
  // One bargaining turn into `turn`, whose buffers are reused; `random` is used only by
  // stochastic transitions.
  void step(std::mt19937_64& random, Turn& turn) const;
  [[nodiscard]] Reading reading() const;

 private:
  // Everything h needs to estimate challenges by i that does not depend on the target j:
  // per actor m, h's estimate of m's risk attitude and of m's utilities.
  struct ChallengerView {
    std::vector<double> risk;          // R_h(m)
    std::vector<double> for_i;         // A[h][m][i]: m's utility for i's position
    std::vector<double> own;           // A[h][m][m]
    std::vector<double> join_i_wins;   // m's payoff (×3) if it joins i and i wins
    std::vector<double> join_j_loses;  // m's payoff (×3) if it joins j and i wins
  };
  // Buffers of one actor's decisions, one set per thread, kept for their capacity.
  struct DecisionScratch {
    ChallengerView view;
    std::vector<std::pair<double, std::size_t>> targets;  // best_target
    std::vector<double> votes;                            // a challenge's third-party votes
  };
  // Buffers of one actor's election among its options, one set per thread.
  struct ElectionScratch {
    std::vector<std::size_t> queue;  // the bargains the actor is party to
    std::vector<double> utilities;   // options × voters
    ElectionBuffers election;
  };
  // What an actor decides to propose: its best target, and the target's estimate of its gain
  // (used by the bargaining models other than initiator_only).
  struct Proposal {
    std::optional<std::pair<std::size_t, Challenge>> target;
    double receiver_estimate = 0.0;
  };
  // Buffers of the turn, kept for their capacity.
  struct Scratch {
    DecisionScratch decision;                 // the public single-actor queries
    Bargain receiver_view;                    // proposals under compromise
    std::vector<Bargain> spare;               // bargains of earlier turns, for reuse
    std::vector<double> gains;                // bargain_gains
    std::vector<Proposal> proposals;          // step: per actor
    std::vector<std::vector<double>> choices;  // step: per actor, its election's probabilities (empty: no option)
    ElectionScratch election;                 // the risk and final readings' elections
  };

  [[nodiscard]] double adjusted_risk(std::size_t h, std::size_t i) const;
  const ChallengerView& view_of(std::size_t h, std::size_t i, DecisionScratch& scratch) const;
  [[nodiscard]] Challenge challenge(const ChallengerView& view, std::size_t k, std::size_t i, std::size_t j,
                                    std::vector<double>& votes) const;
  [[nodiscard]] std::optional<std::pair<std::size_t, Challenge>> best_target(std::size_t i,
                                                                             DecisionScratch& scratch) const;
  [[nodiscard]] Proposal decide_proposal(std::size_t i, DecisionScratch& scratch) const;
  void add_bargains(std::size_t i, const Proposal& proposal, std::vector<Bargain>& bargains) const;
  void propose(std::size_t i, std::vector<Bargain>& bargains) const;
  // Actor k's election among the status quo and the bargains it is party to, into `probabilities`
  // (left empty when it is party to none).
  void elect(std::size_t k, const std::vector<Bargain>& bargains, ElectionScratch& scratch,
             std::vector<double>& probabilities) const;
  // work(k) for every actor k, side by side on the turn's threads when there are enough actors.
  template <class Work>
  void for_each_actor(std::size_t count, const Work& work) const;
  Bargain& new_bargain(std::vector<Bargain>& bargains) const;
  void interpolate(std::size_t i, std::size_t j, double probability, Challenge challenge, Bargain& bargain) const;
  void compute_bargain_gains(const std::vector<Bargain>& bargains) const;
  [[nodiscard]] std::size_t choose(const std::vector<double>& probabilities, std::mt19937_64& random) const;
  void assess_risk();

  const Space* space_;
  const Settings* settings_;
  std::vector<double> positions_;
  std::vector<double> distance_;     // [i][j]
  std::vector<double> distance_to_;  // [j][i] = distance(i, j): contiguous over the viewer
  std::vector<double> risk_;
  std::vector<double> total_salience_;    // S_m
  std::vector<double> challenge_weight_;  // S_m × c_m, the weight of votes in challenges
  mutable Scratch scratch_;
  Workers workers_;
};

// A whole run. When the path is recorded, states[0] is the input and states[t] the positions
// after turn t, and turns[t - 1] produced states[t]; otherwise both are empty.
struct Run {
  std::vector<std::vector<double>> states;
  std::vector<Turn> turns;
  std::size_t turn_count = 0;
  std::vector<double> final_positions;
  Reading final_reading;
};

[[nodiscard]] Run simulate(const Space& space, std::vector<double> positions, const Settings& settings,
                           bool record_path = true);

}  // namespace parley::smp
