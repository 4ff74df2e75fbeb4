// Independent calls spread over a set number of threads (0: all cores, 1: the caller's only).
// Callers make each call write only its own slot, so what they compute does not depend on the
// number of threads.
//
// The threads are the process's own: one fewer helper than the cores it may run on, started at
// the first call that needs them (so a short command never starts one). One call uses them at a
// time; a call made meanwhile from another thread, or from inside a call's work, runs in order on
// its own thread, which gives the same results.
#pragma once

#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

namespace parley {

namespace detail {

using ChunkWork = void (*)(const void* work, std::size_t begin, std::size_t end);

// Runs chunk(work, begin, end) over [0, count) in pieces of `grain` on the calling thread and up
// to `helpers` helper threads. False, with nothing run, when the helpers are taken (by another
// thread's call, or because this is one). The first exception thrown is rethrown here, after
// every thread has stopped.
bool run_on_helpers(std::size_t count, std::size_t grain, std::size_t helpers, ChunkWork chunk, const void* work);

// Helper threads the process has (or will start): the cores it may run on, less one.
std::size_t helper_count();

// 0 on a thread that is not a helper; 1 to helper_count() on the helpers.
std::size_t thread_slot();

}  // namespace detail

class Workers {
 public:
  explicit Workers(std::size_t threads = 0) : threads_(threads) {}

  void set_threads(std::size_t threads) { threads_ = threads; }

  // work(k) for every k below count: on the threads when there are at least `minimum` calls
  // (enough to outweigh waking them), in order on this thread otherwise.
  template <class Work>
  void for_each_index(std::size_t count, std::size_t minimum, const Work& work) const {
    const auto chunk = [](const void* context, std::size_t begin, std::size_t end) {
      const Work& each = *static_cast<const Work*>(context);
      for (std::size_t k = begin; k < end; ++k) each(k);
    };
    if (threads_ != 1 && count >= minimum && count >= 2 &&
        detail::run_on_helpers(count, minimum / 4 + 1, threads_ == 0 ? count : threads_ - 1, chunk, &work))
      return;
    chunk(&work, 0, count);
  }

 private:
  std::size_t threads_ = 0;
};

// One T for each thread that runs work, made from `initial` when that thread first asks for it:
// work folds into local(), and the caller combines the values afterwards with for_each.
template <class T>
class PerThread {
 public:
  explicit PerThread(T initial) : initial_(std::move(initial)), items_(detail::helper_count() + 1) {}

  T& local() {
    std::optional<T>& item = items_[detail::thread_slot()];
    if (!item) item.emplace(initial_);
    return *item;
  }

  template <class Visit>
  void for_each(const Visit& visit) const {
    for (const auto& item : items_)
      if (item) visit(*item);
  }

 private:
  T initial_;
  std::vector<std::optional<T>> items_;
};

}  // namespace parley
