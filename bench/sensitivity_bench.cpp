// Sensitivity analysis: one draw's perturbation, one quiet model run on the flagship scenario, and
// the whole analysis (draws + summary) per model, on the flagship and on generated scenarios.
#include <benchmark/benchmark.h>

#include "bench_support.hpp"
#include "parley/registry.hpp"
#include "parley/sensitivity.hpp"
#include "readers.hpp"

namespace {

using namespace parley;

const Scenario& flagship() {
  static const Scenario scenario =
      io::load_scenario(std::string(PARLEY_SOURCE_DIR) + "/scenarios/ukraine-2025.toml").scenario;
  return scenario;
}

void BM_PerturbFlagship(benchmark::State& state) {
  Scenario target = flagship();
  std::uint64_t draw = 0;
  for (auto _ : state) {
    perturb(flagship(), target, NoiseSpec::defaults(), 7, draw++);
    benchmark::DoNotOptimize(target);
  }
}
BENCHMARK(BM_PerturbFlagship);

void BM_QuietRunFlagship(benchmark::State& state, const Model* model) {
  const Parameters parameters(model->info().parameters, {});
  const RunOptions quiet{.record_rounds = false, .record_events = false};
  for (auto _ : state) benchmark::DoNotOptimize(model->run(flagship(), parameters, quiet));
}

// Draws and summary, as `parley sensitivity --model NAME --draws N --threads 1` computes them.
void analyse(benchmark::State& state, const Scenario& scenario, const Model* model) {
  const Parameters parameters(model->info().parameters, {});
  const std::size_t draws = static_cast<std::size_t>(state.range(0));
  DrawOptions options;
  options.seed = 7;
  for (auto _ : state) {
    const ModelSetup setup{model, &parameters};
    const auto forecasts = run_draws(scenario, {&setup, 1}, options, {0, draws});
    benchmark::DoNotOptimize(summarise(scenario, *model, parameters, {}, forecasts));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}

void BM_SensitivityFlagship(benchmark::State& state, const Model* model) { analyse(state, flagship(), model); }

void BM_SensitivityGenerated(benchmark::State& state, const Model* model) {
  analyse(state, bench::generated(static_cast<std::size_t>(state.range(1)), 4, 42), model);
}

// Every registered model, so models added later are measured too.
const bool registered = [] {
  for (const Model* model : Registry::builtin().all()) {
    const std::string& name = model->info().name;
    benchmark::RegisterBenchmark(("BM_QuietRunFlagship/" + name).c_str(), BM_QuietRunFlagship, model);
    benchmark::RegisterBenchmark(("BM_SensitivityFlagship/" + name).c_str(), BM_SensitivityFlagship, model)
        ->Arg(10000)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("BM_SensitivityGenerated/" + name).c_str(), BM_SensitivityGenerated, model)
        ->Args({100, 100})
        ->Args({10, 1000})
        ->Unit(benchmark::kMillisecond);
  }
  return true;
}();

}  // namespace
