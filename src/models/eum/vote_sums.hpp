// Third-party vote sums of the expected-utility model from sorted positions, for linear votes
// (exponent 1): O(n log n) set-up, then O(1) per pair.
//
// For positions lo < hi with midpoint m, voter k's vote w_k(|x_k − hi| − |x_k − lo|) is
//   w_k (hi − lo)          for x_k ≤ lo          w_k (lo + hi − 2 x_k)  for lo < x_k ≤ m
//   −w_k (hi − lo)         for x_k ≥ hi          −w_k (2 x_k − lo − hi) for m < x_k < hi
// so the sums of positive votes each way are prefix sums of w and w·x over sorted positions.
//
// The voters on either side of a midpoint are found without walking: the distinct positions
// are binned on an even grid of about four cells per position, and a midpoint's cell names the
// first position at or above the cell; with at most one position in the cell, one comparison
// settles it. Every pair is thus independent of the one before (no serial cursor), and the
// results are those of a walk through the sorted positions, bit for bit.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace parley::eum {

class SortedVotes {
 public:
  SortedVotes(std::span<const double> positions, std::span<const double> weights);

  // Actor indices by ascending position (ties in input order), and the sorted positions.
  [[nodiscard]] const std::vector<std::size_t>& order() const { return order_; }
  [[nodiscard]] double position(std::size_t rank) const { return sorted_[rank]; }
  [[nodiscard]] const std::vector<double>& positions() const { return sorted_; }
  [[nodiscard]] std::size_t size() const { return order_.size(); }

  // A row's progress: the pairs of one low rank are passed with non-decreasing high ranks, so
  // the midpoints only move up, and a search in a crowded grid cell can start where the last
  // one ended.
  class Cursor {
   public:
    explicit Cursor(std::size_t low_rank) : low_rank_(low_rank) {}

   private:
    friend class SortedVotes;
    std::size_t low_rank_;
    std::int64_t level_ = 0;  // no midpoint of the row so far lies below this level
  };
  // Σ_k max(0, vote for the lower over the higher position) and the same the other way, in
  // units of distance (not divided by R), for the pairs (low_rank, first_high + k), k < count,
  // into the two arrays; 0 both ways for actors at the same position. `cursor` must be the
  // cursor of the same low rank, used with non-decreasing first_high.
  void totals(std::size_t low_rank, std::size_t first_high, std::size_t count, Cursor& cursor, double* toward_low,
              double* toward_high) const;

 private:
  // What every pair of one low rank shares.
  struct Row {
    std::size_t low_rank;
    std::size_t past_low;  // the first rank above lo
    double lo;
    double weight_past_low;  // prefix sums up to past_low
    double moment_past_low;
  };
  struct Totals {
    double toward_low;
    double toward_high;
  };
  [[nodiscard]] Row row(std::size_t low_rank) const;
  // The first level above `mid`, searched in a crowded cell.
  [[nodiscard]] std::int64_t crowded_above(double mid, std::int64_t cell, Cursor& cursor) const;
  struct MidpointSums {  // the prefix sums of w and w·x over the voters at or below a midpoint
    double weight_through;
    double moment_through;
  };
  struct GatheredSums;
  [[nodiscard]] MidpointSums sums_above(std::int64_t level) const;
  [[nodiscard]] Totals combine(const Row& row, std::size_t high_rank, const MidpointSums& sums) const;
  [[nodiscard]] std::int64_t cell(double x) const;
  void build_levels();
  void build_grid();

  std::vector<std::size_t> order_;
  std::vector<double> sorted_;
  std::vector<double> weight_prefix_;     // Σ w over ranks < t
  std::vector<double> moment_prefix_;     // Σ w x over ranks < t
  std::vector<std::size_t> first_above_;  // per rank: first rank with a higher position
  std::vector<std::int64_t> level_of_;    // per rank: its level
  std::vector<double> weight_from_;       // per rank: Σ w over ranks below its position
  std::vector<double> moment_from_;       // per rank: Σ w x over ranks below its position
  // Per level: the distinct positions ascending, then two levels at +∞ that end every search,
  // and the prefix sums of w and w·x over the ranks below each.
  std::vector<double> level_position_;
  std::vector<double> level_weight_;
  std::vector<double> level_moment_;
  // cell_first_[c]: the first level whose cell is c or later; one more entry than cells.
  std::vector<std::int64_t> cell_first_;
  // cell_entry_[c]: 2 cell_first_[c] + 1 if the cell is crowded (holds more than two levels),
  // so that the vector loop reads one entry a cell.
  std::vector<std::int64_t> cell_entry_;
  double grid_origin_ = 0.0;
  double grid_scale_ = 0.0;  // cells per unit of position
  double last_cell_ = 0.0;
};

}  // namespace parley::eum
