#include "eum/vote_sums.hpp"

#include <algorithm>
#include <numeric>

namespace parley::eum {

SortedVotes::SortedVotes(std::span<const double> positions, std::span<const double> weights)
    : order_(positions.size()),
      sorted_(positions.size()),
      weight_prefix_(positions.size() + 1, 0.0),
      moment_prefix_(positions.size() + 1, 0.0),
      first_above_(positions.size()),
      first_at_(positions.size()) {
  const std::size_t n = positions.size();
  std::iota(order_.begin(), order_.end(), 0);
  std::stable_sort(order_.begin(), order_.end(), [&](std::size_t a, std::size_t b) { return positions[a] < positions[b]; });
  for (std::size_t t = 0; t < n; ++t) {
    sorted_[t] = positions[order_[t]];
    weight_prefix_[t + 1] = weight_prefix_[t] + weights[order_[t]];
    moment_prefix_[t + 1] = moment_prefix_[t] + weights[order_[t]] * sorted_[t];
  }
  for (std::size_t t = 0; t < n;) {
    std::size_t end = t;
    while (end < n && sorted_[end] == sorted_[t]) ++end;
    for (std::size_t u = t; u < end; ++u) {
      first_at_[u] = t;
      first_above_[u] = end;
    }
    t = end;
  }
}

SortedVotes::Totals SortedVotes::totals(std::size_t low_rank, std::size_t high_rank, Cursor& cursor) const {
  const double lo = sorted_[low_rank];
  const double hi = sorted_[high_rank];
  const double mid = lo + (hi - lo) / 2.0;
  while (cursor.below_mid_ < size() && sorted_[cursor.below_mid_] < mid) ++cursor.below_mid_;
  cursor.through_mid_ = std::max(cursor.through_mid_, cursor.below_mid_);
  while (cursor.through_mid_ < size() && sorted_[cursor.through_mid_] <= mid) ++cursor.through_mid_;
  const std::size_t past_low = first_above_[low_rank];  // voters at or below lo end here
  const std::size_t from_high = first_at_[high_rank];   // voters at or above hi start here
  const double gap = hi - lo;
  // Voters strictly between lo and the midpoint lean low by lo + hi − 2x; past it, high by 2x − lo − hi.
  const double lean_low = (lo + hi) * weight(past_low, cursor.below_mid_) - 2.0 * moment(past_low, cursor.below_mid_);
  const double lean_high =
      2.0 * moment(cursor.through_mid_, from_high) - (lo + hi) * weight(cursor.through_mid_, from_high);
  return {gap * weight(0, past_low) + std::max(lean_low, 0.0),
          gap * weight(from_high, size()) + std::max(lean_high, 0.0)};
}

}  // namespace parley::eum
