// Third-party vote sums of the expected-utility model from sorted positions, for linear votes
// (exponent 1): O(n log n) set-up, then O(1) per pair when pairs are visited in sorted order.
//
// For positions lo < hi with midpoint m, voter k's vote w_k(|x_k − hi| − |x_k − lo|) is
//   w_k (hi − lo)          for x_k ≤ lo          w_k (lo + hi − 2 x_k)  for lo < x_k < m
//   −w_k (hi − lo)         for x_k ≥ hi          −w_k (2 x_k − lo − hi) for m < x_k < hi
// so the sums of positive votes each way are prefix sums of w and w·x over sorted positions.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace parley::eum {

class SortedVotes {
 public:
  SortedVotes(std::span<const double> positions, std::span<const double> weights);

  // Actor indices by ascending position (ties in input order), and the sorted positions.
  [[nodiscard]] const std::vector<std::size_t>& order() const { return order_; }
  [[nodiscard]] double position(std::size_t rank) const { return sorted_[rank]; }
  [[nodiscard]] std::size_t size() const { return order_.size(); }

  // Σ_k max(0, vote for the lower over the higher position) and the same the other way, in
  // units of distance (not divided by R), for the actors of ranks low < high. `cursor` must be
  // the cursor of the same low rank, used with non-decreasing high ranks.
  struct Totals {
    double toward_low;
    double toward_high;
  };
  class Cursor {
   public:
    explicit Cursor(std::size_t low_rank) : below_mid_(low_rank), through_mid_(low_rank) {}

   private:
    friend class SortedVotes;
    std::size_t below_mid_;    // first rank at or above the midpoint
    std::size_t through_mid_;  // first rank above the midpoint
  };
  [[nodiscard]] Totals totals(std::size_t low_rank, std::size_t high_rank, Cursor& cursor) const;

 private:
  [[nodiscard]] double weight(std::size_t from, std::size_t to) const { return weight_prefix_[to] - weight_prefix_[from]; }
  [[nodiscard]] double moment(std::size_t from, std::size_t to) const { return moment_prefix_[to] - moment_prefix_[from]; }

  std::vector<std::size_t> order_;
  std::vector<double> sorted_;
  std::vector<double> weight_prefix_;  // Σ w over ranks < t
  std::vector<double> moment_prefix_;  // Σ w x over ranks < t
  std::vector<std::size_t> first_above_;    // per rank: first rank with a higher position
  std::vector<std::size_t> first_at_;       // per rank: first rank with the same position
};

}  // namespace parley::eum
