// The formulas and the round machinery of the expected-utility model. Sums run over actors in
// input order, left to right, as the spec (docs/models/eum.md) fixes them: that order is what
// makes the jmckib variant agree with its reference to the last bit.
#include "eum/eum.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

#include "parley/statistics.hpp"

namespace parley::eum {

Options variant_options(std::string_view variant) {
  Options o;  // the defaults are the scholz reading
  if (variant == "scholz") {
    o.t.reset();  // T = case
    return o;
  }
  if (variant == "jmckib") {
    o.range = RangeRule::initial;
    o.vote_exponent = VoteExponent::voter_risk;
    o.denominator = ProbabilityDenominator::all_pairs;
    o.eu_risk = EuRisk::receiver;
    o.t = 1.0;
    o.capitulation = false;  // the replication's capitulation branch can never fire
    o.compromise_select = CompromiseSelect::jmckib_key;
    return o;
  }
  if (variant == "masad2014") {
    o.range = RangeRule::scale;
    o.numerator = ProbabilityNumerator::clipped_net;
    o.t = 1.0;
    o.nc_sign = NoChallengeSign::plus;
    o.mu_decide = Centre::mean;
    o.median_ties = MedianTies::first_actor;
    o.protocol = OfferProtocol::sender_push;
    return o;
  }
  throw std::invalid_argument("unknown eum variant '" + std::string(variant) + "'");
}

namespace {

// 2 − 4 base^r with the base kept at or above 0 (it can only dip below by rounding).
double utility_of(double base, double risk) { return 2.0 - 4.0 * std::pow(std::max(base, 0.0), risk); }

}  // namespace

Utilities utilities(double distance, double to_mu, double range, double risk, bool with_no_challenge) {
  Utilities u{};
  u.success = utility_of(0.5 - 0.5 * distance / range, risk);
  u.failure = utility_of(0.5 + 0.5 * distance / range, risk);
  u.status_quo = utility_of(0.5, risk);
  if (with_no_challenge) {
    const double m = to_mu + distance;
    u.better = utility_of(0.5 - 0.25 * m / range, risk);
    u.worse = utility_of(0.5 + 0.25 * m / range, risk);
  }
  return u;
}

double no_challenge_t(const Options& options, double to_mu, double distance) {
  if (options.t) return *options.t;
  return to_mu < distance ? 1.0 : 0.0;
}

double expected_utility(const Utilities& u, double probability, double target_salience, const Options& options,
                        double t) {
  const double contested = target_salience * (probability * u.success + (1.0 - probability) * u.failure);
  const double uncontested = (1.0 - target_salience) * u.success;
  const double value = (contested + uncontested) - options.q * u.status_quo;
  if (options.q == 1.0) return value;
  const double no_challenge = (1.0 - options.q) * (t * u.better + (1.0 - t) * u.worse);
  return options.nc_sign == NoChallengeSign::minus ? value - no_challenge : value + no_challenge;
}

double vote(double voter_position, double voter_weight, double exponent, double a, double b, double range) {
  double to_b = std::abs(voter_position - b) / range;
  double to_a = std::abs(voter_position - a) / range;
  if (exponent != 1.0) {
    to_b = std::pow(to_b, exponent);
    to_a = std::pow(to_a, exponent);
  }
  return voter_weight * (to_b - to_a);
}

std::vector<double> risk_exponents(std::span<const double> security) {
  std::vector<double> risk(security.size(), 1.0);
  if (security.empty()) return risk;
  const auto [low, high] = std::minmax_element(security.begin(), security.end());
  const double d_min = *low;
  const double d_max = *high;
  if (!(d_max > d_min)) return risk;  // nobody is more exposed than another: all risk-neutral
  for (std::size_t i = 0; i < security.size(); ++i) {
    const double relative = ((2.0 * security[i] - d_max) - d_min) / (d_max - d_min);
    risk[i] = (1.0 - relative / 3.0) / (1.0 + relative / 3.0);
  }
  return risk;
}

double compromise_position(double mover, double partner, double eu_mover, double eu_partner) {
  const double concession = (partner - mover) * std::abs(eu_mover / eu_partner);
  return mover + concession;
}

double weighted_median_position(std::span<const double> positions, std::span<const double> weights,
                                MedianTies ties) {
  const std::size_t n = positions.size();
  if (n == 0) throw std::invalid_argument("no positions for a median");
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return positions[a] < positions[b]; });
  // F(p) = Σ w_k |x_k − p| at every actor position, from prefix sums of w and w x.
  double weight_total = 0.0;
  double moment_total = 0.0;
  for (std::size_t k = 0; k < n; ++k) {
    weight_total += weights[k];
    moment_total += weights[k] * positions[k];
  }
  std::vector<double> cost(n);
  double weight_below = 0.0;
  double moment_below = 0.0;
  for (std::size_t rank = 0; rank < n;) {
    const double p = positions[order[rank]];
    std::size_t end = rank;
    double weight_here = 0.0;
    double moment_here = 0.0;
    for (; end < n && positions[order[end]] == p; ++end) {
      weight_here += weights[order[end]];
      moment_here += weights[order[end]] * p;
    }
    const double weight_above = weight_total - weight_below - weight_here;
    const double moment_above = moment_total - moment_below - moment_here;
    const double f = (p * weight_below - moment_below) + (moment_above - p * weight_above);
    for (std::size_t k = rank; k < end; ++k) cost[order[k]] = f;
    weight_below += weight_here;
    moment_below += moment_here;
    rank = end;
  }
  // Costs within rounding of the minimum tie; the span of F sets the size of that rounding.
  const double lowest_cost = *std::min_element(cost.begin(), cost.end());
  const double span = positions[order[n - 1]] - positions[order[0]];
  const double slack = 1e-12 * (std::abs(weight_total) * span + std::abs(lowest_cost));
  auto ties_minimum = [&](std::size_t k) { return cost[k] <= lowest_cost + slack; };
  if (ties == MedianTies::lowest) {
    for (std::size_t k : order)
      if (ties_minimum(k)) return positions[k];
  }
  for (std::size_t k = 0; k < n; ++k)
    if (ties_minimum(k)) return positions[k];
  return positions[order[0]];  // unreachable: the minimum ties itself
}

// ------------------------------------------------------------------------------------------

Bargaining::Bargaining(std::vector<double> positions, std::vector<double> saliences, std::vector<double> capabilities,
                       double range, const Options& options)
    : positions_(std::move(positions)),
      saliences_(std::move(saliences)),
      weights_(positions_.size()),
      range_(range),
      options_(options),
      risk_(positions_.size(), 1.0),
      security_(positions_.size(), 0.0) {
  if (saliences_.size() != size() || capabilities.size() != size())
    throw std::invalid_argument("eum: positions, saliences and capabilities differ in length");
  for (std::size_t k = 0; k < size(); ++k) weights_[k] = capabilities[k] * saliences_[k];
}

double Bargaining::mean() const { return weighted_mean(positions_, weights_); }

double Bargaining::median() const { return weighted_median_position(positions_, weights_, options_.median_ties); }

double Bargaining::centre(Centre which) const { return which == Centre::median ? median() : mean(); }

double Bargaining::exponent(std::size_t voter) const {
  return options_.vote_exponent == VoteExponent::voter_risk ? risk_[voter] : 1.0;
}

double Bargaining::all_pairs_denominator() const {
  double total = 0.0;
  for (std::size_t k = 0; k < size(); ++k)
    for (std::size_t a = 0; a < size(); ++a)
      for (std::size_t b = 0; b < size(); ++b)
        total += std::abs(vote(positions_[k], weights_[k], exponent(k), positions_[a], positions_[b], range_));
  return total;
}

double Bargaining::direct_probability(std::size_t i, std::size_t j, double all_pairs) const {
  const double a = positions_[i];
  const double b = positions_[j];
  if (a == b) return 0.0;
  double positive = 0.0;
  double net = 0.0;
  double magnitude = 0.0;
  for (std::size_t k = 0; k < size(); ++k) {
    const double v = vote(positions_[k], weights_[k], exponent(k), a, b, range_);
    if (v > 0.0) positive += v;
    net += v;
    magnitude += std::abs(v);
  }
  const double numerator =
      options_.numerator == ProbabilityNumerator::positive_votes ? positive : std::max(net, 0.0);
  const double denominator = options_.denominator == ProbabilityDenominator::pair ? magnitude : all_pairs;
  return denominator > 0.0 ? numerator / denominator : 0.0;
}

void Bargaining::compute_probabilities() {
  const std::size_t n = size();
  probability_.assign(n * n, 0.0);
  if (!(range_ > 0.0)) return;  // all at one point: nobody prevails over anyone
  const double all_pairs =
      options_.denominator == ProbabilityDenominator::all_pairs ? all_pairs_denominator() : 0.0;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j)
      if (i != j) probability_[i * n + j] = direct_probability(i, j, all_pairs);
}

double Bargaining::probability(std::size_t i, std::size_t j) const { return probability_[i * size() + j]; }

double Bargaining::expected_utility(std::size_t evaluator, std::size_t challenger, std::size_t target) const {
  if (!(range_ > 0.0)) return 0.0;  // everyone at one point: nothing to gain or lose
  const double distance = std::abs(positions_[challenger] - positions_[target]);
  const double to_mu = std::abs(positions_[challenger] - mu_);
  const Utilities u = utilities(distance, to_mu, range_, risk_[evaluator], options_.q != 1.0);
  return eum::expected_utility(u, probability(challenger, target), saliences_[target], options_,
                               no_challenge_t(options_, to_mu, distance));
}

void Bargaining::compute_security() {
  for (std::size_t i = 0; i < size(); ++i) {
    double total = 0.0;
    for (std::size_t k = 0; k < size(); ++k)
      if (k != i) total += expected_utility(i, k, i);
    security_[i] = total;
  }
}

void Bargaining::assess() {
  if (options_.range == RangeRule::current && size() > 0) {
    const auto [low, high] = std::minmax_element(positions_.begin(), positions_.end());
    range_ = *high - *low;
  }
  // Pass 1: everyone risk-neutral; the security levels set the risk exponents.
  std::fill(risk_.begin(), risk_.end(), 1.0);
  mu_ = centre(options_.mu_risk);
  compute_probabilities();
  compute_security();
  risk_ = risk_exponents(security_);
  // Pass 2: the decisions, with the new exponents.
  mu_ = centre(options_.mu_decide);
  if (options_.vote_exponent == VoteExponent::voter_risk) compute_probabilities();
}

std::optional<Move> Bargaining::resolve(std::size_t mover, std::size_t partner, double a, double b) const {
  const double from = positions_[mover];
  const double to = positions_[partner];
  if (b > a && a > 0.0) return Move{mover, partner, Outcome::confrontation, from, to, a, b};
  if (b > 0.0 && 0.0 > a && b > std::abs(a))
    return Move{mover, partner, Outcome::compromise, from, compromise_position(from, to, a, b), a, b};
  if (options_.capitulation && b > 0.0 && 0.0 > a && b < std::abs(a))
    return Move{mover, partner, Outcome::capitulation, from, to, a, b};
  return std::nullopt;
}

std::optional<Move> Bargaining::receiver_choice(std::size_t mover) const {
  constexpr std::size_t categories = 3;  // in order of priority: the Outcome values
  std::optional<Move> best[categories];
  double best_key[categories] = {0.0, 0.0, 0.0};
  const double x = positions_[mover];
  for (std::size_t partner = 0; partner < size(); ++partner) {
    if (positions_[partner] == x) continue;
    const double a = expected_utility(mover, mover, partner);
    const std::size_t perspective = options_.eu_risk == EuRisk::receiver ? mover : partner;
    const double b = expected_utility(perspective, partner, mover);
    auto move = resolve(mover, partner, a, b);
    if (!move) continue;
    const bool weighted_key =
        move->outcome == Outcome::compromise && options_.compromise_select == CompromiseSelect::jmckib_key;
    const double key = weighted_key
                           ? (std::abs(a) * x + std::abs(b) * positions_[partner]) / (std::abs(a) + std::abs(b))
                           : std::abs(x - move->to);
    const auto c = static_cast<std::size_t>(move->outcome);
    if (!best[c] || key < best_key[c]) {
      best[c] = move;
      best_key[c] = key;
    }
  }
  for (const auto& move : best)
    if (move) return move;
  return std::nullopt;
}

std::vector<Move> Bargaining::sender_push() const {
  std::vector<Move> moves;
  for (std::size_t receiver = 0; receiver < size(); ++receiver) {
    const double x = positions_[receiver];
    std::optional<std::size_t> sender;
    double top = 0.0;
    for (std::size_t k = 0; k < size(); ++k) {
      if (k == receiver) continue;
      const double offer = expected_utility(k, k, receiver);
      if (!(offer > 0.0)) continue;
      const bool higher = !sender || offer > top;
      const bool nearer_tie = sender && offer == top && std::abs(x - positions_[k]) < std::abs(x - positions_[*sender]);
      if (higher || nearer_tie) {
        sender = k;
        top = offer;
      }
    }
    if (!sender) continue;
    if (auto move = resolve(receiver, *sender, expected_utility(receiver, receiver, *sender), top))
      moves.push_back(*move);
  }
  return moves;
}

std::vector<Move> Bargaining::decide() const {
  if (!(range_ > 0.0)) return {};
  if (options_.protocol == OfferProtocol::sender_push) return sender_push();
  std::vector<Move> moves;
  for (std::size_t mover = 0; mover < size(); ++mover)
    if (auto move = receiver_choice(mover)) moves.push_back(*move);
  return moves;
}

void Bargaining::apply(std::span<const Move> moves) {
  for (const Move& move : moves) positions_[move.mover] = move.to;
}

std::vector<Move> Bargaining::play_round() {
  assess();
  auto moves = decide();
  apply(moves);
  return moves;
}

}  // namespace parley::eum
