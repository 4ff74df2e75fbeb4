// The expected-utility model on generated one-issue scenarios: one round (both passes and the
// decisions) and a whole 10-round run, with the exact (O(n³) per round) and the fast (O(n²))
// evaluation; the fast one on 1 thread and on all cores (threads:0). CPU time is the whole
// process's, the time is wall-clock. Run: build/bench/parley_bench --benchmark_filter=Eum
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>

#include "bench_support.hpp"
#include "eum/eum.hpp"
#include "parley/registry.hpp"

namespace {

parley::eum::Options options(parley::eum::Evaluation evaluation, std::int64_t threads) {
  auto o = parley::eum::variant_options("scholz");
  o.evaluation = evaluation;
  o.threads = static_cast<std::size_t>(threads);
  return o;
}

void one_round(benchmark::State& state, parley::eum::Evaluation evaluation) {
  const auto scenario = parley::bench::generated(static_cast<std::size_t>(state.range(0)), 1, 42);
  const auto data = parley::issue_data(scenario, 0);
  for (auto _ : state) {
    parley::eum::Bargaining bargaining(data.positions, data.saliences, data.capabilities, 100.0,
                                       options(evaluation, state.range(1)));
    benchmark::DoNotOptimize(bargaining.play_round());
  }
  state.SetComplexityN(state.range(0));
}

void ten_rounds(benchmark::State& state, const char* evaluation) {
  const auto scenario = parley::bench::generated(static_cast<std::size_t>(state.range(0)), 1, 42);
  const parley::Model& model = *parley::Registry::builtin().find("eum");
  const parley::Parameters parameters(
      model.info().parameters,
      {{"rounds", "10"}, {"evaluation", evaluation}, {"threads", std::to_string(state.range(1))}});
  parley::RunOptions quiet;
  quiet.record_events = false;
  for (auto _ : state) benchmark::DoNotOptimize(model.run(scenario, parameters, quiet));
  state.SetComplexityN(state.range(0));
}

void BM_EumRoundExact(benchmark::State& state) { one_round(state, parley::eum::Evaluation::exact); }
void BM_EumRoundFast(benchmark::State& state) { one_round(state, parley::eum::Evaluation::fast); }
void BM_EumTenRoundsExact(benchmark::State& state) { ten_rounds(state, "exact"); }
void BM_EumTenRoundsFast(benchmark::State& state) { ten_rounds(state, "fast"); }

// {actors, threads}; the exact evaluation runs on one thread whatever the setting.
void exact_sizes(benchmark::internal::Benchmark* b) {
  for (std::int64_t actors : {10, 100, 1000}) b->Args({actors, 1});
  b->ArgNames({"actors", "threads"})->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime();
}
void fast_sizes(benchmark::internal::Benchmark* b) {
  for (std::int64_t actors : {10, 100, 1000, 10000})
    for (std::int64_t threads : {1, 0}) b->Args({actors, threads});
  b->ArgNames({"actors", "threads"})->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime();
}

BENCHMARK(BM_EumRoundExact)->Apply(exact_sizes);
BENCHMARK(BM_EumRoundFast)->Apply(fast_sizes);
BENCHMARK(BM_EumTenRoundsExact)->Apply(exact_sizes);
BENCHMARK(BM_EumTenRoundsFast)->Apply(fast_sizes);

}  // namespace
