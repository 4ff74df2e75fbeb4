// Independent calls spread over a set number of threads (0: all cores, 1: the caller's only).
// Callers make each call write only its own slot, so what they compute does not depend on the
// number of threads.
#pragma once

#include <cstddef>
#include <memory>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

namespace parley {

class Workers {
 public:
  explicit Workers(std::size_t threads = 0) { set_threads(threads); }

  void set_threads(std::size_t threads) {
    if (threads == threads_) return;
    threads_ = threads;
    arena_.reset(threads > 1 ? new tbb::task_arena(static_cast<int>(threads)) : nullptr);
  }

  // work(k) for every k below count: on the threads when there are at least `minimum` calls
  // (enough to outweigh starting them), in order on this thread otherwise.
  template <class Work>
  void for_each_index(std::size_t count, std::size_t minimum, const Work& work) const {
    if (threads_ == 1 || count < minimum || count < 2) {
      for (std::size_t k = 0; k < count; ++k) work(k);
      return;
    }
    const auto run = [&](const tbb::blocked_range<std::size_t>& range) {
      for (std::size_t k = range.begin(); k != range.end(); ++k) work(k);
    };
    const tbb::blocked_range<std::size_t> all(0, count, minimum / 4 + 1);
    if (arena_) arena_->execute([&] { tbb::parallel_for(all, run); });
    else tbb::parallel_for(all, run);
  }

 private:
  std::size_t threads_ = 0;
  std::unique_ptr<tbb::task_arena> arena_;  // when threads_ > 1
};

}  // namespace parley
