// The formulas and the round machinery of the expected-utility model. Sums run over actors in
// input order, left to right, as the spec (docs/models/eum.md) fixes them: that order is what
// makes the jmckib variant agree with its reference to the last bit.
#include "eum/eum.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

#include "eum/vote_sums.hpp"
#include "parley/parameters.hpp"
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
      status_quo_(positions_.size(), 0.0),
      security_(positions_.size(), 0.0) {
  if (saliences_.size() != size() || capabilities.size() != size())
    throw std::invalid_argument("eum: positions, saliences and capabilities differ in length");
  const bool linear_pairs = options_.vote_exponent == VoteExponent::one &&
                            options_.denominator == ProbabilityDenominator::pair;
  if (options_.evaluation == Evaluation::fast && !linear_pairs)
    throw ParameterError("eum: evaluation=fast needs vote_exponent=one and prob_denominator=pair");
  for (std::size_t k = 0; k < size(); ++k) weights_[k] = capabilities[k] * saliences_[k];
}

bool Bargaining::fast() const {
  if (options_.evaluation == Evaluation::exact) return false;
  if (options_.evaluation == Evaluation::fast) return true;
  return options_.vote_exponent == VoteExponent::one && options_.denominator == ProbabilityDenominator::pair &&
         size() >= 128;
}

double Bargaining::mean() const { return weighted_mean(positions_, weights_); }

double Bargaining::median() const { return weighted_median_position(positions_, weights_, options_.median_ties); }

double Bargaining::centre(Centre which) const { return which == Centre::median ? median() : mean(); }

double Bargaining::exponent(std::size_t voter) const {
  return options_.vote_exponent == VoteExponent::voter_risk ? risk_[voter] : 1.0;
}

double Bargaining::all_pairs_denominator() const {
  if (!(range_ > 0.0)) return 0.0;
  double total = 0.0;
  for (std::size_t k = 0; k < size(); ++k)
    for (std::size_t a = 0; a < size(); ++a)
      for (std::size_t b = 0; b < size(); ++b)
        total += std::abs(vote(positions_[k], weights_[k], exponent(k), positions_[a], positions_[b], range_));
  return total;
}

// P(i,j) and P(j,i) from one pass over the voters: voter k's vote for j over i is exactly minus
// its vote for i over j, so both directions come out as if summed separately.
struct Bargaining::Pair {
  std::size_t i;
  std::size_t j;
  double distance;
  double forward;   // P(i,j)
  double backward;  // P(j,i)
  double near = 0.0;      // fast only: 0.5 − 0.5 δ/R and 0.5 + 0.5 δ/R, the utility bases
  double far = 0.0;
  double log_near = 0.0;  // fast only, and only when some risk exponent differs from 1
  double log_far = 0.0;
};

namespace {

using Chances = Bargaining::Chances;

Chances chances(double toward_i, double toward_j, double net, double denominator, ProbabilityNumerator numerator) {
  if (!(denominator > 0.0)) return {0.0, 0.0};
  if (numerator == ProbabilityNumerator::positive_votes) return {toward_i / denominator, toward_j / denominator};
  return {std::max(net, 0.0) / denominator, std::max(-net, 0.0) / denominator};
}

}  // namespace

Bargaining::Chances Bargaining::direct_chances(std::size_t i, std::size_t j) const {
  double toward_i = 0.0;
  double toward_j = 0.0;
  double net = 0.0;
  double magnitude = 0.0;
  if (positions_[i] != positions_[j] && range_ > 0.0) {
    for (std::size_t k = 0; k < size(); ++k) {
      const double v = vote(positions_[k], weights_[k], exponent(k), positions_[i], positions_[j], range_);
      if (v > 0.0) toward_i += v;
      if (v < 0.0) toward_j -= v;
      net += v;
      magnitude += std::abs(v);
    }
  }
  const double denominator = options_.denominator == ProbabilityDenominator::pair ? magnitude : all_pairs_;
  return chances(toward_i, toward_j, net, denominator, options_.numerator);
}

double Bargaining::probability(std::size_t i, std::size_t j) const { return direct_chances(i, j).forward; }

Bargaining::Pair Bargaining::pair(std::size_t i, std::size_t j, double forward, double backward) const {
  Pair p{i, j, std::abs(positions_[i] - positions_[j]), forward, backward};
  if (fast()) {
    p.near = std::max(0.5 - 0.5 * p.distance / range_, 0.0);
    p.far = 0.5 + 0.5 * p.distance / range_;
    if (!risk_neutral_) {
      p.log_near = std::log(p.near);
      p.log_far = std::log(p.far);
    }
  }
  return p;
}

double Bargaining::pair_eu(const Pair& p, std::size_t evaluator, bool from_i) const {
  const std::size_t challenger = from_i ? p.i : p.j;
  const std::size_t target = from_i ? p.j : p.i;
  const double r = risk_[evaluator];
  const double to_mu = std::abs(positions_[challenger] - mu_);
  const bool with_no_challenge = options_.q != 1.0;
  Utilities u{};
  if (!fast() || with_no_challenge) {
    u = utilities(p.distance, to_mu, range_, r, with_no_challenge);
  } else if (r == 1.0) {
    u.success = 2.0 - 4.0 * p.near;
    u.failure = 2.0 - 4.0 * p.far;
    u.status_quo = status_quo_[evaluator];
  } else {
    u.success = 2.0 - 4.0 * std::exp(r * p.log_near);
    u.failure = 2.0 - 4.0 * std::exp(r * p.log_far);
    u.status_quo = status_quo_[evaluator];
  }
  return eum::expected_utility(u, from_i ? p.forward : p.backward, saliences_[target], options_,
                               no_challenge_t(options_, to_mu, p.distance));
}

template <typename Visit>
void Bargaining::for_each_pair(Visit&& visit) const {
  const std::size_t n = size();
  if (!(range_ > 0.0)) return;  // everyone at one point: no pair has anything at stake
  if (fast()) {
    const SortedVotes votes(positions_, weights_);
    for (std::size_t low = 0; low < n; ++low) {
      SortedVotes::Cursor cursor(low);
      for (std::size_t high = low + 1; high < n; ++high) {
        const std::size_t i = votes.order()[low];
        const std::size_t j = votes.order()[high];
        Chances c{0.0, 0.0};
        if (votes.position(low) != votes.position(high)) {
          const auto t = votes.totals(low, high, cursor);
          c = chances(t.toward_low, t.toward_high, t.toward_low - t.toward_high, t.toward_low + t.toward_high,
                      options_.numerator);
        }
        visit(pair(i, j, c.forward, c.backward));
      }
    }
    return;
  }
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      const Chances c = direct_chances(i, j);
      visit(pair(i, j, c.forward, c.backward));
    }
}

double Bargaining::expected_utility(std::size_t evaluator, std::size_t challenger, std::size_t target) const {
  if (!(range_ > 0.0)) return 0.0;
  const Chances c = direct_chances(challenger, target);
  const Pair p = pair(challenger, target, c.forward, c.backward);
  return pair_eu(p, evaluator, true);
}

Bargaining::Perspectives Bargaining::perspectives() const {
  const std::size_t n = size();
  Perspectives result{std::vector<double>(n * n, 0.0), std::vector<double>(n * n, 0.0)};
  for_each_pair([&](const Pair& p) {
    result.challenge[p.i * n + p.j] = pair_eu(p, p.i, true);
    result.challenged[p.i * n + p.j] = pair_eu(p, p.i, false);
    result.challenge[p.j * n + p.i] = pair_eu(p, p.j, false);
    result.challenged[p.j * n + p.i] = pair_eu(p, p.j, true);
  });
  return result;
}

// Pairs are visited with i < j in input order, so each target's sum runs over k in input order.
void Bargaining::compute_security() {
  std::fill(security_.begin(), security_.end(), 0.0);
  for_each_pair([&](const Pair& p) {
    security_[p.j] += pair_eu(p, p.j, true);
    security_[p.i] += pair_eu(p, p.i, false);
  });
}

void Bargaining::assess() {
  if (options_.range == RangeRule::current && size() > 0) {
    const auto [low, high] = std::minmax_element(positions_.begin(), positions_.end());
    range_ = *high - *low;
  }
  const bool all_pairs = options_.denominator == ProbabilityDenominator::all_pairs;
  // Pass 1: everyone risk-neutral; the security levels set the risk exponents.
  std::fill(risk_.begin(), risk_.end(), 1.0);
  std::fill(status_quo_.begin(), status_quo_.end(), 0.0);
  risk_neutral_ = true;
  mu_ = centre(options_.mu_risk);
  if (all_pairs) all_pairs_ = all_pairs_denominator();
  compute_security();
  risk_ = risk_exponents(security_);
  risk_neutral_ = std::all_of(risk_.begin(), risk_.end(), [](double r) { return r == 1.0; });
  for (std::size_t k = 0; k < size(); ++k) status_quo_[k] = utility_of(0.5, risk_[k]);
  // Pass 2: the decisions, with the new exponents.
  mu_ = centre(options_.mu_decide);
  if (all_pairs && options_.vote_exponent == VoteExponent::voter_risk) all_pairs_ = all_pairs_denominator();
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

// Each mover keeps the best move of each category; the first category with a move wins.
// Within one, the smallest key wins, and on equal keys the partner first in input order.
std::vector<Move> Bargaining::receiver_eval() const {
  constexpr std::size_t categories = 3;  // in order of priority: the Outcome values
  struct Best {
    std::optional<Move> move;
    double key = 0.0;
  };
  std::vector<Best> best(size() * categories);
  auto consider = [&](std::size_t mover, std::size_t partner, double a, double b) {
    auto move = resolve(mover, partner, a, b);
    if (!move) return;
    const double x = positions_[mover];
    const bool weighted_key =
        move->outcome == Outcome::compromise && options_.compromise_select == CompromiseSelect::jmckib_key;
    const double key = weighted_key
                           ? (std::abs(a) * x + std::abs(b) * positions_[partner]) / (std::abs(a) + std::abs(b))
                           : std::abs(x - move->to);
    Best& slot = best[mover * categories + static_cast<std::size_t>(move->outcome)];
    if (!slot.move || key < slot.key || (key == slot.key && partner < slot.move->partner)) slot = {move, key};
  };
  const bool receiver_values = options_.eu_risk == EuRisk::receiver;
  for_each_pair([&](const Pair& p) {
    if (positions_[p.i] == positions_[p.j]) return;
    const double i_challenges = pair_eu(p, p.i, true);
    const double j_challenges = pair_eu(p, p.j, false);
    consider(p.i, p.j, i_challenges, receiver_values ? pair_eu(p, p.i, false) : j_challenges);
    consider(p.j, p.i, j_challenges, receiver_values ? pair_eu(p, p.j, true) : i_challenges);
  });
  std::vector<Move> moves;
  for (std::size_t mover = 0; mover < size(); ++mover)
    for (std::size_t c = 0; c < categories; ++c)
      if (const auto& move = best[mover * categories + c].move) {
        moves.push_back(*move);
        break;
      }
  return moves;
}

// Each receiver keeps the challenge with the highest EU; on equal EUs the nearest sender, then
// the first in input order. It then resolves that one challenge only. Actors at one position
// have nothing to gain from each other (EU = 0 up to rounding) and send no challenge.
std::vector<Move> Bargaining::sender_push() const {
  struct Inbox {
    std::optional<std::size_t> sender;
    double offer = 0.0;    // the sender's EU of challenging
    double reverse = 0.0;  // the receiver's EU of challenging the sender
  };
  std::vector<Inbox> inbox(size());
  auto push = [&](std::size_t receiver, std::size_t sender, double offer, double reverse) {
    if (!(offer > 0.0)) return;
    Inbox& box = inbox[receiver];
    const double x = positions_[receiver];
    bool better = !box.sender || offer > box.offer;
    if (box.sender && offer == box.offer) {
      const double distance = std::abs(x - positions_[sender]);
      const double incumbent = std::abs(x - positions_[*box.sender]);
      better = distance < incumbent || (distance == incumbent && sender < *box.sender);
    }
    if (better) box = {sender, offer, reverse};
  };
  for_each_pair([&](const Pair& p) {
    if (positions_[p.i] == positions_[p.j]) return;
    const double i_challenges = pair_eu(p, p.i, true);
    const double j_challenges = pair_eu(p, p.j, false);
    push(p.j, p.i, i_challenges, j_challenges);
    push(p.i, p.j, j_challenges, i_challenges);
  });
  std::vector<Move> moves;
  for (std::size_t receiver = 0; receiver < size(); ++receiver)
    if (inbox[receiver].sender)
      if (auto move = resolve(receiver, *inbox[receiver].sender, inbox[receiver].reverse, inbox[receiver].offer))
        moves.push_back(*move);
  return moves;
}

std::vector<Move> Bargaining::decide() const {
  if (!(range_ > 0.0)) return {};
  return options_.protocol == OfferProtocol::sender_push ? sender_push() : receiver_eval();
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
