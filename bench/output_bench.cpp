// Writing a forecast: the JSON of a run with every round and event recorded (what
// `parley forecast --format json` prints), apart from the model run itself.
#include <benchmark/benchmark.h>

#include <charconv>
#include <random>
#include <string>
#include <vector>

#include "forecast_writers.hpp"
#include "parley/number_text.hpp"
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

// The numbers of the models' sentences: positions on a 0-100 scale to 4 significant digits.
std::vector<double> sentence_numbers() {
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> scale(0.0, 100.0);
  std::vector<double> numbers(4096);
  for (double& x : numbers) x = scale(random);
  return numbers;
}

void BM_SentenceNumbers(benchmark::State& state) {
  const auto numbers = sentence_numbers();
  std::string text;
  for (auto _ : state) {
    text.clear();
    for (const double x : numbers) parley::append_general(text, x, 4);
    benchmark::DoNotOptimize(text.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * numbers.size()));
}

// The same text by std::to_chars alone, what append_general falls back to.
void BM_SentenceNumbersToChars(benchmark::State& state) {
  const auto numbers = sentence_numbers();
  std::string text;
  for (auto _ : state) {
    text.clear();
    for (const double x : numbers) {
      char buffer[32];
      text.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, x, std::chars_format::general, 4).ptr);
    }
    benchmark::DoNotOptimize(text.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * numbers.size()));
}

}  // namespace

BENCHMARK(BM_SentenceNumbers);
BENCHMARK(BM_SentenceNumbersToChars);
BENCHMARK_CAPTURE(render_forecast_json, cop21_exchange, "cop21", "exchange")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(render_forecast_json, sample_data_exchange, "sample_data", "exchange")
    ->Unit(benchmark::kMillisecond);
