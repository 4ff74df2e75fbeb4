// The exchange model (equal gain, 10 rounds) on the reference data sets and on generated
// scenarios, in both arithmetics. decide-exchange-model needs 8.6 s for cop21, 10 rounds.
#include <benchmark/benchmark.h>

#include "bench_support.hpp"
#include "parley/registry.hpp"
#include "readers.hpp"

namespace {

const parley::Model& exchange_model() { return *parley::Registry::builtin().find("exchange"); }

void run(benchmark::State& state, const parley::Scenario& scenario, const char* arithmetic, const char* rule,
         const char* repetitions) {
  const parley::Parameters parameters(exchange_model().info().parameters,
                                      {{"arithmetic", arithmetic}, {"rule", rule}, {"repetitions", repetitions}});
  const parley::RunOptions forecast_only{false, false};
  for (auto _ : state) benchmark::DoNotOptimize(exchange_model().run(scenario, parameters, forecast_only));
}

void reference(benchmark::State& state, const char* name, const char* arithmetic) {
  const auto loaded =
      parley::io::load_scenario(std::string(PARLEY_SOURCE_DIR) + "/tests/data/exchange/" + name + ".csv");
  run(state, loaded.scenario, arithmetic, "equal-gain", "1");
}

void generated(benchmark::State& state, const char* arithmetic, const char* rule) {
  const auto scenario = parley::bench::generated(static_cast<std::size_t>(state.range(0)), 10, 42);
  run(state, scenario, arithmetic, rule, "1");
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

}  // namespace
