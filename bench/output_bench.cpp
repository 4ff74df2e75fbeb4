// Writing a forecast: the JSON of a run with every round and event recorded (what
// `parley forecast --format json` prints), apart from the model run itself.
#include <benchmark/benchmark.h>

#include <string>

#include "forecast_writers.hpp"
#include "parley/registry.hpp"
#include "readers.hpp"

namespace {

void render_forecast_json(benchmark::State& state, const char* name, const char* model) {
  const auto loaded = parley::io::load_scenario(std::string(PARLEY_SOURCE_DIR) + "/tests/data/exchange/" + name + ".csv");
  const parley::Model& chosen = *parley::Registry::builtin().find(model);
  const parley::Parameters parameters(chosen.info().parameters, {});
  const std::vector<parley::io::ModelRun> runs = {
      {model, parameters, chosen.run(loaded.scenario, parameters, {true, true})}};
  std::size_t bytes = 0;
  for (auto _ : state) {
    const std::string text = parley::io::render_json(loaded.scenario, runs);
    bytes = text.size();
    benchmark::DoNotOptimize(text.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}

}  // namespace

BENCHMARK_CAPTURE(render_forecast_json, cop21_exchange, "cop21", "exchange")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(render_forecast_json, sample_data_exchange, "sample_data", "exchange")
    ->Unit(benchmark::kMillisecond);
