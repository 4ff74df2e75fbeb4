// Model `eum`: Bueno de Mesquita's expected-utility model of group decisions, one issue at a
// time, in the formalisation of Scholz, Calbert & Smith (2011), "Unravelling Bueno de Mesquita's
// group decision model", J. Theoretical Politics 23(4) (conference version: ICAART 2011).
//
// Assumes: actors bargain on a one-dimensional issue. Each round every actor weighs, for every
// other actor, what it expects to gain by challenging it: success (the other adopts its
// position), failure (it adopts the other's), the status quo. The chance of success is the
// share of capability × salience weighted third-party votes that favour its position. Each
// actor's attitude to risk (exponent r in [0.5, 2]) follows from how exposed it is: the sum of
// what everyone else expects from challenging it. Challenges go where the expected utility is
// positive; each actor resolves the challenges it faces (it loses a conflict and moves fully,
// it compromises and moves part way, or it capitulates and moves fully) and accepts at most
// one move per round. All moves take effect together at the end of the round.
//
// The replications differ in many details; every such point is an option below, and a variant
// chooses a consistent set of them (docs/models/eum.md has the formulas and the full table):
//   scholz (default): the cleanest reading of Scholz et al.
//   jmckib: J. McKibben's Python replication (bdm-scholz-expected-utility-model).
//   masad2014: D. Masad's Python replication (BDM_DecisionModel_Replication).
//
// Parameters (each option's default "variant" means: take the variant's value):
//   variant = scholz | jmckib | masad2014
//   rounds = 10            the most rounds played
//   tolerance = 0          stop when the forecast moves less than this in a round (0: never);
//                          a round in which nobody moves always ends the run
//   rule = median | mean   the forecast: the weighted median or the weighted mean of the final
//                          positions (default median)
//   range, vote_exponent, prob_numerator, prob_denominator, eu_risk, Q, T, nc_sign, mu_risk,
//   mu, median_ties, offer_protocol, capitulation, compromise_select: see Options.
//   evaluation = auto | exact | fast   how vote sums and powers are computed (see Evaluation)
//   threads = 0            threads of the fast evaluation, and of the issues side by side from 16
//                          actors (0: all cores); no result depends on it
//
// Defined answers: one actor, identical positions or a zero range: nobody moves. A zero vote
// denominator (all weights zero) gives P = 0. Equal security levels give every actor r = 1.
// With all weights zero the mean is the plain mean and every position ties for the median.
// Actors at one position have nothing to gain from each other and never challenge each other.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace parley::eum {

// What R, the length that normalises distances, is.
enum class RangeRule {
  initial,  // max − min of the input positions, fixed for the run
  scale,    // the scale_max − scale_min
  current,  // max − min of the positions at the start of each round
};
// The exponent applied to a voter's normalised distances when it votes.
enum class VoteExponent { one, voter_risk };
// The numerator of P(i,j): the sum of the positive votes (negative ones clipped voter by voter)
// or the net vote clipped at zero.
enum class ProbabilityNumerator { positive_votes, clipped_net };
// The denominator of P(i,j): Σ|votes| on this pair, or Σ|votes| over all ordered pairs.
enum class ProbabilityDenominator { pair, all_pairs };
// Whose risk exponent values the target's expected utility of challenging back:
// receiver: the deciding actor's own (it projects its attitude onto the other); own: the target's.
enum class EuRisk { receiver, own };
enum class NoChallengeSign { minus, plus };
enum class Centre { median, mean };
// Ties in the weighted median: the lowest tying position, or the position of the first actor in
// input order among those tying.
enum class MedianTies { lowest, first_actor };
// exact: vote sums voter by voter, powers by std::pow, pairs in input order: the reference,
// bit-identical to the replications. fast: vote sums from sorted prefix sums, powers as
// exp(r log b), pairs in position order; equal to exact within rounding (1e-12), O(n²) per
// round instead of O(n³). Needs vote_exponent = one and prob_denominator = pair.
// automatic: fast where allowed and n ≥ 128.
enum class Evaluation { exact, fast, automatic };
// receiver_eval: every actor reviews every other's challenge and chooses its move by category.
// sender_push: every actor considers only the challenge with the highest expected utility.
enum class OfferProtocol { receiver_eval, sender_push };
// Among compromises: least_move takes the smallest move; jmckib_key the smallest weighted
// average (|a| x_i + |b| x_j)/(|a| + |b|) of the two positions.
enum class CompromiseSelect { least_move, jmckib_key };

struct Options {
  RangeRule range = RangeRule::scale;
  VoteExponent vote_exponent = VoteExponent::one;
  ProbabilityNumerator numerator = ProbabilityNumerator::positive_votes;
  ProbabilityDenominator denominator = ProbabilityDenominator::pair;
  EuRisk eu_risk = EuRisk::own;
  double q = 1.0;                // status-quo probability Q
  std::optional<double> t;       // T; empty: "case" (1 when mu is nearer to i than j is, else 0)
  NoChallengeSign nc_sign = NoChallengeSign::minus;
  Centre mu_risk = Centre::median;    // mu in the security (r = 1) pass
  Centre mu_decide = Centre::median;  // mu in the decision pass
  MedianTies median_ties = MedianTies::lowest;
  OfferProtocol protocol = OfferProtocol::receiver_eval;
  bool capitulation = true;
  CompromiseSelect compromise_select = CompromiseSelect::least_move;
  Evaluation evaluation = Evaluation::automatic;
  // Threads of the fast evaluation and of a run's issues (0: all cores). No result depends on it.
  std::size_t threads = 0;
};

// The option set of a named variant: "scholz", "jmckib" or "masad2014". Throws
// std::invalid_argument on another name.
[[nodiscard]] Options variant_options(std::string_view variant);

// ---- The formulas, one function each (tested by hand in tests/eum_formulas_test.cpp). ----

// The utilities of challenger i against target j, valued with risk exponent `risk`.
struct Utilities {
  double success;      // U_s = 2 − 4 (0.5 − 0.5 δ/R)^r
  double failure;      // U_f = 2 − 4 (0.5 + 0.5 δ/R)^r
  double status_quo;   // U_sq = 2 − 4 · 0.5^r
  double better;       // U_b = 2 − 4 (0.5 − 0.25 m/R)^r, m = |x_i − mu| + δ
  double worse;        // U_w = 2 − 4 (0.5 + 0.25 m/R)^r
};
// δ = |x_i − x_j|; `to_mu` = |x_i − mu|. The better/worse terms are computed only when
// `with_no_challenge` (they vanish at Q = 1).
[[nodiscard]] Utilities utilities(double distance, double to_mu, double range, double risk, bool with_no_challenge);

// T for the pair: the fixed option value, or under "case" 1 if mu is nearer to i than j is.
[[nodiscard]] double no_challenge_t(const Options& options, double to_mu, double distance);

// EU = s_j (P U_s + (1−P) U_f) + (1−s_j) U_s − Q U_sq ∓ (1−Q)(T U_b + (1−T) U_w).
[[nodiscard]] double expected_utility(const Utilities& u, double probability, double target_salience,
                                      const Options& options, double t);

// Voter k's vote for position a over position b: w_k ((|x_k−b|/R)^e − (|x_k−a|/R)^e).
[[nodiscard]] double vote(double voter_position, double voter_weight, double exponent, double a, double b,
                          double range);

// r_i = (1 − R_i/3)/(1 + R_i/3), R_i = (2 D_i − D_max − D_min)/(D_max − D_min), D = `security`.
// Equal security levels give r = 1 for everyone.
[[nodiscard]] std::vector<double> risk_exponents(std::span<const double> security);

// The mover at x_i conceding the fraction |a/b| of the way to its partner at x_j. (Inline, as
// are the two below, so that the fast evaluation's vector loops can use them.)
[[nodiscard]] inline double compromise_position(double mover, double partner, double eu_mover, double eu_partner) {
  const double concession = (partner - mover) * std::abs(eu_mover / eu_partner);
  return mover + concession;
}

// How a mover whose EU of challenging its partner is a answers the partner, whose EU of
// challenging the mover is b: the Outcome values, or none. Without branches (& rather than &&),
// as it is asked of every pair both ways.
enum class Response : std::int64_t { confrontation, compromise, capitulation, none };
[[nodiscard]] inline Response respond(double a, double b, bool capitulation) {
  const bool confront = (b > a) & (a > 0.0);
  const bool concede = (b > 0.0) & (0.0 > a);
  const bool compromise = concede & (b > std::abs(a));
  const bool capitulate = concede & capitulation & (b < std::abs(a));
  return confront ? Response::confrontation : compromise ? Response::compromise : capitulate ? Response::capitulation : Response::none;
}

// What orders a mover's candidate moves of one category, the smallest first: how far it moves,
// or among compromises with `weighted_keys`, the replication's weighted average
// (|a| x + |b| y)/(|a| + |b|) of the mover's and the partner's positions.
[[nodiscard]] inline double move_key(Response how, double x, double y, double a, double b, bool weighted_keys) {
  const double compromise_key = weighted_keys ? (std::abs(a) * x + std::abs(b) * y) / (std::abs(a) + std::abs(b))
                                              : std::abs(x - compromise_position(x, y, a, b));
  return how == Response::compromise ? compromise_key : std::abs(x - y);
}

// The weighted median: the actor position minimising Σ w_k |x_k − p|; ties as `ties` says.
[[nodiscard]] double weighted_median_position(std::span<const double> positions, std::span<const double> weights,
                                              MedianTies ties);

// ---- One issue's bargaining, round by round. ----

enum class Outcome { confrontation, compromise, capitulation };

// An accepted move: `mover` gives way to `partner` (who challenged it).
struct Move {
  std::size_t mover;
  std::size_t partner;
  Outcome outcome;
  double from;
  double to;
  double eu_mover;    // a: the mover's EU of challenging the partner
  double eu_partner;  // b: the partner's EU of challenging the mover (valued as eu_risk says)
};

class SortedVotes;

class Bargaining {
 public:
  // `range` is R for the whole run unless options.range == current.
  Bargaining(std::vector<double> positions, std::vector<double> saliences, std::vector<double> capabilities,
             double range, const Options& options);

  // Risk exponents and mu for the current positions (the two passes of a round).
  void assess();
  // Valid after assess(): P(i,j), the chance that i's position prevails over j's.
  [[nodiscard]] double probability(std::size_t i, std::size_t j) const;
  // Valid after assess(): i's expected utility of challenging j, valued with e's risk exponent.
  [[nodiscard]] double expected_utility(std::size_t evaluator, std::size_t challenger, std::size_t target) const;
  // Valid after assess(): each actor's own view, with its own risk exponent, of every pair:
  // challenge[i·n + j] = EU(i; i→j), challenged[i·n + j] = EU(i; j→i) (the diagonal is 0).
  struct Perspectives {
    std::vector<double> challenge;
    std::vector<double> challenged;
  };
  [[nodiscard]] Perspectives perspectives() const;
  // The moves the actors accept this round, in mover order. Valid after assess().
  [[nodiscard]] std::vector<Move> decide() const;
  void apply(std::span<const Move> moves);

  // assess(), decide(), apply(); the accepted moves.
  std::vector<Move> play_round();

  [[nodiscard]] std::size_t size() const { return positions_.size(); }
  [[nodiscard]] const std::vector<double>& positions() const { return positions_; }
  [[nodiscard]] const std::vector<double>& risk() const { return risk_; }
  [[nodiscard]] const std::vector<double>& security() const { return security_; }
  [[nodiscard]] double range() const { return range_; }
  // Whether this state uses the sorted vote sums and exp/log powers (see Evaluation).
  [[nodiscard]] bool fast() const;
  [[nodiscard]] double mean() const;
  [[nodiscard]] double median() const;

  struct Chances {
    double forward;   // P(i,j)
    double backward;  // P(j,i)
  };

 private:
  struct Pair;  // one pair's geometry and probabilities
  struct Challenges;  // one pair's expected utilities of challenging, as each side values them
  template <typename Visit>
  void for_each_pair(Visit&& visit) const;
  [[nodiscard]] std::size_t pair_blocks() const;
  template <typename Start>
  std::vector<std::size_t> for_each_challenge(bool both_views, Start&& start) const;
  template <typename Visit>
  std::vector<std::size_t> for_each_chunk(bool both_views, bool responses, Visit&& visit) const;
  template <typename Table, typename Fold, typename Merge>
  [[nodiscard]] Table collect(const Table& empty, Fold&& fold, Merge&& merge) const;
  [[nodiscard]] Chances direct_chances(std::size_t i, std::size_t j) const;
  [[nodiscard]] Pair pair(std::size_t i, std::size_t j, double forward, double backward) const;
  [[nodiscard]] Utilities contest_utilities(const Pair& p, std::size_t evaluator) const;
  [[nodiscard]] Utilities with_status_quo(Utilities u, std::size_t evaluator) const;
  [[nodiscard]] double pair_eu(const Pair& p, Utilities contest, std::size_t evaluator, bool from_i) const;
  [[nodiscard]] double centre(Centre which) const;
  [[nodiscard]] double exponent(std::size_t voter) const;
  [[nodiscard]] double all_pairs_denominator() const;
  // |x_voter − x_actor| / R raised to the voter's vote exponent (see vote()).
  [[nodiscard]] double vote_term(std::size_t voter, std::size_t actor) const;
  void tabulate_vote_terms();
  void compute_security();
  [[nodiscard]] std::vector<Move> receiver_eval() const;
  [[nodiscard]] std::vector<Move> sender_push() const;
  [[nodiscard]] std::optional<Move> resolve(std::size_t mover, std::size_t partner, double a, double b) const;

  std::vector<double> positions_;
  std::vector<double> saliences_;
  std::vector<double> weights_;
  double range_;
  Options options_;
  std::vector<double> risk_;
  std::vector<double> status_quo_;  // U_sq at each actor's risk exponent (0 when risk-neutral)
  std::vector<double> security_;
  double mu_ = 0.0;
  double all_pairs_ = 0.0;  // the all-pairs vote denominator, when the option uses it
  std::vector<double> vote_terms_;  // vote_term(k, m) at [k·n + m] in the exact evaluation (up to
                                    // a size), else empty
};

}  // namespace parley::eum
