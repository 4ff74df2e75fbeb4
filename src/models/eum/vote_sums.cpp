#include "eum/vote_sums.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <numeric>

#include "eum/vector_clones.hpp"

namespace parley::eum {

namespace {

// About four cells per distinct position: a midpoint then shares its cell with at most two
// positions nearly always.
constexpr std::size_t cells_per_level = 4;

// x rounded to an integer, for 0 ≤ x < 2^51: adding 1.5·2^52 leaves it in the low mantissa bits
// (a conversion instruction would not vectorise before AVX-512).
inline std::int64_t round_to_integer(double x) {
  constexpr double shifter = 0x1.8p52;
  return std::bit_cast<std::int64_t>(x + shifter) - std::bit_cast<std::int64_t>(shifter);
}

}  // namespace

SortedVotes::SortedVotes(std::span<const double> positions, std::span<const double> weights)
    : order_(positions.size()),
      sorted_(positions.size()),
      weight_prefix_(positions.size() + 1, 0.0),
      moment_prefix_(positions.size() + 1, 0.0),
      first_above_(positions.size()),
      level_of_(positions.size()),
      weight_from_(positions.size()),
      moment_from_(positions.size()) {
  const std::size_t n = positions.size();
  std::iota(order_.begin(), order_.end(), 0);
  std::stable_sort(order_.begin(), order_.end(), [&](std::size_t a, std::size_t b) { return positions[a] < positions[b]; });
  for (std::size_t t = 0; t < n; ++t) {
    sorted_[t] = positions[order_[t]];
    weight_prefix_[t + 1] = weight_prefix_[t] + weights[order_[t]];
    moment_prefix_[t + 1] = moment_prefix_[t] + weights[order_[t]] * sorted_[t];
  }
  build_levels();
  build_grid();
}

void SortedVotes::build_levels() {
  const std::size_t n = size();
  for (std::size_t t = 0; t < n;) {
    std::size_t end = t;
    while (end < n && sorted_[end] == sorted_[t]) ++end;
    for (std::size_t u = t; u < end; ++u) {
      first_above_[u] = end;
      level_of_[u] = static_cast<std::int64_t>(level_position_.size());
      weight_from_[u] = weight_prefix_[t];
      moment_from_[u] = moment_prefix_[t];
    }
    level_position_.push_back(sorted_[t]);
    level_weight_.push_back(weight_prefix_[t]);
    level_moment_.push_back(moment_prefix_[t]);
    t = end;
  }
  // Sentinels: a midpoint's search reads up to two levels past its cell's first one.
  level_position_.insert(level_position_.end(), 2, std::numeric_limits<double>::infinity());
  level_weight_.insert(level_weight_.end(), 2, weight_prefix_[n]);
  level_moment_.insert(level_moment_.end(), 2, moment_prefix_[n]);
}

// cell(x) is non-decreasing in x, so the levels before cell_first_[cell(m)] all lie below m and
// those from cell_first_[cell(m) + 1] on all lie above it, whatever the rounding.
void SortedVotes::build_grid() {
  const std::size_t distinct = level_position_.size() - 2;
  std::size_t cells = 1;
  if (distinct > 1) {
    grid_origin_ = level_position_.front();
    const double span = level_position_[distinct - 1] - grid_origin_;
    const double scale = static_cast<double>(distinct * cells_per_level) / span;
    if (std::isfinite(scale) && scale > 0.0) {  // else (a span beyond double range, or a denormal one): one cell
      grid_scale_ = scale;
      cells = distinct * cells_per_level;
    }
  }
  last_cell_ = static_cast<double>(cells - 1);
  cell_first_.assign(cells + 1, static_cast<std::int64_t>(distinct));
  std::size_t level = 0;
  for (std::size_t c = 0; c < cells; ++c) {
    while (level < distinct && cell(level_position_[level]) < static_cast<std::int64_t>(c)) ++level;
    cell_first_[c] = static_cast<std::int64_t>(level);
  }
  cell_entry_.resize(cells);
  for (std::size_t c = 0; c < cells; ++c) {
    const bool crowded = cell_first_[c + 1] - cell_first_[c] > 2;
    cell_entry_[c] = cell_first_[c] * 2 + static_cast<std::int64_t>(crowded);
  }
}

// Clamped to the last cell; a NaN product (an infinite offset times a zero scale) lands there too.
inline std::int64_t SortedVotes::cell(double x) const {
  const double offset = (x - grid_origin_) * grid_scale_;
  return round_to_integer(offset < last_cell_ ? offset : last_cell_);
}

SortedVotes::Row SortedVotes::row(std::size_t low_rank) const {
  const std::size_t past_low = first_above_[low_rank];  // voters at or below lo end here
  return {low_rank,
          past_low,
          sorted_[low_rank],
          weight_prefix_[past_low],
          moment_prefix_[past_low]};
}

// The formula of vote_sums.hpp for one pair, from the prefix sums of w and w·x up to three ranks:
// the first rank above the midpoint, the first at hi's position, and the first above lo (in
// `row`). Voters between lo and the midpoint lean low by lo + hi − 2x, those past it high by
// 2x − lo − hi; a voter at the midpoint itself leans neither way (lo + hi − 2x is 0, up to the
// rounding of the midpoint), so it is summed with the first, which spares a second bound.
inline SortedVotes::Totals SortedVotes::combine(const Row& row, std::size_t high_rank, const MidpointSums& sums) const {
  const double hi = sorted_[high_rank];
  const double weight_from_high = weight_from_[high_rank];  // voters at or above hi start here
  const double moment_from_high = moment_from_[high_rank];
  const double gap = hi - row.lo;
  const double lean_low =
      (row.lo + hi) * (sums.weight_through - row.weight_past_low) - 2.0 * (sums.moment_through - row.moment_past_low);
  const double lean_high =
      2.0 * (moment_from_high - sums.moment_through) - (row.lo + hi) * (weight_from_high - sums.weight_through);
  const bool apart = high_rank >= row.past_low;  // actors at one position: no votes either way
  const double low_weight = row.weight_past_low - weight_prefix_[0];
  const double high_weight = weight_prefix_[size()] - weight_from_high;
  return {apart ? gap * low_weight + std::max(lean_low, 0.0) : 0.0,
          apart ? gap * high_weight + std::max(lean_high, 0.0) : 0.0};
}

inline SortedVotes::MidpointSums SortedVotes::sums_above(std::int64_t level) const {
  const auto above = static_cast<std::size_t>(level);
  return {level_weight_[above], level_moment_[above]};
}

// MidpointSums for a block of pairs, one array per field, so that loops over it vectorise.
struct SortedVotes::GatheredSums {
  static constexpr std::size_t size = 64;
  double weight_through[size], moment_through[size];
  std::int64_t crowded[size];  // the midpoint's cell is crowded: these sums are not yet right
  void store(std::size_t k, const MidpointSums& sums) {
    weight_through[k] = sums.weight_through;
    moment_through[k] = sums.moment_through;
  }
  [[nodiscard]] MidpointSums load(std::size_t k) const { return {weight_through[k], moment_through[k]}; }
};

std::int64_t SortedVotes::crowded_above(double mid, std::int64_t c, Cursor& cursor) const {
  const auto begin = level_position_.begin();
  const auto from = begin + std::max(cell_first_[c], cursor.level_);
  const auto above = std::partition_point(from, begin + cell_first_[c + 1], [mid](double x) { return x <= mid; });
  cursor.level_ = above - begin;
  return cursor.level_;
}

// Per block of pairs, two loops, so that both vectorise: the first places each midpoint from its
// cell alone and gathers the prefix sums there (loads under a condition would not vectorise,
// hence the gathers apart), the second combines them. A midpoint in a crowded cell (more than
// two levels) is then placed by a search.
PARLEY_VECTOR_CLONES void SortedVotes::totals(std::size_t low_rank, std::size_t first_high, std::size_t count,
                                              Cursor& cursor, double* __restrict toward_low,
                                              double* __restrict toward_high) const {
  const Row row = this->row(low_rank);
  cursor.level_ = std::max(cursor.level_, level_of_[cursor.low_rank_]);  // midpoints lie at or above lo
  const double* __restrict sorted = sorted_.data();
  const double* __restrict level_position = level_position_.data();
  const std::int64_t* __restrict cell_entry = cell_entry_.data();
  for (std::size_t done = 0; done < count; done += GatheredSums::size) {
    const std::size_t block = std::min(GatheredSums::size, count - done);
    GatheredSums gathered;
    std::int64_t any_crowded = 0;
    for (std::size_t k = 0; k < block; ++k) {
      const double hi = sorted[first_high + done + k];
      const double mid = row.lo + (hi - row.lo) / 2.0;
      const std::int64_t c = cell(mid);
      const std::int64_t first = cell_entry[c] >> 1;
      const std::int64_t crowded = cell_entry[c] & 1;
      gathered.crowded[k] = crowded;
      any_crowded |= crowded;
      const double p0 = level_position[first];
      const double p1 = level_position[first + 1];  // the sentinels lie above any midpoint
      gathered.store(k, sums_above(first + (p0 <= mid) + (p1 <= mid)));
    }
    for (std::size_t k = 0; k < block; ++k) {
      const Totals t = combine(row, first_high + done + k, gathered.load(k));
      toward_low[done + k] = t.toward_low;
      toward_high[done + k] = t.toward_high;
    }
    if (any_crowded == 0) continue;
    for (std::size_t k = 0; k < block; ++k) {
      if (gathered.crowded[k] == 0) continue;
      const std::size_t high_rank = first_high + done + k;
      const double mid = row.lo + (sorted[high_rank] - row.lo) / 2.0;
      const Totals t = combine(row, high_rank, sums_above(crowded_above(mid, cell(mid), cursor)));
      toward_low[done + k] = t.toward_low;
      toward_high[done + k] = t.toward_high;
    }
  }
}

}  // namespace parley::eum
