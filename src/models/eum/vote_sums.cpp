#include "eum/vote_sums.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>

namespace parley::eum {

namespace {

// About four cells per distinct position: a midpoint then shares its cell with at most two
// positions nearly always.
constexpr std::size_t cells_per_level = 4;

// max(x, 0) as std::max has it, without a branch: whether a lean is positive is a coin toss,
// which a compiler left to itself turns into a mispredicted jump.
inline double positive_part(double x) {
#if defined(__GNUC__)
  return __builtin_expect_with_probability(x < 0.0, 1, 0.5) ? 0.0 : x;
#else
  return std::max(x, 0.0);
#endif
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
      level_of_[u] = levels_.size();
      weight_from_[u] = weight_prefix_[t];
      moment_from_[u] = moment_prefix_[t];
    }
    levels_.push_back({sorted_[t], weight_prefix_[t], moment_prefix_[t]});
    t = end;
  }
  // Sentinels: a search reads up to two levels past a cell's first one.
  const Level end{std::numeric_limits<double>::infinity(), weight_prefix_[n], moment_prefix_[n]};
  levels_.insert(levels_.end(), 2, end);
}

// cell(x) is non-decreasing in x, so the levels before cell_first_[cell(m)] all lie below m and
// those from cell_first_[cell(m) + 1] on all lie above it, whatever the rounding.
void SortedVotes::build_grid() {
  const std::size_t distinct = levels_.size() - 2;
  std::size_t cells = 1;
  if (distinct > 1) {
    grid_origin_ = levels_.front().position;
    const double scale = static_cast<double>(distinct * cells_per_level) / (levels_[distinct - 1].position - grid_origin_);
    if (std::isfinite(scale) && scale > 0.0) {  // else (spans beyond double range, or denormal ones): one cell
      grid_scale_ = scale;
      cells = distinct * cells_per_level;
    }
  }
  last_cell_ = static_cast<double>(cells - 1);
  cell_first_.assign(cells + 1, static_cast<std::uint32_t>(distinct));
  std::size_t level = 0;
  for (std::size_t c = 0; c < cells; ++c) {
    while (level < distinct && cell(levels_[level].position) < c) ++level;
    cell_first_[c] = static_cast<std::uint32_t>(level);
  }
}

// Clamped to the last cell; a NaN product (an infinite offset times a zero scale) lands there too.
std::size_t SortedVotes::cell(double x) const {
  const double offset = (x - grid_origin_) * grid_scale_;
  // Through a signed integer: one instruction, where size_t takes a branch.
  return static_cast<std::size_t>(static_cast<std::int64_t>(offset < last_cell_ ? offset : last_cell_));
}

[[gnu::always_inline]] inline SortedVotes::Bounds SortedVotes::midpoint_levels(double mid, Cursor& cursor) const {
  const std::size_t c = cell(mid);
  const std::size_t first = cell_first_[c];
  const std::size_t end = cell_first_[c + 1];
  if (end - first <= 2) [[likely]] {  // the sentinels lie above any midpoint
    const Level* level = &levels_[first];
    return {first + (level[0].position < mid) + (level[1].position < mid),
            first + (level[0].position <= mid) + (level[1].position <= mid)};
  }
  const auto from = levels_.begin() + static_cast<std::ptrdiff_t>(std::max(first, cursor.level_));
  const auto to = levels_.begin() + static_cast<std::ptrdiff_t>(end);
  const std::size_t at = static_cast<std::size_t>(
      std::partition_point(from, to, [mid](const Level& l) { return l.position < mid; }) - levels_.begin());
  cursor.level_ = at;
  return {at, at + (levels_[at].position == mid)};
}

void SortedVotes::totals(std::size_t low_rank, std::size_t first_high, std::size_t count, Cursor& cursor,
                         double* toward_low, double* toward_high) const {
  cursor.level_ = std::max(cursor.level_, level_of_[cursor.low_rank_]);  // midpoints lie at or above lo
  const double lo = sorted_[low_rank];
  const std::size_t low_level = level_of_[low_rank];
  const std::size_t past_low = first_above_[low_rank];  // voters at or below lo end here
  const double weight_past_low = weight_prefix_[past_low];
  const double moment_past_low = moment_prefix_[past_low];
  const double low_weight = weight_past_low - weight_prefix_[0];
  const double all_weight = weight_prefix_[size()];
  for (std::size_t k = 0; k < count; ++k) {
    const std::size_t high_rank = first_high + k;
    const double hi = sorted_[high_rank];
    const double mid = lo + (hi - lo) / 2.0;
    const Bounds b = midpoint_levels(mid, cursor);
    // The voters strictly between lo and the midpoint start at the first rank at or above the
    // midpoint, but not before low_rank (the midpoint rounds to lo only when hi is lo's
    // neighbour in double precision).
    const bool at_low = b.at_or_above == low_level;
    const double weight_below = at_low ? weight_prefix_[low_rank] : levels_[b.at_or_above].weight_below;
    const double moment_below = at_low ? moment_prefix_[low_rank] : levels_[b.at_or_above].moment_below;
    const double weight_through = levels_[b.above].weight_below;
    const double moment_through = levels_[b.above].moment_below;
    const double weight_from_high = weight_from_[high_rank];  // voters at or above hi start here
    const double moment_from_high = moment_from_[high_rank];
    const double gap = hi - lo;
    // Voters strictly between lo and the midpoint lean low by lo + hi − 2x; past it, high by 2x − lo − hi.
    const double lean_low = (lo + hi) * (weight_below - weight_past_low) - 2.0 * (moment_below - moment_past_low);
    const double lean_high =
        2.0 * (moment_from_high - moment_through) - (lo + hi) * (weight_from_high - weight_through);
    const bool apart = high_rank >= past_low;  // actors at one position: no votes either way
    toward_low[k] = apart ? gap * low_weight + positive_part(lean_low) : 0.0;
    toward_high[k] = apart ? gap * (all_weight - weight_from_high) + positive_part(lean_high) : 0.0;
  }
}

}  // namespace parley::eum
