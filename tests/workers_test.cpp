// parley's own threads (include/parley/workers.hpp): every index once, whatever the thread count,
// nesting, concurrent callers and exceptions.
#include "parley/workers.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <numeric>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace parley {
namespace {

// How often work visited each index below count.
std::vector<int> visits(const Workers& workers, std::size_t count, std::size_t minimum) {
  std::vector<std::atomic<int>> seen(count);
  workers.for_each_index(count, minimum, [&](std::size_t k) { seen[k].fetch_add(1); });
  std::vector<int> result;
  for (const auto& s : seen) result.push_back(s.load());
  return result;
}

TEST(Workers, EveryIndexOnceForAnyThreadsAndSizes) {
  for (const std::size_t threads : {0, 1, 2, 3, 16})
    for (const std::size_t count : {0, 1, 2, 3, 7, 64, 1000, 100001})
      for (const std::size_t minimum : {1, 2, 100}) {
        const auto seen = visits(Workers(threads), count, minimum);
        EXPECT_EQ(std::count(seen.begin(), seen.end(), 1), static_cast<long>(count))
            << threads << " threads, " << count << " calls, minimum " << minimum;
      }
}

TEST(Workers, CallsFromInsideWorkRunInPlace) {
  const Workers workers(0);
  std::vector<std::atomic<int>> seen(50 * 40);
  workers.for_each_index(50, 2, [&](std::size_t outer) {
    workers.for_each_index(40, 2, [&](std::size_t inner) { seen[outer * 40 + inner].fetch_add(1); });
  });
  for (const auto& s : seen) EXPECT_EQ(s.load(), 1);
}

TEST(Workers, CallersOnSeveralThreadsAllFinish) {
  const Workers workers(0);
  std::vector<long> sums(4, 0);
  {
    std::vector<std::jthread> callers;
    for (std::size_t c = 0; c < sums.size(); ++c)
      callers.emplace_back([&, c] {
        for (int repeat = 0; repeat < 200; ++repeat) {
          std::vector<long> values(500);
          workers.for_each_index(values.size(), 2, [&](std::size_t k) { values[k] = static_cast<long>(k); });
          sums[c] += std::accumulate(values.begin(), values.end(), 0L);
        }
      });
  }
  for (const long sum : sums) EXPECT_EQ(sum, 200L * (499L * 500L / 2));
}

TEST(Workers, TheFirstExceptionReachesTheCallerAndTheThreadsCarryOn) {
  const Workers workers(0);
  EXPECT_THROW(workers.for_each_index(10000, 2,
                                      [](std::size_t k) {
                                        if (k % 1000 == 999) throw std::domain_error("index " + std::to_string(k));
                                      }),
               std::domain_error);
  const auto seen = visits(workers, 5000, 2);
  EXPECT_EQ(std::count(seen.begin(), seen.end(), 1), 5000);
}

TEST(PerThread, EachThreadFoldsIntoItsOwnAndTheFoldsAddUp) {
  PerThread<std::vector<long>> totals(std::vector<long>(3, 0));
  Workers(0).for_each_index(30000, 2, [&](std::size_t k) { totals.local()[k % 3] += static_cast<long>(k); });
  std::vector<long> merged(3, 0);
  int used = 0;
  totals.for_each([&](const std::vector<long>& local) {
    ++used;
    for (std::size_t r = 0; r < 3; ++r) merged[r] += local[r];
  });
  EXPECT_GE(used, 1);
  EXPECT_LE(used, static_cast<int>(detail::helper_count()) + 1);
  for (std::size_t r = 0; r < 3; ++r) {
    long expected = 0;
    for (long k = static_cast<long>(r); k < 30000; k += 3) expected += k;
    EXPECT_EQ(merged[r], expected) << r;
  }
}

}  // namespace
}  // namespace parley
