// The expected-utility model on generated one-issue scenarios: one round (both passes and the
// decisions) and a whole 10-round run, with the exact (O(n³) per round) and the fast (O(n²))
// evaluation. Run: build/bench/parley_bench --benchmark_filter=Eum
#include <benchmark/benchmark.h>

#include "bench_support.hpp"
#include "eum/eum.hpp"
#include "parley/registry.hpp"

namespace {

parley::eum::Options options(parley::eum::Evaluation evaluation) {
  auto o = parley::eum::variant_options("scholz");
  o.evaluation = evaluation;
  return o;
}

void one_round(benchmark::State& state, parley::eum::Evaluation evaluation) {
  const auto scenario = parley::bench::generated(static_cast<std::size_t>(state.range(0)), 1, 42);
  const auto data = parley::issue_data(scenario, 0);
  for (auto _ : state) {
    parley::eum::Bargaining bargaining(data.positions, data.saliences, data.capabilities, 100.0,
                                       options(evaluation));
    benchmark::DoNotOptimize(bargaining.play_round());
  }
  state.SetComplexityN(state.range(0));
}

void ten_rounds(benchmark::State& state, const char* evaluation) {
  const auto scenario = parley::bench::generated(static_cast<std::size_t>(state.range(0)), 1, 42);
  const parley::Model& model = *parley::Registry::builtin().find("eum");
  const parley::Parameters parameters(model.info().parameters, {{"rounds", "10"}, {"evaluation", evaluation}});
  parley::RunOptions quiet;
  quiet.record_events = false;
  for (auto _ : state) benchmark::DoNotOptimize(model.run(scenario, parameters, quiet));
  state.SetComplexityN(state.range(0));
}

void BM_EumRoundExact(benchmark::State& state) { one_round(state, parley::eum::Evaluation::exact); }
void BM_EumRoundFast(benchmark::State& state) { one_round(state, parley::eum::Evaluation::fast); }
void BM_EumTenRoundsExact(benchmark::State& state) { ten_rounds(state, "exact"); }
void BM_EumTenRoundsFast(benchmark::State& state) { ten_rounds(state, "fast"); }

BENCHMARK(BM_EumRoundExact)->RangeMultiplier(10)->Range(10, 1000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EumRoundFast)->RangeMultiplier(10)->Range(10, 10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EumTenRoundsExact)->RangeMultiplier(10)->Range(10, 1000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EumTenRoundsFast)->RangeMultiplier(10)->Range(10, 10000)->Unit(benchmark::kMillisecond);

}  // namespace
