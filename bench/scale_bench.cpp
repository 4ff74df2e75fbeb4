// Every registered model at 10, 100, 1,000 and 10,000 actors on a generated two-issue scenario
// (two, so the exchange model has a pair of issues to trade over): one whole run with the
// model's defaults, and, for the models that play rounds (a "rounds" parameter), one round.
// Wall time on the default threads (all cores); CPU time is the process's.
//
// A size whose run would take too long is skipped with its estimate rather than run: the time
// per run at the two sizes below it gives the growth of one tenfold step, which is assumed to
// repeat. Run: build/bench/parley_bench --benchmark_filter=BM_Scale
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "bench_support.hpp"
#include "parley/registry.hpp"

namespace {

using namespace parley;

constexpr std::int64_t smallest_size = 10;
constexpr std::int64_t largest_size = 10'000;
constexpr double budget_seconds = 30.0;  // the longest single run the bench will start

// Seconds per run measured in this process, by model, mode and actor count.
std::map<std::tuple<std::string, bool, std::int64_t>, double>& measured() {
  static std::map<std::tuple<std::string, bool, std::int64_t>, double> seconds;
  return seconds;
}

// A run at `actors` extrapolated from the two sizes below it, or 0 when they were not measured
// here (e.g. filtered out): then nothing is known and the size runs.
double estimated_seconds(const std::string& model, bool one_round, std::int64_t actors) {
  const auto& seconds = measured();
  const auto below = seconds.find({model, one_round, actors / 10});
  const auto two_below = seconds.find({model, one_round, actors / 100});
  if (below == seconds.end() || two_below == seconds.end() || two_below->second <= 0.0) return 0.0;
  return below->second * (below->second / two_below->second);
}

void BM_Scale(benchmark::State& state, const Model* model, bool one_round) {
  const std::int64_t actors = state.range(0);
  const std::string& name = model->info().name;
  const double estimate = estimated_seconds(name, one_round, actors);
  if (estimate > budget_seconds) {
    state.SkipWithError(("not run: about " + std::to_string(static_cast<long>(estimate)) +
                         " s per run, extrapolated from the two smaller sizes")
                            .c_str());
    return;
  }
  const Scenario scenario = bench::generated(static_cast<std::size_t>(actors), 2, 42);
  ParameterValues given;
  if (one_round) given["rounds"] = "1";
  const Parameters parameters(model->info().parameters, given);
  const RunOptions quiet{.record_rounds = false, .record_events = false};
  const auto start = std::chrono::steady_clock::now();
  for (auto _ : state) benchmark::DoNotOptimize(model->run(scenario, parameters, quiet));
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  measured()[{name, one_round, actors}] = elapsed.count() / static_cast<double>(state.iterations());
  state.SetComplexityN(actors);
}

bool plays_rounds(const Model& model) {
  for (const ParameterSpec& spec : model.info().parameters)
    if (spec.name == "rounds") return true;
  return false;
}

// Registered in increasing size, which is the order Google Benchmark runs them in, so each size
// finds its two predecessors measured.
const bool registered = [] {
  for (const Model* model : Registry::builtin().all()) {
    std::vector<bool> modes = {false};
    if (plays_rounds(*model)) modes.push_back(true);
    for (const bool one_round : modes) {
      const std::string label = "BM_Scale/" + model->info().name + (one_round ? "/one_round" : "/run");
      auto* b = benchmark::RegisterBenchmark(label.c_str(), BM_Scale, model, one_round);
      for (std::int64_t actors = smallest_size; actors <= largest_size; actors *= 10) b->Arg(actors);
      b->ArgName("actors")->Unit(benchmark::kMicrosecond)->MeasureProcessCPUTime()->UseRealTime();
    }
  }
  return true;
}();

}  // namespace
