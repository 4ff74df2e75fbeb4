// The fast evaluation of the expected-utility model: every pair of actors once per pass, in
// position order, in chunks of pairs that share the lower actor, with the expected utilities of
// challenging computed in vectorisable loops (sorted vote sums, powers as exp(r ln b) with the
// branch-free exp/log of fast_math.hpp, ln b once per pair for both sides).
//
// Work is split into fixed blocks of rows (lower actors) that depend on the number of actors
// only; blocks run in parallel, the chunks of one block in order on one thread. A caller that
// sums per block and then adds the blocks in order gets the same bits for any thread count.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "eum/eum.hpp"
#include "eum/vote_sums.hpp"

namespace parley::eum {

// The pairs (low, high) for high = first_high … first_high + count − 1 (ranks in position
// order) and their expected utilities of challenging. A challenge is valued with the risk
// exponent of the actor who values it.
struct PairChunk {
  std::size_t low_rank;
  std::size_t first_high_rank;
  std::size_t count;
  std::size_t low;                // the lower actor, by input index
  const std::size_t* high;        // the higher actors, by input index
  double low_position;
  const double* high_positions;
  const double* low_challenges;   // EU(low → high) valued by low
  const double* high_challenges;  // EU(high → low) valued by high
  const double* low_challenged;   // EU(high → low) valued by low; with both views only
  const double* high_challenged;  // EU(low → high) valued by high; with both views only
  // With responses only: how low answers high's challenge and how high answers low's (Response
  // values; none between actors at one position), and the keys of those moves (move_key). The
  // other side's EU is valued as options.eu_risk says.
  const std::int64_t* low_response;
  const double* low_key;
  const std::int64_t* high_response;
  const double* high_key;
};

// Marks the pairs of a chunk whose move could beat its mover's best so far: flag[k] = 1 when
// key[k] ≤ least[how[k]], `least` holding the mover's best keys of the three outcomes (a pair
// with no move is never marked). Returns whether any pair is marked. For a mover that meets
// its partners in order of distance, as a chunk's low actor does, few pairs are marked.
std::int64_t mark_contenders(std::size_t count, const std::int64_t* how, const double* key,
                             const std::array<double, 3>& least, std::int64_t* flag);

class FastPairs {
 public:
  // The most pairs in one chunk.
  static constexpr std::size_t chunk_size = 256;

  // The actors' state for one pass; spans are indexed by actor and must outlive this object.
  struct Actors {
    std::span<const double> positions;
    std::span<const double> saliences;
    std::span<const double> weights;     // capability × salience: the vote weights
    std::span<const double> risk;        // risk exponents
    std::span<const double> status_quo;  // U_sq at each actor's exponent
  };
  // Needs options.vote_exponent = one and options.denominator = pair, and range > 0.
  FastPairs(const Actors& actors, double range, double mu, const Options& options);

  // The number of blocks for this many actors.
  [[nodiscard]] static std::size_t block_count(std::size_t actors);
  [[nodiscard]] std::size_t blocks() const { return block_rows_.size() - 1; }
  [[nodiscard]] std::size_t size() const { return votes_.size(); }
  // Actor indices by rank (position order).
  [[nodiscard]] const std::vector<std::size_t>& order() const { return votes_.order(); }

  // What a chunk holds besides each side's EU of challenging the other.
  struct Contents {
    bool both_views = false;  // low_challenged and high_challenged
    bool responses = false;   // low_response, low_key, high_response, high_key (implies the
                              // views that options.eu_risk needs)
  };
  using Visit = std::function<void(std::size_t block, const PairChunk&)>;
  // Calls visit for every chunk. Blocks run on up to options.threads threads (0: all cores);
  // visit must be safe for that.
  void for_each_chunk(Contents contents, const Visit& visit) const;

 private:
  struct Scratch;
  void visit_block(std::size_t block, Contents contents, Scratch& scratch, const Visit& visit) const;
  template <bool Linear>
  void fill_chunk(std::size_t low_rank, std::size_t first_high, std::size_t count, SortedVotes::Cursor& cursor,
                  bool both_views, Scratch& scratch) const;
  void fill_row(std::size_t low_rank, std::size_t count, Scratch& scratch) const;
  void fill_responses(std::size_t first_high, std::size_t count, Scratch& scratch) const;

  Options options_;
  double range_;
  SortedVotes votes_;
  bool linear_;  // every risk exponent is 1: powers are the bases themselves
  // Per rank: salience, risk exponent, U_sq, distance to mu.
  std::vector<double> salience_, risk_, status_quo_, to_mu_;
  std::vector<std::size_t> block_rows_;  // block b holds the ranks block_rows_[b] … block_rows_[b+1] − 1
};

}  // namespace parley::eum
