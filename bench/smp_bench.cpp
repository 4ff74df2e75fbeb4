// The spatial model of politics on generated scenarios: 10 to 1,000 actors, 1 and 3 dimensions,
// on one thread, and one turn on one and on two threads.
// One turn (the input state, one bargaining turn, the next state and its reading) and a full run
// to KTAB's stopping rule. Counter "turns": the turns a full run took.
#include <benchmark/benchmark.h>

#include <string>

#include "bench_support.hpp"
#include "parley/registry.hpp"

namespace {

void run_smp(benchmark::State& state, const parley::ParameterValues& given) {
  const auto actors = static_cast<std::size_t>(state.range(0));
  const auto dimensions = static_cast<std::size_t>(state.range(1));
  const auto scenario = parley::bench::generated(actors, dimensions, 42);
  const parley::Model& model = *parley::Registry::builtin().find("smp");
  const parley::Parameters parameters(model.info().parameters, given);
  const parley::RunOptions quiet{false, false};
  double turns = 0.0;
  for (auto _ : state) {
    const parley::Forecast forecast = model.run(scenario, parameters, quiet);
    turns = forecast.details.at("turns").get<double>();
    benchmark::DoNotOptimize(forecast);
  }
  state.counters["turns"] = turns;
}

// One thread, as in the earlier figures.
void BM_SmpOneTurn(benchmark::State& state) { run_smp(state, {{"rounds", "1"}, {"threads", "1"}}); }
void BM_SmpFullRun(benchmark::State& state) { run_smp(state, {{"threads", "1"}}); }
// Wall time of one turn on range(2) threads.
void BM_SmpOneTurnOnThreads(benchmark::State& state) {
  run_smp(state, {{"rounds", "1"}, {"threads", std::to_string(state.range(2))}});
}

BENCHMARK(BM_SmpOneTurn)
    ->ArgsProduct({{10, 50, 200, 1000}, {1, 3}})
    ->ArgNames({"actors", "dims"})
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SmpFullRun)
    ->ArgsProduct({{10, 50, 100, 200}, {1, 3}})
    ->ArgNames({"actors", "dims"})
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SmpOneTurnOnThreads)
    ->ArgsProduct({{200, 1000}, {1}, {1, 2}})
    ->ArgNames({"actors", "dims", "threads"})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
// A full run of 1,000 actors takes minutes: one iteration.
BENCHMARK(BM_SmpFullRun)->Args({1000, 1})->Args({1000, 3})->ArgNames({"actors", "dims"})->Iterations(1)->Unit(benchmark::kSecond);

}  // namespace
