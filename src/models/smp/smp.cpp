// The spatial model of politics on the unit cube: primitives, one state, a run.
// The formulas and their order of operations follow the specification (docs/models/smp.md),
// except that a challenge's third-party votes are summed in four partial sums; results agree
// with KTAB's to 1e-14. The file is built with -ffp-contract=off (no fused multiply-add).
#include "smp/smp.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>
#include <utility>

#include "target_clones.hpp"

namespace parley::smp {
namespace {

constexpr double kElectionSeed = 1e-8;   // every coalition in an election starts with this strength
constexpr double kChallengeSeed = 1e-10; // every side of a challenge starts with this strength
constexpr double kInterpolationSeed = 1e-6;
constexpr double kSignificantGain = 1e-5;  // a challenge must promise more than this
constexpr double kBoundMargin = 1e-12;     // covers rounding in the computed gain
constexpr double kSamePosition = 1e-3;     // positions closer than this (Euclidean) are one
constexpr double kFirstMovementGuard = 1e-4;
constexpr double kBinaryVoteScale = 1e-8;
constexpr double kBinaryVictoryThreshold = 1.1;
constexpr double kMarkovTolerance = 1e-6;
constexpr double kMarkovIncentiveTolerance = 1e-8;
constexpr int kMarkovIterations = 1000;
constexpr double kSelfSupport = 1e-10;
constexpr double kSmallestSafeProduct = 1e-250;  // below this, Condorcet products lose digits
// Relative spread of win probabilities below which every position counts as equally likely.
constexpr double kEquallyLikely = 1e-12;

// The hot loops also get an AVX2 copy, picked at run time on processors that have it. Both copies
// compute the same values (IEEE arithmetic, no fused multiply-add); AVX2 runs twice the lanes.
#define PARLEY_SMP_WIDE_VECTORS PARLEY_TARGET_CLONES("avx2", "default")

}  // namespace

// Beyond distance 1 (never reached with valid data) KTAB uses (1 - d)(1 + R): min(d, 1) gives
// both cases without a branch, which keeps the inner loops vectorisable.
double utility(double distance, double risk) { return (1.0 - distance) * (1.0 + std::min(distance, 1.0) * risk); }

namespace {

template <VotingRule rule>
using RuleTag = std::integral_constant<VotingRule, rule>;

// Calls f with the voting rule as a compile-time constant, so inner loops are specialised.
template <class F>
decltype(auto) with_rule(VotingRule rule, F&& f) {
  switch (rule) {
    case VotingRule::binary: return f(RuleTag<VotingRule::binary>{});
    case VotingRule::prop_bin: return f(RuleTag<VotingRule::prop_bin>{});
    case VotingRule::prop_cubic: return f(RuleTag<VotingRule::prop_cubic>{});
    case VotingRule::cubic: return f(RuleTag<VotingRule::cubic>{});
    case VotingRule::asym_prospect: return f(RuleTag<VotingRule::asym_prospect>{});
    case VotingRule::prop: break;
  }
  return f(RuleTag<VotingRule::prop>{});
}

double clipped_sign(double difference) { return std::clamp(difference / kBinaryVoteScale, -1.0, 1.0); }

template <VotingRule rule>
double cast_vote(RuleTag<rule>, double weight, double utility_a, double utility_b) {
  const double difference = utility_a - utility_b;
  if constexpr (rule == VotingRule::prop) return weight * difference;
  if constexpr (rule == VotingRule::binary) return weight * clipped_sign(difference);
  if constexpr (rule == VotingRule::prop_bin) return weight * (0.8 * difference + 0.2 * clipped_sign(difference));
  if constexpr (rule == VotingRule::prop_cubic)
    return weight * (0.5 * difference + 0.5 * difference * difference * difference);
  if constexpr (rule == VotingRule::cubic) return weight * (difference * difference * difference);
  if constexpr (rule == VotingRule::asym_prospect) return ((difference > 0.0 ? 2.0 / 3.0 : 1.0) * weight) * difference;
}

double positive_part(double x) { return std::max(x, 0.0); }
double negative_part(double x) { return std::max(-x, 0.0); }

// Sums of the positive and of the negative parts of the votes: four interleaved partial sums,
// so that the loop runs in parallel lanes rather than in one chain of dependent additions.
struct VoteTotals {
  double for_first = 0.0;
  double for_second = 0.0;
};

template <class VoteOf>
VoteTotals total_votes(std::size_t count, VoteOf vote_of) {
  constexpr std::size_t lanes = 4;
  double positive[lanes] = {};
  double negative[lanes] = {};
  std::size_t k = 0;
  for (; k + lanes <= count; k += lanes)
    for (std::size_t lane = 0; lane < lanes; ++lane) {
      const double v = vote_of(k + lane);
      positive[lane] += positive_part(v);
      negative[lane] += negative_part(v);
    }
  for (; k < count; ++k) {
    const double v = vote_of(k);
    positive[0] += positive_part(v);
    negative[0] += negative_part(v);
  }
  return {(positive[0] + positive[1]) + (positive[2] + positive[3]),
          (negative[0] + negative[1]) + (negative[2] + negative[3])};
}

// Adds every voter's vote on option a against each option b < a, in voter order.
template <VotingRule rule>
PARLEY_SMP_WIDE_VECTORS void add_votes_against_earlier(RuleTag<rule> tag, const double* by_voter, const double* weights,
                                                       std::size_t voters, std::size_t options, std::size_t a,
                                                       double* __restrict for_a, double* __restrict against_a) {
  for (std::size_t k = 0; k < voters; ++k) {
    const double* u = by_voter + k * options;
    const double w = weights[k];
    const double ua = u[a];
    for (std::size_t b = 0; b < a; ++b) {
      const double v = cast_vote(tag, w, ua, u[b]);
      for_a[b] += positive_part(v);
      against_a[b] += negative_part(v);
    }
  }
}

// Coalition strengths for a over b; options × options, row-major. Each pair's votes are added
// in voter order; the loop over options innermost (voter-major utilities) runs in vector lanes.
// Large elections (the risk election among every actor's position) compute the options' rows
// side by side on `threads` threads: each row writes only its own pairs' cells.
void coalitions(std::span<const double> weights, std::span<const double> utilities, std::size_t options,
                VotingRule rule, std::size_t threads, ElectionBuffers& buffers) {
  const std::size_t voters = weights.size();
  std::vector<double>& by_voter = buffers.by_voter;
  by_voter.resize(voters * options);
  for (std::size_t a = 0; a < options; ++a)
    for (std::size_t k = 0; k < voters; ++k) by_voter[k * options + a] = utilities[a * voters + k];
  std::vector<double>& strength = buffers.strength;
  strength.assign(options * options, kElectionSeed);
  std::vector<double>& for_a = buffers.for_a;
  std::vector<double>& against_a = buffers.against_a;
  for_a.resize(options);
  against_a.resize(options);
  with_rule(rule, [&](auto tag) {
    const auto row = [&](std::size_t a, std::vector<double>& for_a, std::vector<double>& against_a) {
      std::fill_n(for_a.begin(), a, kElectionSeed);
      std::fill_n(against_a.begin(), a, kElectionSeed);
      add_votes_against_earlier(tag, by_voter.data(), weights.data(), voters, options, a, for_a.data(), against_a.data());
      for (std::size_t b = 0; b < a; ++b) {
        strength[a * options + b] = for_a[b];
        strength[b * options + a] = against_a[b];
      }
    };
    constexpr std::size_t parallel_minimum = 64;  // options × options × voters: ~250 000 votes
    if (options < parallel_minimum || threads == 1) {
      for (std::size_t a = 1; a < options; ++a) row(a, for_a, against_a);
      return;
    }
    Workers(threads).for_each_index(options - 1, 2, [&](std::size_t k) {
      thread_local std::vector<double> own_for_a, own_against_a;
      own_for_a.resize(options);
      own_against_a.resize(options);
      row(k + 1, own_for_a, own_against_a);
    });
  });
}

double power_of_two_exponent(double x, int squarings) {
  for (int s = 0; s < squarings; ++s) x *= x;
  return x;
}

// The probability that a coalition of strength `a` beats one of strength `b`.
double victory_probability(VictoryModel model, double a, double b) {
  switch (model) {
    case VictoryModel::square: a = power_of_two_exponent(a, 1), b = power_of_two_exponent(b, 1); break;
    case VictoryModel::quartic: a = power_of_two_exponent(a, 2), b = power_of_two_exponent(b, 2); break;
    case VictoryModel::octic: a = power_of_two_exponent(a, 3), b = power_of_two_exponent(b, 3); break;
    case VictoryModel::binary:
      if (a >= kBinaryVictoryThreshold * b) return 1.0 / (1.0 + 1e-6);
      if (b >= kBinaryVictoryThreshold * a) return 1e-6 / (1e-6 + 1.0);
      {
        const double share = a / (a + b);
        a = (2.1 * share - 1.0) / 0.1;
        b = 1.0 - a;
      }
      break;
    case VictoryModel::linear: break;
  }
  return a / (a + b);
}

void conditional_probabilities(const std::vector<double>& beats, std::size_t options, std::vector<double>& p) {
  p.assign(options, 1.0);
  double largest = 0.0;
  for (std::size_t a = 0; a < options; ++a) {
    for (std::size_t b = 0; b < options; ++b) p[a] *= beats[a * options + b];
    largest = std::max(largest, p[a]);
  }
  if (!(largest >= kSmallestSafeProduct)) {  // many options: take the products in logarithms
    double top = -std::numeric_limits<double>::infinity();
    for (std::size_t a = 0; a < options; ++a) {
      double sum = 0.0;
      for (std::size_t b = 0; b < options; ++b)
        sum += std::log(std::max(beats[a * options + b], std::numeric_limits<double>::min()));
      p[a] = sum;
      top = std::max(top, sum);
    }
    for (double& x : p) x = std::exp(x - top);
  }
  double total = 0.0;
  for (double x : p) total += x;
  for (double& x : p) x /= total;
}

void markov_uniform_probabilities(const std::vector<double>& beats, std::size_t options, std::vector<double>& p,
                                  std::vector<double>& next) {
  const double count = static_cast<double>(options);
  p.assign(options, 1.0 / count);
  next.resize(options);
  for (int iteration = 0; iteration < kMarkovIterations; ++iteration) {
    double change = 0.0;
    for (std::size_t a = 0; a < options; ++a) {
      double sum = 0.0;
      for (std::size_t b = 0; b < options; ++b) sum += beats[a * options + b] * (p[a] + p[b]);
      next[a] = sum / count;
      change = std::max(change, std::abs(next[a] - p[a]));
    }
    for (std::size_t a = 0; a < options; ++a) p[a] = (p[a] + next[a]) / 2.0;
    if (change <= kMarkovTolerance) break;
  }
}

template <Commitment commitment>
using CommitmentTag = std::integral_constant<Commitment, commitment>;

template <class F>
decltype(auto) with_commitment(Commitment commitment, F&& f) {
  switch (commitment) {
    case Commitment::full: return f(CommitmentTag<Commitment::full>{});
    case Commitment::none: return f(CommitmentTag<Commitment::none>{});
    case Commitment::semi: break;
  }
  return f(CommitmentTag<Commitment::semi>{});
}

// What the challenger i knows of each third party m, whatever the target.
struct ThirdParties {
  const double* weight;        // S_m c_m
  const double* risk;          // R_i(m)
  const double* for_i;         // A[i][m][i]
  const double* own;           // A[i][m][m]
  const double* join_i_wins;   // m's payoff (×3) if it joins i and i wins
  const double* join_j_loses;  // m's payoff (×3) if it joins j and i wins
};

// Each third party's vote in i's challenge of j: m first weighs in on the side it prefers, then
// votes by its expected payoff of joining either side in that "little contest". One pass over
// flat arrays without branches, so that the compiler can vectorise it.
template <VotingRule rule, Commitment commitment>
PARLEY_SMP_WIDE_VECTORS void third_party_votes(RuleTag<rule> tag, CommitmentTag<commitment>, const ThirdParties& parties,
                       const double* distance_to_j, double base_i, double base_j, std::size_t count,
                       double* __restrict votes) {
  for (std::size_t m = 0; m < count; ++m) {
    const double wm = parties.weight[m];
    const double umi = parties.for_i[m];
    const double umm = parties.own[m];
    const double umj = utility(distance_to_j[m], parties.risk[m]);
    const double vm = cast_vote(tag, wm, umi, umj);
    const double with_i = base_i + positive_part(vm);
    const double with_j = base_j + negative_part(vm);
    const double pin = with_i / (with_i + with_j);
    const double pjn = 1.0 - pin;
    const double join_i_loses = umj + umj + (commitment == Commitment::none ? umm : umj);
    const double join_j_wins = umj + umj + (commitment == Commitment::full ? umj : umm);
    const double join_i = pin * parties.join_i_wins[m] + pjn * join_i_loses;
    const double join_j = pin * parties.join_j_loses[m] + pjn * join_j_wins;
    votes[m] = cast_vote(tag, wm, join_i, join_j);
  }
}

// Markov voting with incentives: a challenges the current favourite b with probability
// proportional to its incentive, the strength of its coalition times its chance of winning (a
// tiny self-support keeps each column positive); iterated, averaging, to a fixed point.
void markov_incentive_probabilities(const std::vector<double>& strength, const std::vector<double>& beats,
                                    std::size_t options, std::vector<double>& challenger, std::vector<double>& p,
                                    std::vector<double>& next) {
  challenger.resize(options * options);  // [a][b]: P(a is the challenger of b)
  for (std::size_t b = 0; b < options; ++b) {
    double total = 0.0;
    for (std::size_t a = 0; a < options; ++a) {
      const double incentive = strength[a * options + b] * beats[a * options + b] + (a == b ? kSelfSupport : 0.0);
      challenger[a * options + b] = incentive;
      total += incentive;
    }
    for (std::size_t a = 0; a < options; ++a) challenger[a * options + b] /= total;
  }
  p.assign(options, 1.0 / static_cast<double>(options));
  next.resize(options);
  for (int iteration = 0; iteration < kMarkovIterations; ++iteration) {
    double change = 0.0;
    for (std::size_t a = 0; a < options; ++a) {
      double sum = 0.0;
      for (std::size_t b = 0; b < options; ++b)
        sum += beats[a * options + b] * (p[a] * challenger[b * options + a] + p[b] * challenger[a * options + b]);
      next[a] = sum;
      change = std::max(change, std::abs(next[a] - p[a]));
    }
    for (std::size_t a = 0; a < options; ++a) p[a] = (p[a] + next[a]) / 2.0;
    if (change <= kMarkovIncentiveTolerance) break;
  }
}

double round4(double x) { return std::floor(0.5 + x * 10000.0) / 10000.0; }

double euclidean(std::span<const double> a, std::span<const double> b) {
  double sum = 0.0;
  for (std::size_t d = 0; d < a.size(); ++d) sum += (a[d] - b[d]) * (a[d] - b[d]);
  return std::sqrt(sum);
}

double total_movement(const std::vector<double>& from, const std::vector<double>& to, std::size_t dimensions) {
  double sum = 0.0;
  for (std::size_t start = 0; start < from.size(); start += dimensions)
    sum += euclidean(std::span(from).subspan(start, dimensions), std::span(to).subspan(start, dimensions));
  return sum;
}

// Where i and j meet on one dimension, given i's salience, j's, and i's chance of winning. With a
// "chance" outside [0, 1] (KTAB's receiver view) a denominator can vanish: then nobody moves.
std::pair<double, double> meeting_point(Interpolation method, double ti, double tj, double si, double sj, double pi) {
  const double pj = 1.0 - pi;
  if (method == Interpolation::s2pmax) {
    const double di = std::max(0.0, pj - pi);
    const double dj = std::max(0.0, pi - pj);
    const double to_j_weight = di * (sj * sj) + kInterpolationSeed + (1.0 - di) * (si * si);
    const double to_i_weight = dj * (si * si) + kInterpolationSeed + (1.0 - dj) * (sj * sj);
    const double to_j = to_j_weight > 0.0 ? di * (sj * sj) / to_j_weight : 0.0;
    const double to_i = to_i_weight > 0.0 ? dj * (si * si) / to_i_weight : 0.0;
    return {ti + to_j * (tj - ti), tj + to_i * (ti - tj)};
  }
  const bool squared = method == Interpolation::s2p2;
  const double wi = squared ? (si * si) * (pi * pi) : si * pi;
  const double wj = squared ? (sj * sj) * (pj * pj) : sj * pj;
  const double denominator = wi + kInterpolationSeed + wj;
  if (!(denominator > 0.0)) return {ti, tj};
  return {round4(((wi + kInterpolationSeed) * ti + wj * tj) / denominator),
          round4((wi * ti + (kInterpolationSeed + wj) * tj) / denominator)};
}

}  // namespace

double weighted_distance(std::span<const double> a, std::span<const double> b, std::span<const double> salience) {
  double weighted = 0.0;
  double norm = 0.0;
  for (std::size_t d = 0; d < a.size(); ++d) {
    const double difference = (a[d] - b[d]) * salience[d];
    weighted += difference * difference;
    norm += salience[d] * salience[d];
  }
  return norm > 0.0 ? std::sqrt(weighted / norm) : 0.0;
}

double vote(VotingRule rule, double weight, double utility_a, double utility_b) {
  return with_rule(rule, [&](auto tag) { return cast_vote(tag, weight, utility_a, utility_b); });
}

std::vector<double> condorcet(std::span<const double> weights, std::span<const double> utilities,
                              std::size_t options, const Settings& settings) {
  ElectionBuffers buffers;
  return condorcet(weights, utilities, options, settings, buffers);
}

const std::vector<double>& condorcet(std::span<const double> weights, std::span<const double> utilities,
                                     std::size_t options, const Settings& settings, ElectionBuffers& buffers) {
  std::vector<double>& p = buffers.probabilities;
  p.clear();
  if (options == 0) return p;
  coalitions(weights, utilities, options, settings.rule, settings.threads, buffers);
  const std::vector<double>& strength = buffers.strength;
  std::vector<double>& beats = buffers.beats;
  beats.assign(options * options, 0.5);
  for (std::size_t a = 0; a < options; ++a)
    for (std::size_t b = 0; b < options; ++b)
      if (a != b)
        beats[a * options + b] = victory_probability(settings.victory, strength[a * options + b], strength[b * options + a]);
  switch (settings.pce) {
    case ProbabilityModel::markov_uniform: markov_uniform_probabilities(beats, options, p, buffers.next); break;
    case ProbabilityModel::markov_incentive:
      markov_incentive_probabilities(strength, beats, options, buffers.challenger, p, buffers.next);
      break;
    case ProbabilityModel::conditional: conditional_probabilities(beats, options, p); break;
  }
  return p;
}

std::size_t Reading::most_probable() const {
  return static_cast<std::size_t>(std::max_element(probabilities.begin(), probabilities.end()) - probabilities.begin());
}

State::State(const Space& space, std::vector<double> positions, const Settings& settings)
    : space_(&space), settings_(&settings), workers_(settings.threads) {
  const std::size_t n = space.actors();
  total_salience_.assign(n, 0.0);
  challenge_weight_.resize(n);
  for (std::size_t m = 0; m < n; ++m) {
    for (std::size_t d = 0; d < space.dimensions; ++d) total_salience_[m] += space.salience[m * space.dimensions + d];
    challenge_weight_[m] = total_salience_[m] * space.capability[m];
  }
  move_to(positions);
}

void State::move_to(std::span<const double> positions) {
  const Space& space = *space_;
  const std::size_t n = space.actors();
  positions_.assign(positions.begin(), positions.end());
  distance_.resize(n * n);
  distance_to_.resize(n * n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto salience = std::span(space.salience).subspan(i * space.dimensions, space.dimensions);
    for (std::size_t j = 0; j < n; ++j) {
      const double d = weighted_distance(position(i), position(j), salience);
      distance_[i * n + j] = d;
      distance_to_[j * n + i] = d;
    }
  }
  assess_risk();
}

std::span<const double> State::position(std::size_t actor) const {
  return std::span(positions_).subspan(actor * space_->dimensions, space_->dimensions);
}

// Risk attitudes from a risk-neutral election between the actors' positions: the most likely
// position makes its holder risk-averse, the least likely risk-acceptant.
void State::assess_risk() {
  const std::size_t n = actors();
  std::vector<double>& neutral = scratch_.election.utilities;
  neutral.resize(n * n);
  for (std::size_t i = 0; i < n * n; ++i) neutral[i] = utility(distance_to_[i], 0.0);
  const std::vector<double>& p = condorcet(space_->capability, neutral, n, *settings_, scratch_.election.election);
  risk_.assign(n, 0.0);
  if (n == 0) return;
  const auto [low, high] = std::minmax_element(p.begin(), p.end());
  const double p_min = *low;
  const double p_max = *high;
  if (!(p_max - p_min > kEquallyLikely * p_max)) return;  // no position more likely than another
  const double range = p_max - p_min;
  for (std::size_t i = 0; i < n; ++i) {
    switch (settings_->risk_range) {
      case RiskRange::mid: risk_[i] = (3.0 * p[i] - (p_max + 2.0 * p_min)) / (2.0 * range); break;
      case RiskRange::min: risk_[i] = (p[i] - p_min) / range; break;
      case RiskRange::max: risk_[i] = (2.0 * p[i] - p_max - p_min) / range; break;
    }
  }
}

double State::adjusted_risk(std::size_t h, std::size_t i) const {
  switch (settings_->risk_adjust) {
    case RiskAdjust::none: return risk_[h];
    case RiskAdjust::half: return (risk_[h] + risk_[i]) / 2.0;
    case RiskAdjust::two_thirds: return (risk_[h] + 2.0 * risk_[i]) / 3.0;
    case RiskAdjust::full: return risk_[i];
    case RiskAdjust::one_third: break;
  }
  return (2.0 * risk_[h] + risk_[i]) / 3.0;
}

double State::estimated_utility(std::size_t h, std::size_t i, std::size_t j) const {
  return utility(distance(i, j), adjusted_risk(h, i));
}

const State::ChallengerView& State::view_of(std::size_t h, std::size_t i, DecisionScratch& scratch) const {
  const std::size_t n = actors();
  const Commitment commitment = settings_->commitment;
  ChallengerView& view = scratch.view;
  for (auto* column : {&view.risk, &view.for_i, &view.own, &view.join_i_wins, &view.join_j_loses}) column->resize(n);
  for (std::size_t m = 0; m < n; ++m) {
    const double risk = adjusted_risk(h, m);
    const double umi = utility(distance(m, i), risk);
    const double umm = utility(distance(m, m), risk);
    view.risk[m] = risk;
    view.for_i[m] = umi;
    view.own[m] = umm;
    view.join_i_wins[m] = umi + umi + (commitment == Commitment::full ? umi : umm);
    view.join_j_loses[m] = umi + umi + (commitment == Commitment::none ? umm : umi);
  }
  return view;
}

Challenge State::challenge(std::size_t i, std::size_t j) const { return estimate(i, i, i, j); }

Challenge State::estimate(std::size_t h, std::size_t k, std::size_t i, std::size_t j) const {
  DecisionScratch& scratch = scratch_.decision;
  return challenge(view_of(h, i, scratch), k, i, j, scratch.votes);
}

// h's estimate (the view) of a contest of i with j, and of its effect on k: the principals vote
// between their two positions; each third party m then joins the side that serves it best in
// the "little contest" of i, j and m.
Challenge State::challenge(const ChallengerView& view, std::size_t k, std::size_t i, std::size_t j,
                           std::vector<double>& votes) const {
  const std::size_t n = actors();
  votes.resize(n);
  const VotingRule rule = settings_->rule;
  const double uii = view.own[i];
  const double uij = utility(distance(i, j), view.risk[i]);
  const double uji = view.for_i[j];
  const double ujj = view.own[j];
  const double uki = view.for_i[k];
  const double ukj = utility(distance(k, j), view.risk[k]);
  const double status_quo = uki + ukj;
  const double i_wins = uki + uki;
  const double j_wins = ukj + ukj;

  const double vi = vote(rule, challenge_weight_[i], uii, uij);
  const double vj = vote(rule, challenge_weight_[j], uji, ujj);
  const double base_i = kChallengeSeed + positive_part(vi) + positive_part(vj);
  const double base_j = kChallengeSeed + negative_part(vi) + negative_part(vj);
  const ThirdParties parties{challenge_weight_.data(), view.risk.data(),        view.for_i.data(),
                             view.own.data(),          view.join_i_wins.data(), view.join_j_loses.data()};
  with_rule(rule, [&](auto tag) {
    with_commitment(settings_->commitment, [&](auto commitment) {
      third_party_votes(tag, commitment, parties, distance_to_.data() + j * n, base_i, base_j, n, votes.data());
    });
  });
  votes[i] = 0.0;  // the principals are no third parties
  votes[j] = 0.0;
  const VoteTotals third = total_votes(n, [&](std::size_t m) { return votes[m]; });
  const double strength_i = base_i + third.for_first;
  const double strength_j = base_j + third.for_second;
  const double p_ij = strength_i / (strength_i + strength_j);
  const double p_ji = strength_j / (strength_i + strength_j);
  const double contest = p_ij * i_wins + p_ji * j_wins;
  const double resistance = total_salience_[j];  // j resists in proportion to how much it cares
  const double challenge = (1.0 - resistance) * i_wins + resistance * contest;
  return Challenge{p_ij, challenge - status_quo};
}

// The gain of challenging j is (u_ii - u_ij)(1 - 2 S_j (1 - P_ij)), never more than |u_ii - u_ij|
// (S_j ≤ 1). So the targets are tried from the highest bound down, and the search stops once no
// bound can reach the best gain found. The choice is the one of an ascending scan that keeps the
// first strict maximum: the highest gain, the lowest index among equal gains.
std::optional<std::pair<std::size_t, Challenge>> State::best_target(std::size_t i) const {
  return best_target(i, scratch_.decision);
}

std::optional<std::pair<std::size_t, Challenge>> State::best_target(std::size_t i, DecisionScratch& scratch) const {
  const std::size_t n = actors();
  const ChallengerView& view = view_of(i, i, scratch);
  auto& targets = scratch.targets;  // (bound on the gain, j)
  targets.clear();
  for (std::size_t j = 0; j < n; ++j)
    if (j != i) targets.emplace_back(std::abs(view.own[i] - utility(distance(i, j), view.risk[i])), j);
  std::sort(targets.begin(), targets.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::optional<std::pair<std::size_t, Challenge>> best;
  double best_gain = kSignificantGain;
  for (const auto& [bound, j] : targets) {
    if (bound + kBoundMargin < best_gain) break;
    const Challenge c = challenge(view, i, i, j, scratch.votes);
    if (c.gain > best_gain || (best && c.gain == best_gain && j < best->first)) best.emplace(j, c), best_gain = c.gain;
  }
  return best;
}

std::vector<Bargain> State::proposals(std::size_t i) const {
  std::vector<Bargain> bargains;
  propose(i, bargains);
  return bargains;
}

// Appends the bargains i proposes to `bargains`.
void State::propose(std::size_t i, std::vector<Bargain>& bargains) const {
  add_bargains(i, decide_proposal(i, scratch_.decision), bargains);
}

// What i proposes depends on this state only, so the actors decide side by side.
State::Proposal State::decide_proposal(std::size_t i, DecisionScratch& scratch) const {
  Proposal proposal{best_target(i, scratch), 0.0};
  if (!proposal.target || settings_->bargaining == BargainModel::initiator_only) return proposal;
  // KTAB interpolates "from j's view" with j's estimate of i's expected gain in place of a
  // probability; kept as KTAB has it.
  const std::size_t j = proposal.target->first;
  proposal.receiver_estimate = challenge(view_of(j, i, scratch), i, i, j, scratch.votes).gain;
  return proposal;
}

// The bargains of i's proposal, appended to `bargains` (in initiator order, one actor at a time).
void State::add_bargains(std::size_t i, const Proposal& proposal, std::vector<Bargain>& bargains) const {
  if (!proposal.target) return;
  const auto [j, challenge] = *proposal.target;
  Bargain& own = new_bargain(bargains);
  interpolate(i, j, challenge.probability, challenge, own);
  if (settings_->bargaining == BargainModel::initiator_only) return;
  const double receiver_estimate = proposal.receiver_estimate;
  if (settings_->bargaining == BargainModel::initiator_and_receiver) {
    interpolate(i, j, receiver_estimate, challenge, new_bargain(bargains));
    return;
  }
  Bargain& theirs = scratch_.receiver_view;
  interpolate(i, j, receiver_estimate, challenge, theirs);
  // Power-weighted compromise of the two, weights c_i S_i and c_i S_j (KTAB uses i's capability
  // in both); equal weights if both are 0.
  Bargain& mine = bargains.back();
  const double capability = space_->capability[i];
  double wi = capability * total_salience_[i];
  double wj = capability * total_salience_[j];
  if (!(wi + wj > 0.0)) wi = wj = 1.0;
  const auto blend = [&](std::vector<double>& ours, const std::vector<double>& other) {
    for (std::size_t d = 0; d < ours.size(); ++d) ours[d] = (wi * ours[d] + wj * other[d]) / (wi + wj);
  };
  blend(mine.initiator_position, theirs.initiator_position);
  blend(mine.receiver_position, theirs.receiver_position);
}

// A bargain appended to `bargains`, made of a spare one when there is one (its buffers are reused).
Bargain& State::new_bargain(std::vector<Bargain>& bargains) const {
  if (scratch_.spare.empty()) return bargains.emplace_back();
  bargains.push_back(std::move(scratch_.spare.back()));
  scratch_.spare.pop_back();
  return bargains.back();
}

void State::interpolate(std::size_t i, std::size_t j, double probability, Challenge challenge, Bargain& bargain) const {
  const std::size_t dims = space_->dimensions;
  bargain.initiator = i;
  bargain.receiver = j;
  bargain.challenge = challenge;
  bargain.initiator_position.resize(dims);
  bargain.receiver_position.resize(dims);
  for (std::size_t d = 0; d < dims; ++d) {
    const auto [to_i, to_j] =
        meeting_point(settings_->interpolation, position(i)[d], position(j)[d], space_->salience[i * dims + d],
                      space_->salience[j * dims + d], probability);
    bargain.initiator_position[d] = to_i;
    bargain.receiver_position[d] = to_j;
  }
}

// For each bargain (row) and voter a (column): a's average utility of the state the bargain
// would produce, minus that of the status quo. Only the two principals' positions change, so
// the other n - 2 terms cancel.
void State::compute_bargain_gains(const std::vector<Bargain>& bargains) const {
  const std::size_t n = actors();
  const std::size_t dims = space_->dimensions;
  const double count = static_cast<double>(n);
  std::vector<double>& gains = scratch_.gains;
  gains.resize(bargains.size() * n);
  for_each_actor(bargains.size(), [&](std::size_t b) {
    const Bargain& bargain = bargains[b];
    for (std::size_t a = 0; a < n; ++a) {
      const auto salience = std::span(space_->salience).subspan(a * dims, dims);
      const double own_risk = adjusted_risk(a, a);
      const double initiator_now = utility(distance(a, bargain.initiator), own_risk);
      const double receiver_now = utility(distance(a, bargain.receiver), own_risk);
      const double initiator_then = utility(weighted_distance(position(a), bargain.initiator_position, salience), risk_[a]);
      const double receiver_then = utility(weighted_distance(position(a), bargain.receiver_position, salience), risk_[a]);
      gains[b * n + a] = ((initiator_then - initiator_now) + (receiver_then - receiver_now)) / count;
    }
  });
}

std::size_t State::choose(const std::vector<double>& probabilities, std::mt19937_64& random) const {
  if (settings_->transitions == Transitions::stochastic) {
    const double draw = static_cast<double>(random() >> 11) * 0x1.0p-53;  // uniform on [0, 1)
    double cumulative = 0.0;
    for (std::size_t b = 0; b + 1 < probabilities.size(); ++b) {
      cumulative += probabilities[b];
      if (draw < cumulative) return b;
    }
    return probabilities.size() - 1;
  }
  std::size_t best = 0;
  for (std::size_t b = 1; b < probabilities.size(); ++b)
    if (probabilities[b] > probabilities[best]) best = b;
  return best;
}

template <class Work>
void State::for_each_actor(std::size_t count, const Work& work) const {
  constexpr std::size_t parallel_minimum = 32;  // fewer actors: a turn costs less than waking threads
  if (actors() < parallel_minimum) {
    for (std::size_t k = 0; k < count; ++k) work(k);
    return;
  }
  workers_.for_each_index(count, 2, work);
}

namespace {

bool party_to(const Bargain& bargain, std::size_t actor) {
  return bargain.initiator == actor || bargain.receiver == actor;
}

}  // namespace

void State::elect(std::size_t k, const std::vector<Bargain>& bargains, ElectionScratch& scratch,
                  std::vector<double>& probabilities) const {
  const std::size_t n = actors();
  // k's options: its status quo, then the bargains it is party to, in initiator order.
  std::vector<std::size_t>& queue = scratch.queue;
  queue.clear();
  for (std::size_t b = 0; b < bargains.size(); ++b)
    if (party_to(bargains[b], k)) queue.push_back(b);
  probabilities.clear();
  if (queue.empty()) return;
  const std::vector<double>& gains = scratch_.gains;
  std::vector<double>& utilities = scratch.utilities;
  utilities.assign(n, 0.0);  // the status quo, as the zero of each voter's scale
  for (std::size_t b : queue) utilities.insert(utilities.end(), gains.begin() + b * n, gains.begin() + (b + 1) * n);
  const auto& elected = condorcet(space_->capability, utilities, queue.size() + 1, *settings_, scratch.election);
  probabilities.assign(elected.begin(), elected.end());
}

// The actors' proposals and elections depend only on this state and the turn's bargains, so they
// are computed side by side; the bargains are then listed, and the choices made (stochastic ones
// draw from `random`), in actor order, as one after another.
void State::step(std::mt19937_64& random, Turn& turn) const {
  const std::size_t n = actors();
  const std::size_t dims = space_->dimensions;
  while (!turn.bargains.empty()) {  // keep the last turn's bargains for their buffers
    scratch_.spare.push_back(std::move(turn.bargains.back()));
    turn.bargains.pop_back();
  }
  std::vector<Proposal>& proposals = scratch_.proposals;
  proposals.resize(n);
  for_each_actor(n, [&](std::size_t i) {
    thread_local DecisionScratch scratch;
    proposals[i] = decide_proposal(i, scratch);
  });
  for (std::size_t i = 0; i < n; ++i) add_bargains(i, proposals[i], turn.bargains);

  compute_bargain_gains(turn.bargains);
  std::vector<std::vector<double>>& choices = scratch_.choices;
  choices.resize(n);
  for_each_actor(n, [&](std::size_t k) {
    thread_local ElectionScratch scratch;
    elect(k, turn.bargains, scratch, choices[k]);
  });
  turn.positions = positions_;
  turn.adopted.assign(n, std::nullopt);
  for (std::size_t k = 0; k < n; ++k) {
    if (choices[k].empty()) continue;
    const std::size_t choice = choose(choices[k], random);
    if (choice == 0) continue;
    std::size_t adopted = 0;  // the choice-th bargain k is party to, as elect() listed them
    for (std::size_t seen = 0; seen < choice; ++adopted)
      if (party_to(turn.bargains[adopted], k) && ++seen == choice) break;
    const Bargain& bargain = turn.bargains[adopted];
    turn.adopted[k] = adopted;
    const auto& moved = bargain.initiator == k ? bargain.initiator_position : bargain.receiver_position;
    std::copy(moved.begin(), moved.end(), turn.positions.begin() + static_cast<std::ptrdiff_t>(k * dims));
  }
}

Reading State::reading() const {
  const std::size_t n = actors();
  Reading reading;
  reading.position_of_actor.resize(n);
  for (std::size_t m = 0; m < n; ++m) {
    const auto near_m = [&](std::size_t r) { return euclidean(position(m), position(r)) < kSamePosition; };
    if (std::none_of(reading.representatives.begin(), reading.representatives.end(), near_m))
      reading.representatives.push_back(m);
    for (std::size_t r = 0; r < reading.representatives.size(); ++r)  // the last match counts, as in KTAB
      if (near_m(reading.representatives[r])) reading.position_of_actor[m] = r;
  }
  const std::size_t options = reading.representatives.size();
  std::vector<double> utilities(options * n);
  for (std::size_t r = 0; r < options; ++r)
    for (std::size_t a = 0; a < n; ++a)
      utilities[r * n + a] = estimated_utility(a, a, reading.representatives[r]);
  reading.probabilities = condorcet(space_->capability, utilities, options, *settings_, scratch_.election.election);
  return reading;
}

Run simulate(const Space& space, std::vector<double> positions, const Settings& settings, bool record_path) {
  Run run;
  std::mt19937_64 random(settings.seed);
  State state(space, std::move(positions), settings);
  if (record_path) run.states.push_back(state.positions());
  double first_movement = 0.0;
  Turn step;
  for (int turn = 1;; ++turn) {
    state.step(random, step);
    const double movement = total_movement(state.positions(), step.positions, space.dimensions);
    if (turn == 1) first_movement = movement + kFirstMovementGuard;
    state.move_to(step.positions);
    ++run.turn_count;
    if (record_path) {
      run.states.push_back(step.positions);
      run.turns.push_back(step);
    }
    if (turn >= settings.max_turns || (turn >= settings.min_turns && movement / first_movement < settings.stop_ratio))
      break;
  }
  run.final_positions = state.positions();
  run.final_reading = state.reading();
  return run;
}

}  // namespace parley::smp
