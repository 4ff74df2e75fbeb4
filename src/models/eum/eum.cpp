// The formulas and the round machinery of the expected-utility model. Sums run over actors in
// input order, left to right, as the spec (docs/models/eum.md) fixes them: that order is what
// makes the jmckib variant agree with its reference to the last bit.
#include "eum/eum.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>

#include "eum/fast_pairs.hpp"
#include "eum/vote_sums.hpp"
#include "parley/parameters.hpp"
#include "parley/statistics.hpp"
#include "parley/workers.hpp"

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

// 2 − 4 base^r with the base kept at or above 0 (it can only dip below by rounding). b^1 is b
// without a call: std::pow gives exactly b there (glibc's pow is within 0.52 ulp, so exact
// results come out exact), and the fast evaluation relies on the same.
double utility_of(double base, double risk) {
  const double clipped = std::max(base, 0.0);
  return 2.0 - 4.0 * (risk == 1.0 ? clipped : std::pow(clipped, risk));
}

// The better and worse utilities, which depend on the challenger's distance to mu.
void add_no_challenge(Utilities& u, double distance, double to_mu, double range, double risk) {
  const double m = to_mu + distance;
  u.better = utility_of(0.5 - 0.25 * m / range, risk);
  u.worse = utility_of(0.5 + 0.25 * m / range, risk);
}

}  // namespace

Utilities utilities(double distance, double to_mu, double range, double risk, bool with_no_challenge) {
  Utilities u{};
  u.success = utility_of(0.5 - 0.5 * distance / range, risk);
  u.failure = utility_of(0.5 + 0.5 * distance / range, risk);
  u.status_quo = utility_of(0.5, risk);
  if (with_no_challenge) add_no_challenge(u, distance, to_mu, range, risk);
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

namespace {

// (|x_k − x| / R)^e: one side of voter k's vote.
double vote_distance(double voter_position, double exponent, double x, double range) {
  const double distance = std::abs(voter_position - x) / range;
  return exponent != 1.0 ? std::pow(distance, exponent) : distance;
}

}  // namespace

double vote(double voter_position, double voter_weight, double exponent, double a, double b, double range) {
  return voter_weight *
         (vote_distance(voter_position, exponent, b, range) - vote_distance(voter_position, exponent, a, range));
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

namespace {

// As many actors as most scenarios have.
constexpr std::size_t few_actors = 32;

// Sorts actor indices by position, ties in index order. A few actors are sorted in place, as
// std::stable_sort would allocate a buffer on every call.
void stable_order(std::span<std::size_t> order, std::span<const double> positions) {
  auto before = [&](std::size_t a, std::size_t b) { return positions[a] < positions[b]; };
  if (order.size() > few_actors) return std::stable_sort(order.begin(), order.end(), before);
  for (std::size_t k = 1; k < order.size(); ++k)
    for (std::size_t m = k; m > 0 && before(order[m], order[m - 1]); --m) std::swap(order[m], order[m - 1]);
}

}  // namespace

double weighted_median_position(std::span<const double> positions, std::span<const double> weights,
                                MedianTies ties) {
  const std::size_t n = positions.size();
  if (n == 0) throw std::invalid_argument("no positions for a median");
  // A few actors' orders and costs live on the stack: this runs several times a round.
  std::array<std::size_t, few_actors> order_space;
  std::array<double, few_actors> cost_space;
  std::vector<std::size_t> order_heap(n > few_actors ? n : 0);
  std::vector<double> cost_heap(n > few_actors ? n : 0);
  const std::span<std::size_t> order = n > few_actors ? std::span(order_heap) : std::span(order_space).first(n);
  const std::span<double> cost = n > few_actors ? std::span(cost_heap) : std::span(cost_space).first(n);
  std::iota(order.begin(), order.end(), 0);
  stable_order(order, positions);
  // F(p) = Σ w_k |x_k − p| at every actor position, from prefix sums of w and w x.
  double weight_total = 0.0;
  double moment_total = 0.0;
  for (std::size_t k = 0; k < n; ++k) {
    weight_total += weights[k];
    moment_total += weights[k] * positions[k];
  }
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
      status_quo_(positions_.size(), utility_of(0.5, 1.0)),
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
        total += std::abs(weights_[k] * (vote_term(k, b) - vote_term(k, a)));
  return total;
}

double Bargaining::vote_term(std::size_t voter, std::size_t actor) const {
  if (!vote_terms_.empty()) return vote_terms_[voter * size() + actor];
  return vote_distance(positions_[voter], exponent(voter), positions_[actor], range_);
}

// Each of the n² terms is used by n pairs (n² in the all-pairs denominator): one division (and
// pow, with votes raised to the voters' exponents) per term and pass, rather than one per use.
// Beyond a few thousand actors the table would be large, and the exact evaluation impractical.
void Bargaining::tabulate_vote_terms() {
  constexpr std::size_t most_tabulated_actors = 2048;
  vote_terms_.clear();
  if (fast() || size() > most_tabulated_actors || !(range_ > 0.0)) return;
  const std::size_t n = size();
  vote_terms_.resize(n * n);
  for (std::size_t k = 0; k < n; ++k)
    for (std::size_t m = 0; m < n; ++m)
      vote_terms_[k * n + m] = vote_distance(positions_[k], exponent(k), positions_[m], range_);
}

// P(i,j) and P(j,i) from one pass over the voters: voter k's vote for j over i is exactly minus
// its vote for i over j, so both directions come out as if summed separately.
struct Bargaining::Pair {
  std::size_t i;
  std::size_t j;
  double distance;
  double forward;   // P(i,j)
  double backward;  // P(j,i)
};

struct Bargaining::Challenges {
  std::size_t i;       // the actors, by input index
  std::size_t j;
  std::size_t i_slot;  // their places in per-actor tables (see for_each_challenge)
  std::size_t j_slot;
  double x_i;          // their positions
  double x_j;
  double i_challenges;  // EU(i → j) valued by i
  double j_challenges;  // EU(j → i) valued by j
  double i_challenged;  // EU(j → i) valued by i; with both views only
  double j_challenged;  // EU(i → j) valued by j; with both views only
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
    const std::size_t n = size();
    const double* terms = vote_terms_.empty() ? nullptr : vote_terms_.data();
    for (std::size_t k = 0; k < n; ++k) {
      const double to_j = terms ? terms[k * n + j] : vote_term(k, j);
      const double to_i = terms ? terms[k * n + i] : vote_term(k, i);
      const double v = weights_[k] * (to_j - to_i);  // vote() for i over j
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
  return Pair{i, j, std::abs(positions_[i] - positions_[j]), forward, backward};
}

// utilities() for the pair with the evaluator's exponent, short of the no-challenge terms: what
// every challenge on the pair that the evaluator values shares (U_sq is the evaluator's own).
Utilities Bargaining::contest_utilities(const Pair& p, std::size_t evaluator) const {
  Utilities u{};
  u.success = utility_of(0.5 - 0.5 * p.distance / range_, risk_[evaluator]);
  u.failure = utility_of(0.5 + 0.5 * p.distance / range_, risk_[evaluator]);
  return with_status_quo(u, evaluator);
}

Utilities Bargaining::with_status_quo(Utilities u, std::size_t evaluator) const {
  u.status_quo = status_quo_[evaluator];
  return u;
}

double Bargaining::pair_eu(const Pair& p, Utilities u, std::size_t evaluator, bool from_i) const {
  const std::size_t challenger = from_i ? p.i : p.j;
  const std::size_t target = from_i ? p.j : p.i;
  const double to_mu = std::abs(positions_[challenger] - mu_);
  if (options_.q != 1.0) add_no_challenge(u, p.distance, to_mu, range_, risk_[evaluator]);
  return eum::expected_utility(u, from_i ? p.forward : p.backward, saliences_[target], options_,
                               no_challenge_t(options_, to_mu, p.distance));
}

// The exact evaluation's pairs, i < j in input order.
template <typename Visit>
void Bargaining::for_each_pair(Visit&& visit) const {
  const std::size_t n = size();
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      const Chances c = direct_chances(i, j);
      visit(pair(i, j, c.forward, c.backward));
    }
}

std::size_t Bargaining::pair_blocks() const { return fast() ? FastPairs::block_count(size()) : 1; }

// Every pair once. start(block), with block < pair_blocks(), gives the visitor of a run of pairs
// of that block, called with each pair's Challenges. The exact evaluation visits pairs in input
// order on this thread; the fast one in position order, blocks in parallel, the pairs of one
// block in a fixed order on one thread. Per-actor tables are best kept in slot order, which is
// position order in the fast evaluation (the pairs of a run then touch neighbouring slots); the
// result maps slots to actors (empty in the exact evaluation, where slots are actors).
template <typename Start>
std::vector<std::size_t> Bargaining::for_each_challenge(bool both_views, Start&& start) const {
  if (!fast()) {
    if (!(range_ > 0.0)) return {};  // everyone at one point: no pair has anything at stake
    auto visit = start(std::size_t{0});
    for_each_pair([&](const Pair& p) {
      const Utilities by_i = contest_utilities(p, p.i);
      // The same powers when both have one exponent, as everyone has in the risk-neutral pass.
      const Utilities by_j = risk_[p.j] == risk_[p.i] ? with_status_quo(by_i, p.j) : contest_utilities(p, p.j);
      visit(Challenges{p.i, p.j, p.i, p.j, positions_[p.i], positions_[p.j], pair_eu(p, by_i, p.i, true),
                       pair_eu(p, by_j, p.j, false), both_views ? pair_eu(p, by_i, p.i, false) : 0.0,
                       both_views ? pair_eu(p, by_j, p.j, true) : 0.0});
    });
    return {};
  }
  return for_each_chunk(both_views, false, [&](std::size_t block, const PairChunk& c) {
    auto visit = start(block);
    for (std::size_t k = 0; k < c.count; ++k)
      visit(Challenges{c.low, c.high[k], c.low_rank, c.first_high_rank + k, c.low_position, c.high_positions[k],
                       c.low_challenges[k], c.high_challenges[k], both_views ? c.low_challenged[k] : 0.0,
                       both_views ? c.high_challenged[k] : 0.0});
  });
}

// The fast evaluation's pairs, chunk by chunk (FastPairs::for_each_chunk); slots are ranks in
// position order.
template <typename Visit>
std::vector<std::size_t> Bargaining::for_each_chunk(bool both_views, bool responses, Visit&& visit) const {
  const FastPairs pairs({positions_, saliences_, weights_, risk_, status_quo_}, range_, mu_, options_);
  if (range_ > 0.0) pairs.for_each_chunk({both_views, responses}, visit);
  return pairs.order();
}

// Folds every pair into a table of per-actor bests: fold(tables) visits the pairs, folding them
// into tables.local() in slot order, and returns the map from slots to actors; the result is in
// actor order. The fast evaluation folds into one table per thread and merges them: merge must
// pick the same best in any order (the bests are minima of strict total orders).
template <typename Table, typename Fold, typename Merge>
Table Bargaining::collect(const Table& empty, Fold&& fold, Merge&& merge) const {
  if (!fast()) {  // one thread, and the slots are the actors
    struct {
      Table table;
      Table& local() { return table; }
    } single{empty};
    fold(single);
    return std::move(single.table);
  }
  PerThread<Table> tables(empty);
  const auto actors = fold(tables);
  Table merged = empty;
  tables.for_each([&](const Table& table) { merge(merged, table); });
  Table result = empty;
  const std::size_t per_actor = empty.size() / std::max<std::size_t>(size(), 1);
  for (std::size_t slot = 0; slot < actors.size(); ++slot)
    std::copy_n(&merged[slot * per_actor], per_actor, &result[actors[slot] * per_actor]);
  return result;
}

double Bargaining::expected_utility(std::size_t evaluator, std::size_t challenger, std::size_t target) const {
  if (!(range_ > 0.0)) return 0.0;
  const Chances c = direct_chances(challenger, target);
  const Pair p = pair(challenger, target, c.forward, c.backward);
  return pair_eu(p, contest_utilities(p, evaluator), evaluator, true);
}

Bargaining::Perspectives Bargaining::perspectives() const {
  const std::size_t n = size();
  Perspectives result{std::vector<double>(n * n, 0.0), std::vector<double>(n * n, 0.0)};
  for_each_challenge(true, [&](std::size_t) {
    return [&](const Challenges& c) {  // every cell is written once
      result.challenge[c.i * n + c.j] = c.i_challenges;
      result.challenged[c.i * n + c.j] = c.i_challenged;
      result.challenge[c.j * n + c.i] = c.j_challenges;
      result.challenged[c.j * n + c.i] = c.j_challenged;
    };
  });
  return result;
}

// This pass is risk-neutral, so how the challenger values a challenge is how its target does.
// Each block sums its pairs in a fixed order, and the block sums are added in block order: the
// same bits for any number of threads. The exact evaluation has one block, pairs in input order.
// (A chunk's high actors each get one term; its low actor a run of them, added in order.)
void Bargaining::compute_security() {
  const std::size_t n = size();
  std::vector<double> block_sums(pair_blocks() * n, 0.0);
  const auto add_chunk = [&](std::size_t block, const PairChunk& c) {
    double* sums = &block_sums[block * n];
    double* high_sums = sums + c.first_high_rank;
    double low_sum = sums[c.low_rank];
    for (std::size_t k = 0; k < c.count; ++k) {
      high_sums[k] += c.low_challenges[k];
      low_sum += c.high_challenges[k];
    }
    sums[c.low_rank] = low_sum;
  };
  std::fill(security_.begin(), security_.end(), 0.0);
  if (!fast()) {  // one block, and the slots are the actors
    for_each_challenge(false, [&](std::size_t) {
      return [sums = security_.data()](const Challenges& c) {
        sums[c.j_slot] += c.i_challenges;
        sums[c.i_slot] += c.j_challenges;
      };
    });
    return;
  }
  const auto actors = for_each_chunk(false, false, add_chunk);
  for (std::size_t block = 0; block < pair_blocks(); ++block)
    for (std::size_t slot = 0; slot < n; ++slot) security_[actors[slot]] += block_sums[block * n + slot];
}

void Bargaining::assess() {
  if (options_.range == RangeRule::current && size() > 0) {
    const auto [low, high] = std::minmax_element(positions_.begin(), positions_.end());
    range_ = *high - *low;
  }
  const bool all_pairs = options_.denominator == ProbabilityDenominator::all_pairs;
  // Pass 1: everyone risk-neutral; the security levels set the risk exponents.
  std::fill(risk_.begin(), risk_.end(), 1.0);
  std::fill(status_quo_.begin(), status_quo_.end(), utility_of(0.5, 1.0));
  mu_ = centre(options_.mu_risk);
  tabulate_vote_terms();
  if (all_pairs) all_pairs_ = all_pairs_denominator();
  compute_security();
  risk_ = risk_exponents(security_);
  for (std::size_t k = 0; k < size(); ++k) status_quo_[k] = utility_of(0.5, risk_[k]);
  // Pass 2: the decisions, with the new exponents (and the same positions).
  if (options_.mu_decide != options_.mu_risk) mu_ = centre(options_.mu_decide);
  if (options_.vote_exponent == VoteExponent::voter_risk) {
    tabulate_vote_terms();
    if (all_pairs) all_pairs_ = all_pairs_denominator();
  }
}

std::optional<Move> Bargaining::resolve(std::size_t mover, std::size_t partner, double a, double b) const {
  const Response how = respond(a, b, options_.capitulation);
  if (how == Response::none) return std::nullopt;
  const auto outcome = static_cast<Outcome>(how);
  const double from = positions_[mover];
  const double to = positions_[partner];
  return Move{mover, partner, outcome, from, outcome == Outcome::compromise ? compromise_position(from, to, a, b) : to,
              a, b};
}

namespace {

// A mover's best move of one category so far: the smallest key, then the partner first in
// input order. No partner: no move yet.
struct BestMove {
  double key = std::numeric_limits<double>::infinity();
  std::size_t partner = std::numeric_limits<std::size_t>::max();
  double a = 0.0;  // the mover's EU of challenging the partner
  double b = 0.0;  // the partner's
  [[nodiscard]] bool beats(const BestMove& other) const {
    return key < other.key || (key == other.key && partner < other.partner);
  }
};

// A receiver's strongest challenge so far: the highest EU, then the nearest sender, then the
// sender first in input order.
struct Inbox {
  std::optional<std::size_t> sender;
  double offer = 0.0;     // the sender's EU of challenging
  double reverse = 0.0;   // the receiver's EU of challenging the sender
  double distance = 0.0;  // between the two
  [[nodiscard]] bool beats(const Inbox& other) const {
    if (!sender) return false;
    if (!other.sender) return true;
    if (offer != other.offer) return offer > other.offer;
    return distance < other.distance || (distance == other.distance && *sender < *other.sender);
  }
};

// Keeps, slot by slot, the better of two tables' entries.
template <typename Entry>
void keep_better(std::vector<Entry>& into, const std::vector<Entry>& from) {
  for (std::size_t k = 0; k < into.size(); ++k)
    if (from[k].beats(into[k])) into[k] = from[k];
}

}  // namespace

// Each mover keeps the best move of each category; the first category with a move wins.
std::vector<Move> Bargaining::receiver_eval() const {
  // In order of priority: the Outcome values; then a bin for pairs that give no move, which
  // spares the loops a test (Response::none follows the outcomes).
  constexpr std::size_t outcomes = 3;
  constexpr std::size_t categories = outcomes + 1;
  static_assert(static_cast<std::size_t>(Response::none) == outcomes);
  using Table = std::vector<BestMove>;
  // Branch-light, for the fast evaluation's sake: a move is rare to beat the best so far, while
  // whether a pair gives a move at all is a coin toss.
  auto take = [](Table& best, std::size_t mover_slot, std::size_t partner, Response how, double key, double a,
                 double b) {
    const BestMove candidate{key, partner, a, b};
    BestMove& slot = best[mover_slot * categories + static_cast<std::size_t>(how)];
    if (candidate.beats(slot)) slot = candidate;
  };
  const bool weighted_keys = options_.compromise_select == CompromiseSelect::jmckib_key;
  auto consider = [&](Table& best, std::size_t mover_slot, std::size_t partner, double x, double y, double a,
                      double b) {
    const Response how = respond(a, b, options_.capitulation);
    take(best, mover_slot, partner, how, move_key(how, x, y, a, b, weighted_keys), a, b);
  };
  const bool receiver_values = options_.eu_risk == EuRisk::receiver;
  // The fast evaluation has each chunk's responses and keys already.
  auto take_chunk = [&](Table& best, const PairChunk& c) {
    const double* low_b = receiver_values ? c.low_challenged : c.high_challenges;
    const double* high_b = receiver_values ? c.high_challenged : c.low_challenges;
    // The low actor meets its partners in order of distance, so few of them can beat its bests.
    const BestMove* low_best = &best[c.low_rank * categories];
    std::array<std::int64_t, FastPairs::chunk_size> contender;
    if (mark_contenders(c.count, c.low_response, c.low_key, {low_best[0].key, low_best[1].key, low_best[2].key},
                        contender.data()))
      for (std::size_t k = 0; k < c.count; ++k)
        if (contender[k])
          take(best, c.low_rank, c.high[k], static_cast<Response>(c.low_response[k]), c.low_key[k],
               c.low_challenges[k], low_b[k]);
    for (std::size_t k = 0; k < c.count; ++k)
      take(best, c.first_high_rank + k, c.low, static_cast<Response>(c.high_response[k]), c.high_key[k],
           c.high_challenges[k], high_b[k]);
  };
  const Table best = collect(
      Table(size() * categories),
      [&](auto& tables) {
        if (fast())
          return for_each_chunk(false, true, [&](std::size_t, const PairChunk& c) { take_chunk(tables.local(), c); });
        return for_each_challenge(receiver_values, [&](std::size_t) {
          return [&, &table = tables.local()](const Challenges& c) {
            if (c.x_i == c.x_j) return;
            consider(table, c.i_slot, c.j, c.x_i, c.x_j, c.i_challenges,
                     receiver_values ? c.i_challenged : c.j_challenges);
            consider(table, c.j_slot, c.i, c.x_j, c.x_i, c.j_challenges,
                     receiver_values ? c.j_challenged : c.i_challenges);
          };
        });
      },
      keep_better<BestMove>);
  std::vector<Move> moves;
  for (std::size_t mover = 0; mover < size(); ++mover)
    for (std::size_t c = 0; c < outcomes; ++c)
      if (const BestMove& m = best[mover * categories + c]; m.partner < size()) {
        moves.push_back(*resolve(mover, m.partner, m.a, m.b));
        break;
      }
  return moves;
}

// Each receiver keeps the strongest challenge and resolves that one only. Actors at one
// position have nothing to gain from each other (EU = 0 up to rounding) and send no challenge.
std::vector<Move> Bargaining::sender_push() const {
  using Table = std::vector<Inbox>;
  auto push = [&](Table& inbox, std::size_t receiver_slot, std::size_t sender, double distance, double offer,
                   double reverse) {
    if (!(offer > 0.0)) return;
    const Inbox candidate{sender, offer, reverse, distance};
    if (candidate.beats(inbox[receiver_slot])) inbox[receiver_slot] = candidate;
  };
  const Table inbox = collect(
      Table(size()),
      [&](auto& tables) {
        return for_each_challenge(false, [&](std::size_t) {
          return [&, &table = tables.local()](const Challenges& c) {
            if (c.x_i == c.x_j) return;
            const double distance = std::abs(c.x_i - c.x_j);
            push(table, c.j_slot, c.i, distance, c.i_challenges, c.j_challenges);
            push(table, c.i_slot, c.j, distance, c.j_challenges, c.i_challenges);
          };
        });
      },
      keep_better<Inbox>);
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
