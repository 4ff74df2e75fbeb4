// parley sensitivity [SCENARIO] [--model NAMES|all] [--draws N] [--noise SPEC] [--seed S]
//   [--threads T] [--drop-actors] [--what-if FILE] [--set actor[.issue].field=value]...
//   [--format table|json|csv] [-o FILE]
// Under `mpirun -np K` (when built with MPI) the draws are split across the processes and rank 0
// writes the result, identical to a one-process run.
#include <cstdint>
#include <iostream>
#include <limits>
#include <memory>
#include <thread>

#include "cli_support.hpp"
#include "commands.hpp"
#include "parley/sensitivity.hpp"
#include "parley/validate.hpp"
#include "processes.hpp"
#include "progress.hpp"
#include "sensitivity_writers.hpp"
#include "what_if.hpp"

namespace parley::cli {
namespace {

// Each draw keeps one forecast per model and issue until the summary: 10 million draws of the
// flagship's eleven models take about 5 GB.
constexpr std::uint64_t max_draws = 10'000'000;
constexpr std::uint64_t max_threads = 1024;

struct Options {
  ScenarioOptions scenario;
  ModelOptions models;
  std::size_t draws = 10000;
  std::string noise;
  std::uint64_t seed = 1;
  std::size_t threads = 0;  // 0: this machine's cores, shared among its processes
  bool drop_actors = false;
  std::string what_if_file;
  std::vector<std::string> assignments;
  std::string format = "table";
  std::string output;
};

// The analysed scenario: the loaded one with the what-ifs applied, checked again.
Scenario analysed_scenario(const Scenario& loaded, const std::vector<Override>& what_if) {
  Scenario scenario = apply_overrides(loaded, what_if);
  const auto problems = validate(scenario);
  if (!problems.empty()) throw CLI::ValidationError("--set", "the what-if makes the scenario invalid: " + problems.front().message);
  return scenario;
}

std::vector<Override> what_if_of(const Scenario& scenario, const Options& options) {
  std::vector<Override> what_if;
  if (!options.what_if_file.empty()) what_if = io::read_what_if(scenario, options.what_if_file);
  const auto set = io::parse_overrides(scenario, options.assignments);
  what_if.insert(what_if.end(), set.begin(), set.end());
  return what_if;
}

std::size_t thread_count(const Options& options, const Processes& processes) {
  if (options.threads > 0) return options.threads;
  const std::size_t cores = std::max(1U, std::thread::hardware_concurrency());
  return std::max<std::size_t>(1, cores / processes.local_count());
}

std::string render(const Scenario& scenario, const io::SensitivitySettings& settings,
                   const std::vector<io::SensitivityRun>& runs, const std::string& format) {
  if (format == "json") return io::render_sensitivity_json(scenario, settings, runs);
  if (format == "csv") return io::render_sensitivity_csv(scenario, runs);
  return io::render_sensitivity_table(scenario, settings, runs);
}

void run(const Options& options) {
  const auto loaded = load(options.scenario);
  io::SensitivitySettings settings;
  settings.draws = options.draws;
  settings.seed = options.seed;
  try {
    settings.noise = parse_noise_spec(options.noise);
    settings.what_if = what_if_of(loaded.scenario, options);
  } catch (const SpecError& error) {
    throw CLI::ValidationError("sensitivity", error.what());
  }
  const Scenario scenario = [&] {
    try {
      return analysed_scenario(loaded.scenario, settings.what_if);
    } catch (const SpecError& error) {
      throw CLI::ValidationError("--set", error.what());
    }
  }();
  const auto models = selected_models(options.models);
  std::vector<Parameters> parameters;
  for (const Model* model : models) parameters.push_back(parameters_for(*model, options.models, models.size() == 1));

  const Processes processes;
  try {
    const DrawRange range = split_draws(options.draws, processes.rank(), processes.count());
    std::atomic<std::size_t> completed{0};
    const DrawOptions draw_options{settings.noise, settings.seed, thread_count(options, processes), &completed};
    std::vector<ModelSetup> setups;
    for (std::size_t m = 0; m < models.size(); ++m) setups.push_back({models[m], &parameters[m]});
    std::vector<double> forecasts;
    {
      const ProgressBar bar(completed, range.size(), processes.leader() && ProgressBar::wanted(!options.output.empty()),
                            "draws");
      forecasts = processes.gather(run_draws(scenario, setups, draw_options, range));
    }
    // The drivers' and dropped actors' reruns, shared by the processes like the draws.
    std::atomic<std::size_t> reruns_done{0};
    const SummaryOptions summary_options{settings.noise, options.drop_actors, draw_options.threads, &reruns_done};
    const std::size_t reruns = summary_reruns(scenario.actor_count(), summary_options);
    const DrawRange my_reruns = split_draws(reruns, processes.rank(), processes.count());
    std::vector<std::vector<double>> rerun_forecasts;
    {
      const ProgressBar bar(reruns_done, models.size() * my_reruns.size(),
                            processes.leader() && ProgressBar::wanted(!options.output.empty()), "reruns");
      for (std::size_t m = 0; m < models.size(); ++m)
        rerun_forecasts.push_back(
            processes.gather(run_reruns(scenario, *models[m], parameters[m], summary_options, my_reruns)));
    }
    std::vector<io::SensitivityRun> runs;
    if (processes.leader()) {
      for (std::size_t m = 0; m < models.size(); ++m) {
        const auto mine = model_forecasts(forecasts, m, models.size(), scenario.issue_count());
        runs.push_back({models[m]->info().name, parameters[m],
                        summarise(scenario, *models[m], parameters[m], summary_options, mine, rerun_forecasts[m])});
      }
    }
    if (processes.leader()) emit(render(scenario, settings, runs, options.format), options.output);
  } catch (const std::exception& error) {
    if (processes.count() == 1) throw;
    std::cerr << "error (process " << processes.rank() << "): " << error.what() << "\n";
    processes.abort(exit_failure);
  }
}

}  // namespace

void add_sensitivity_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand(
      "sensitivity", "perturb the inputs many times and report each forecast's spread and what drives it");
  add_scenario_options(*command, options->scenario, true);
  add_model_options(*command, options->models, false);
  command->add_option("-n,--draws", options->draws, "number of perturbed runs")->capture_default_str()->check(whole_number(1, max_draws));
  command->add_option("--noise", options->noise,
                      "noise per field, e.g. position=rel:normal:0.05,salience=abs:uniform:0.1 (default: " +
                          describe(NoiseSpec::defaults()) + ")");
  command->add_option("--seed", options->seed, "seed of the draws' random streams")
      ->capture_default_str()
      ->check(whole_number(0, std::numeric_limits<std::uint64_t>::max()));
  command->add_option("-t,--threads", options->threads, "threads per process (default: all cores)")
      ->check(whole_number(0, max_threads));
  command->add_flag("--drop-actors", options->drop_actors, "also forecast each issue with each actor left out");
  command->add_option("--what-if", options->what_if_file, "TOML file of [[set]] overrides applied before the draws")
      ->check(CLI::ExistingFile);
  command->add_option("--set", options->assignments, "override actor[.issue].field=value (repeatable)");
  add_format_option(*command, options->format, {"table", "json", "csv"});
  command->add_option("-o,--output", options->output, "write to this file (atomically) instead of standard output");
  command->callback([options, &exit_code] {
    run(*options);
    exit_code = exit_ok;
  });
}

}  // namespace parley::cli
