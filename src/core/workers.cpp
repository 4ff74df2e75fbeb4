#include "parley/workers.hpp"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <exception>
#include <mutex>
#include <thread>

#if defined(__linux__)
#include <sched.h>
#endif
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace parley::detail {
namespace {

thread_local std::size_t current_slot = 0;
thread_local bool running_work = false;  // inside a call's work: calls made from it run in place

// The cores this process may run on (its affinity mask), as the scheduler will honour them.
std::size_t usable_cores() {
#if defined(__linux__)
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) return std::max(1, CPU_COUNT(&set));
#endif
  return std::max(1U, std::thread::hardware_concurrency());
}

void pause() {
#if defined(__x86_64__) || defined(__i386__)
  _mm_pause();
#endif
}

// Waits until value differs from `seen`: spinning first, since the next call usually follows
// within microseconds (a round's recalculations), then asleep.
template <class T>
T wait_for_change(const std::atomic<T>& value, T seen) {
  constexpr int spins = 1 << 14;  // some tens of microseconds
  for (int k = 0; k < spins; ++k) {
    const T now = value.load(std::memory_order_acquire);
    if (now != seen) return now;
    pause();
  }
  value.wait(seen, std::memory_order_acquire);
  return value.load(std::memory_order_acquire);
}

class Pool {
 public:
  static Pool& instance() {
    static Pool pool;
    return pool;
  }

  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  ~Pool() {
    stopping_.store(true, std::memory_order_release);
    generation_.fetch_add(1, std::memory_order_acq_rel);
    generation_.notify_all();
    for (std::thread& helper : helpers_) helper.join();
  }

  [[nodiscard]] std::size_t helper_count() const { return helper_count_; }

  bool run(std::size_t count, std::size_t grain, std::size_t wanted, ChunkWork chunk, const void* work) {
    if (running_work || helper_count_ == 0) return false;
    std::unique_lock lock(mutex_, std::try_to_lock);
    if (!lock.owns_lock()) return false;
    start_helpers();
    const std::size_t seats = std::min(wanted, helper_count_);
    chunk_ = chunk;
    work_ = work;
    count_ = count;
    // Pieces of at least `grain`, about eight per thread: enough to even out uneven work, few
    // enough that cheap work is not lost to threads taking turns at the counter and its cache line.
    constexpr std::size_t pieces_per_thread = 8;
    grain_ = std::max(grain, (count + pieces_per_thread * (seats + 1) - 1) / (pieces_per_thread * (seats + 1)));
    next_.store(0, std::memory_order_relaxed);
    finished_.store(0, std::memory_order_relaxed);
    failed_.store(false, std::memory_order_relaxed);
    error_ = nullptr;
    seats_.store(seats, std::memory_order_release);  // publishes the call to helpers taking a seat
    generation_.fetch_add(1, std::memory_order_acq_rel);
    generation_.notify_all();
    take_part(0);
    const std::size_t taken = seats - seats_.exchange(0, std::memory_order_acq_rel);  // no seat after this
    for (std::size_t done = finished_.load(std::memory_order_acquire); done < taken;)
      done = wait_for_change(finished_, done);
    if (error_) std::rethrow_exception(error_);
    return true;
  }

 private:
  Pool() : helper_count_(usable_cores() - 1) {}

  void start_helpers() {
    if (!helpers_.empty()) return;
    helpers_.reserve(helper_count_);
    for (std::size_t slot = 1; slot <= helper_count_; ++slot) helpers_.emplace_back([this, slot] { serve(slot); });
  }

  void serve(std::size_t slot) {
    current_slot = slot;
    std::uint64_t seen = 0;
    for (;;) {
      seen = wait_for_change(generation_, seen);
      if (stopping_.load(std::memory_order_acquire)) return;
      if (!take_seat()) continue;
      take_part(slot);
      finished_.fetch_add(1, std::memory_order_acq_rel);
      finished_.notify_one();
    }
  }

  bool take_seat() {
    std::size_t free = seats_.load(std::memory_order_acquire);
    while (free > 0)
      if (seats_.compare_exchange_weak(free, free - 1, std::memory_order_acq_rel)) return true;
    return false;
  }

  // Takes pieces of the call until none is left (or one has thrown).
  void take_part(std::size_t slot) {
    current_slot = slot;
    running_work = true;
    while (!failed_.load(std::memory_order_relaxed)) {
      const std::size_t begin = next_.fetch_add(grain_, std::memory_order_relaxed);
      if (begin >= count_) break;
      try {
        chunk_(work_, begin, std::min(begin + grain_, count_));
      } catch (...) {
        const std::lock_guard guard(error_mutex_);
        if (!error_) error_ = std::current_exception();
        failed_.store(true, std::memory_order_relaxed);
      }
    }
    running_work = false;
  }

  const std::size_t helper_count_;
  std::vector<std::thread> helpers_;
  std::mutex mutex_;  // one call at a time
  std::atomic<std::uint64_t> generation_{0};
  std::atomic<bool> stopping_{false};
  std::atomic<std::size_t> seats_{0};
  std::atomic<std::size_t> next_{0};
  std::atomic<std::size_t> finished_{0};
  std::atomic<bool> failed_{false};
  std::mutex error_mutex_;
  std::exception_ptr error_;
  // The current call, written before its seats are published.
  ChunkWork chunk_ = nullptr;
  const void* work_ = nullptr;
  std::size_t count_ = 0;
  std::size_t grain_ = 1;
};

}  // namespace

bool run_on_helpers(std::size_t count, std::size_t grain, std::size_t helpers, ChunkWork chunk, const void* work) {
  return helpers > 0 && Pool::instance().run(count, grain, helpers, chunk, work);
}

std::size_t helper_count() { return Pool::instance().helper_count(); }

std::size_t thread_slot() { return current_slot; }

}  // namespace parley::detail
