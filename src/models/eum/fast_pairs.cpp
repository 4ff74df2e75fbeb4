#include "eum/fast_pairs.hpp"

#include <algorithm>
#include <cmath>

#include "eum/fast_math.hpp"
#include "eum/vector_clones.hpp"
#include "parley/workers.hpp"

namespace parley::eum {
namespace {

constexpr std::size_t chunk_size = FastPairs::chunk_size;
// Enough blocks that two or more threads share the work evenly, few enough that per-block sums
// stay small; a function of the number of actors only.
constexpr std::size_t most_blocks = 64;
constexpr std::size_t rows_per_block = 32;

// The kernels take their options as template arguments: GCC 12 vectorises no loop that tests a
// run-time flag inside.

// b^r from what the chunk holds for b: b itself when every exponent is 1, else ln b.
template <bool Linear>
inline double power(double base_or_log, double risk) {
  if constexpr (Linear) return base_or_log;
  else return fast_math::exp(risk * base_or_log);
}
template <bool Linear>
inline double base_or_log(double base) {
  if constexpr (Linear) return base;
  else return fast_math::log(base);
}

// P(low, high) and P(high, low) from the vote totals each way, as eum's chances() has them.
template <bool ClippedNet>
PARLEY_VECTOR_CLONES void chances(std::size_t count, const double* __restrict toward_low,
                                  const double* __restrict toward_high, double* __restrict p_low,
                                  double* __restrict p_high) {
  for (std::size_t k = 0; k < count; ++k) {
    const double denominator = toward_low[k] + toward_high[k];
    const double net = toward_low[k] - toward_high[k];
    const double forward = ClippedNet ? std::max(net, 0.0) : toward_low[k];
    const double backward = ClippedNet ? std::max(-net, 0.0) : toward_high[k];
    const bool any = denominator > 0.0;
    const double share = 1.0 / denominator;  // one division for both
    p_low[k] = any ? forward * share : 0.0;
    p_high[k] = any ? backward * share : 0.0;
  }
}

// The distances and the utility bases 0.5 ∓ 0.5 δ/R (or their logs).
template <bool Linear>
PARLEY_VECTOR_CLONES void utility_bases(std::size_t count, double low_position, const double* __restrict high_positions,
                                        double range, double* __restrict distance, double* __restrict near,
                                        double* __restrict far) {
  const double half_per_range = 0.5 / range;
  for (std::size_t k = 0; k < count; ++k) {
    const double d = high_positions[k] - low_position;
    distance[k] = d;
    near[k] = base_or_log<Linear>(std::max(std::fma(-d, half_per_range, 0.5), 0.0));
    far[k] = base_or_log<Linear>(std::fma(d, half_per_range, 0.5));
  }
}

// One side's view of one direction of challenge, for the pairs of a chunk.
struct View {
  const double* probability;      // the challenger's P
  const double* target_salience;  // s of the target
  const double* risk;             // r of the actor who values the challenge
  const double* status_quo;       // U_sq of the actor who values it
};

// EU = s (P U_s + (1 − P) U_f) + (1 − s) U_s − Q U_sq, as eum::expected_utility orders it.
template <bool Linear>
PARLEY_VECTOR_CLONES void challenge_values(std::size_t count, const View& view, double q,
                                           const double* __restrict near, const double* __restrict far,
                                           double* __restrict out) {
  const double* __restrict p = view.probability;
  const double* __restrict s = view.target_salience;
  const double* __restrict r = view.risk;
  const double* __restrict status_quo = view.status_quo;
  for (std::size_t k = 0; k < count; ++k) {
    const double success = std::fma(-4.0, power<Linear>(near[k], r[k]), 2.0);
    const double failure = std::fma(-4.0, power<Linear>(far[k], r[k]), 2.0);
    const double contested = s[k] * std::fma(p[k], success - failure, failure);  // P U_s + (1 − P) U_f
    const double uncontested = (1.0 - s[k]) * success;
    out[k] = std::fma(-q, status_quo[k], contested + uncontested);
  }
}

// A challenger's no-challenge bases 0.5 ∓ 0.25 m/R (m = |x_c − mu| + δ, or their logs) and
// T under the "case" rule: 1 when mu is nearer to the challenger than the target is.
template <bool Linear>
PARLEY_VECTOR_CLONES void no_challenge_bases(std::size_t count, const double* __restrict to_mu,
                                             const double* __restrict distance, double range,
                                             double* __restrict better, double* __restrict worse,
                                             double* __restrict case_t) {
  for (std::size_t k = 0; k < count; ++k) {
    const double m = to_mu[k] + distance[k];
    better[k] = base_or_log<Linear>(std::max(0.5 - 0.25 * m / range, 0.0));
    worse[k] = base_or_log<Linear>(0.5 + 0.25 * m / range);
    case_t[k] = to_mu[k] < distance[k] ? 1.0 : 0.0;
  }
}

// out ∓= (1 − Q)(T U_b + (1 − T) U_w); sign −1 subtracts (x + (−1)·y is x − y exactly).
template <bool Linear>
PARLEY_VECTOR_CLONES void add_no_challenge(std::size_t count, const double* __restrict risk, double q, double sign,
                                           const double* __restrict better, const double* __restrict worse,
                                           const double* __restrict t, double* __restrict out) {
  for (std::size_t k = 0; k < count; ++k) {
    const double u_better = 2.0 - 4.0 * power<Linear>(better[k], risk[k]);
    const double u_worse = 2.0 - 4.0 * power<Linear>(worse[k], risk[k]);
    const double no_challenge = (1.0 - q) * (t[k] * u_better + (1.0 - t[k]) * u_worse);
    out[k] = out[k] + sign * no_challenge;
  }
}

// How each mover answers its partner's challenge (respond: a is the mover's EU of challenging,
// b the partner's) and the key of that move; none between actors at one position.
template <bool Capitulation, bool WeightedKeys>
PARLEY_VECTOR_CLONES void responses(std::size_t count, const double* __restrict mover, const double* __restrict partner,
                                    const double* __restrict a, const double* __restrict b,
                                    std::int64_t* __restrict how, double* __restrict key) {
  for (std::size_t k = 0; k < count; ++k) {
    const Response response = respond(a[k], b[k], Capitulation);
    how[k] = static_cast<std::int64_t>(mover[k] == partner[k] ? Response::none : response);
    key[k] = move_key(response, mover[k], partner[k], a[k], b[k], WeightedKeys);
  }
}

template <bool Capitulation>
void responses(bool weighted_keys, std::size_t count, const double* mover, const double* partner, const double* a,
               const double* b, std::int64_t* how, double* key) {
  if (weighted_keys) responses<Capitulation, true>(count, mover, partner, a, b, how, key);
  else responses<Capitulation, false>(count, mover, partner, a, b, how, key);
}

// Block boundaries with about equal numbers of pairs (row `low` has n − 1 − low of them).
std::vector<std::size_t> balanced_blocks(std::size_t n) {
  const std::size_t blocks = FastPairs::block_count(n);
  const double total = 0.5 * static_cast<double>(n) * static_cast<double>(n > 0 ? n - 1 : 0);
  std::vector<std::size_t> rows{0};
  double pairs = 0.0;
  for (std::size_t low = 0; low < n && rows.size() < blocks; ++low) {
    pairs += static_cast<double>(n - 1 - low);
    if (pairs >= total * static_cast<double>(rows.size()) / static_cast<double>(blocks)) rows.push_back(low + 1);
  }
  rows.push_back(n);
  return rows;
}

}  // namespace

PARLEY_VECTOR_CLONES std::int64_t mark_contenders(std::size_t count, const std::int64_t* __restrict how,
                                                  const double* __restrict key, const std::array<double, 3>& least,
                                                  std::int64_t* __restrict flag) {
  const double confrontation = least[0];
  const double compromise = least[1];
  const double capitulation = least[2];
  std::int64_t any = 0;
  for (std::size_t k = 0; k < count; ++k) {
    const auto response = static_cast<Response>(how[k]);
    const double bound = response == Response::confrontation ? confrontation
                         : response == Response::compromise  ? compromise
                         : response == Response::capitulation ? capitulation
                                                              : -1.0;
    const std::int64_t contender = key[k] <= bound;
    flag[k] = contender;
    any |= contender;
  }
  return any;
}

std::size_t FastPairs::block_count(std::size_t actors) {
  return std::clamp<std::size_t>(actors / rows_per_block, 1, most_blocks);
}

struct FastPairs::Scratch {
  std::vector<double> storage = std::vector<double>(24 * chunk_size);
  std::vector<std::int64_t> responses = std::vector<std::int64_t>(2 * chunk_size);
  double* array(std::size_t index) { return storage.data() + index * chunk_size; }
  double* toward_low = array(0);
  double* toward_high = array(1);
  double* distance = array(2);
  double* p_low = array(3);
  double* p_high = array(4);
  double* near = array(5);
  double* far = array(6);
  double* low_salience = array(7);  // the low actor's values, repeated across the chunk
  double* low_risk = array(8);
  double* low_status_quo = array(9);
  double* low_to_mu = array(10);
  double* better_low = array(11);  // no-challenge bases and T with low as the challenger
  double* worse_low = array(12);
  double* t_low = array(13);
  double* better_high = array(14);  // … and with high as the challenger
  double* worse_high = array(15);
  double* t_high = array(16);
  double* low_challenges = array(17);
  double* high_challenges = array(18);
  double* low_challenged = array(19);
  double* high_challenged = array(20);
  double* low_positions = array(21);  // the low actor's position, repeated
  double* low_key = array(22);
  double* high_key = array(23);
  std::int64_t* low_response = responses.data();
  std::int64_t* high_response = responses.data() + chunk_size;
};

FastPairs::FastPairs(const Actors& actors, double range, double mu, const Options& options)
    : options_(options),
      range_(range),
      votes_(actors.positions, actors.weights),
      linear_(std::all_of(actors.risk.begin(), actors.risk.end(), [](double r) { return r == 1.0; })),
      block_rows_(balanced_blocks(actors.positions.size())) {
  for (std::size_t actor : votes_.order()) {
    salience_.push_back(actors.saliences[actor]);
    risk_.push_back(actors.risk[actor]);
    status_quo_.push_back(actors.status_quo[actor]);
    to_mu_.push_back(std::abs(actors.positions[actor] - mu));
  }
}

template <bool Linear>
void FastPairs::fill_chunk(std::size_t low, std::size_t first, std::size_t count, SortedVotes::Cursor& cursor,
                           bool both_views, Scratch& s) const {
  const double low_position = votes_.position(low);
  votes_.totals(low, first, count, cursor, s.toward_low, s.toward_high);
  if (options_.numerator == ProbabilityNumerator::clipped_net)
    chances<true>(count, s.toward_low, s.toward_high, s.p_low, s.p_high);
  else
    chances<false>(count, s.toward_low, s.toward_high, s.p_low, s.p_high);
  utility_bases<Linear>(count, low_position, &votes_.positions()[first], range_, s.distance, s.near, s.far);
  const double q = options_.q;
  const View low_values_low{s.p_low, &salience_[first], s.low_risk, s.low_status_quo};
  const View high_values_high{s.p_high, s.low_salience, &risk_[first], &status_quo_[first]};
  challenge_values<Linear>(count, low_values_low, q, s.near, s.far, s.low_challenges);
  challenge_values<Linear>(count, high_values_high, q, s.near, s.far, s.high_challenges);
  if (both_views) {
    const View low_values_high{s.p_high, s.low_salience, s.low_risk, s.low_status_quo};
    const View high_values_low{s.p_low, &salience_[first], &risk_[first], &status_quo_[first]};
    challenge_values<Linear>(count, low_values_high, q, s.near, s.far, s.low_challenged);
    challenge_values<Linear>(count, high_values_low, q, s.near, s.far, s.high_challenged);
  }
  if (q == 1.0) return;
  no_challenge_bases<Linear>(count, s.low_to_mu, s.distance, range_, s.better_low, s.worse_low, s.t_low);
  no_challenge_bases<Linear>(count, &to_mu_[first], s.distance, range_, s.better_high, s.worse_high, s.t_high);
  if (options_.t) {
    std::fill_n(s.t_low, count, *options_.t);
    std::fill_n(s.t_high, count, *options_.t);
  }
  const double sign = options_.nc_sign == NoChallengeSign::minus ? -1.0 : 1.0;
  add_no_challenge<Linear>(count, s.low_risk, q, sign, s.better_low, s.worse_low, s.t_low, s.low_challenges);
  add_no_challenge<Linear>(count, &risk_[first], q, sign, s.better_high, s.worse_high, s.t_high, s.high_challenges);
  if (both_views) {
    add_no_challenge<Linear>(count, s.low_risk, q, sign, s.better_high, s.worse_high, s.t_high, s.low_challenged);
    add_no_challenge<Linear>(count, &risk_[first], q, sign, s.better_low, s.worse_low, s.t_low, s.high_challenged);
  }
}

void FastPairs::fill_responses(std::size_t first, std::size_t count, Scratch& s) const {
  const bool receiver_values = options_.eu_risk == EuRisk::receiver;
  const bool weighted_keys = options_.compromise_select == CompromiseSelect::jmckib_key;
  const double* high_positions = &votes_.positions()[first];
  auto respond_all = [&](const double* mover, const double* partner, const double* a, const double* b,
                         std::int64_t* how, double* key) {
    if (options_.capitulation) responses<true>(weighted_keys, count, mover, partner, a, b, how, key);
    else responses<false>(weighted_keys, count, mover, partner, a, b, how, key);
  };
  respond_all(s.low_positions, high_positions, s.low_challenges, receiver_values ? s.low_challenged : s.high_challenges,
              s.low_response, s.low_key);
  respond_all(high_positions, s.low_positions, s.high_challenges, receiver_values ? s.high_challenged : s.low_challenges,
              s.high_response, s.high_key);
}

// The low actor's values, repeated as the kernels read them; the same for every chunk of its row,
// whose first chunk is the longest.
PARLEY_VECTOR_CLONES void FastPairs::fill_row(std::size_t low, std::size_t count, Scratch& s) const {
  std::fill_n(s.low_salience, count, salience_[low]);
  std::fill_n(s.low_risk, count, risk_[low]);
  std::fill_n(s.low_status_quo, count, status_quo_[low]);
  std::fill_n(s.low_to_mu, count, to_mu_[low]);
  std::fill_n(s.low_positions, count, votes_.position(low));
}

void FastPairs::visit_block(std::size_t block, Contents contents, Scratch& s, const Visit& visit) const {
  const std::size_t n = size();
  const bool both_views = contents.both_views || (contents.responses && options_.eu_risk == EuRisk::receiver);
  // With responses, the rows go from the highest low actor down, so each high actor meets its
  // partners nearest first: its best moves come early and later candidates seldom replace them.
  // (Without responses, the security sums need the fixed upward order.)
  for (std::size_t row = block_rows_[block]; row < block_rows_[block + 1]; ++row) {
    const std::size_t low = contents.responses ? block_rows_[block + 1] - 1 - (row - block_rows_[block]) : row;
    SortedVotes::Cursor cursor(low);
    fill_row(low, std::min(chunk_size, n - low - 1), s);
    for (std::size_t first = low + 1; first < n; first += chunk_size) {
      const std::size_t count = std::min(chunk_size, n - first);
      if (linear_) fill_chunk<true>(low, first, count, cursor, both_views, s);
      else fill_chunk<false>(low, first, count, cursor, both_views, s);
      if (contents.responses) fill_responses(first, count, s);
      visit(block, PairChunk{low, first, count, votes_.order()[low], &votes_.order()[first], votes_.position(low),
                             &votes_.positions()[first], s.low_challenges, s.high_challenges, s.low_challenged,
                             s.high_challenged, s.low_response, s.low_key, s.high_response, s.high_key});
    }
  }
}

void FastPairs::for_each_chunk(Contents contents, const Visit& visit) const {
  Workers(options_.threads).for_each_index(blocks(), 2, [&](std::size_t block) {
    Scratch scratch;  // of a fixed size, a few per pass
    visit_block(block, contents, scratch, visit);
  });
}

}  // namespace parley::eum
