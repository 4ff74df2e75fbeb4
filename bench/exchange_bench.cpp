// The exchange model (equal gain, 10 rounds) on the reference data sets and on generated
// scenarios, in both arithmetics, on one thread and on two. decide-exchange-model needs 8.6 s
// for cop21, 10 rounds (the figure; this machine measured 28-37 s).
#include <benchmark/benchmark.h>

#include <string>

#include "bench_support.hpp"
#include "parley/registry.hpp"
#include "readers.hpp"

namespace {

const parley::Model& exchange_model() { return *parley::Registry::builtin().find("exchange"); }

void run(benchmark::State& state, const parley::Scenario& scenario, const parley::ParameterValues& values) {
  const parley::Parameters parameters(exchange_model().info().parameters, values);
  const parley::RunOptions forecast_only{false, false};
  for (auto _ : state) benchmark::DoNotOptimize(exchange_model().run(scenario, parameters, forecast_only));
}

parley::Scenario reference_data(const char* name) {
  return parley::io::load_scenario(std::string(PARLEY_SOURCE_DIR) + "/tests/data/exchange/" + name + ".csv").scenario;
}

// One thread, as in earlier sessions' figures.
void reference(benchmark::State& state, const char* name, const char* arithmetic) {
  run(state, reference_data(name), {{"arithmetic", arithmetic}, {"threads", "1"}});
}

void generated(benchmark::State& state, const char* arithmetic, const char* rule) {
  const auto scenario = parley::bench::generated(static_cast<std::size_t>(state.range(0)), 10, 42);
  run(state, scenario, {{"arithmetic", arithmetic}, {"rule", rule}, {"repetitions", "1"}, {"threads", "1"}});
}

// Wall time on range(0) threads: a round's calculations and logs, or random-rate's repetitions,
// side by side.
void reference_on_threads(benchmark::State& state, const char* name, const char* rule) {
  run(state, reference_data(name),
      {{"rule", rule}, {"repetitions", "20"}, {"threads", std::to_string(state.range(0))}});
}

void generated_on_threads(benchmark::State& state) {
  const auto scenario = parley::bench::generated(100, 10, 42);
  run(state, scenario, {{"rounds", "3"}, {"threads", std::to_string(state.range(0))}});
}

BENCHMARK_CAPTURE(reference, sample_data_decimal, "sample_data", "decimal")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(reference, sample_data_double, "sample_data", "double")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(reference, cop21_decimal, "cop21", "decimal")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(reference, cop21_double, "cop21", "double")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(generated, equal_gain_decimal, "decimal", "equal-gain")
    ->Arg(10)->Arg(30)->Arg(100)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(generated, equal_gain_double, "double", "equal-gain")
    ->Arg(10)->Arg(30)->Arg(100)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(generated, random_rate_double, "double", "random-rate")->Arg(100)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(reference_on_threads, cop21_equal_gain, "cop21", "equal-gain")
    ->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(reference_on_threads, cop21_random_rate_20, "cop21", "random-rate")
    ->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(generated_on_threads)->Name("generated_100x10_3_rounds_on_threads")
    ->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace
