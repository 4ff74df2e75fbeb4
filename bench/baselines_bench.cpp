// Baseline models on generated one-issue scenarios of growing size.
#include <benchmark/benchmark.h>

#include "bench_support.hpp"
#include "parley/registry.hpp"

namespace {

void run_model(benchmark::State& state, const char* name) {
  const auto scenario = parley::bench::generated(static_cast<std::size_t>(state.range(0)), 1, 42);
  const parley::Model& model = *parley::Registry::builtin().find(name);
  const parley::Parameters parameters(model.info().parameters, {});
  for (auto _ : state) benchmark::DoNotOptimize(model.run(scenario, parameters, {}));
  state.SetComplexityN(state.range(0));
}

void BM_WeightedMean(benchmark::State& state) { run_model(state, "weighted-mean"); }
void BM_WeightedMedian(benchmark::State& state) { run_model(state, "weighted-median"); }
void BM_Nash(benchmark::State& state) { run_model(state, "nash"); }

BENCHMARK(BM_WeightedMean)->RangeMultiplier(10)->Range(10, 10000);
BENCHMARK(BM_WeightedMedian)->RangeMultiplier(10)->Range(10, 10000);
BENCHMARK(BM_Nash)->RangeMultiplier(10)->Range(10, 10000);

}  // namespace
