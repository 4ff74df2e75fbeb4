// What a parallel call costs parley's threads (include/parley/workers.hpp): small calls, as the
// exchange model makes after each realised exchange, against the same work in order.
#include <benchmark/benchmark.h>

#include <vector>

#include "parley/workers.hpp"

namespace {

void BM_WorkersCall(benchmark::State& state) {
  const parley::Workers workers(static_cast<std::size_t>(state.range(0)));
  std::vector<double> values(static_cast<std::size_t>(state.range(1)));
  for (auto _ : state) {
    workers.for_each_index(values.size(), 2, [&](std::size_t k) { values[k] += 1.0; });
    benchmark::DoNotOptimize(values.data());
  }
}

}  // namespace

// threads (1: in order on the caller; 0: all cores) × calls
BENCHMARK(BM_WorkersCall)->ArgsProduct({{1, 0}, {16, 256, 4096}})->UseRealTime();
