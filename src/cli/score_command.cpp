// parley score FILE... [--model NAME|all] [--format table|json|csv|issues] [-o FILE]
// Each model's error against the observed outcomes of every issue that has one.
#include <memory>

#include "cli_support.hpp"
#include "commands.hpp"
#include "parley/registry.hpp"
#include "score_writers.hpp"

namespace parley::cli {

void add_score_command(CLI::App& app, int& exit_code) {
  struct Options {
    std::vector<std::string> files;
    ScenarioOptions reading;
    ModelOptions models;
    BootstrapOptions bootstrap;
    std::string format = "table";
    std::string output;
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand("score", "score the models against observed outcomes (MAE, RMSE, hit rate)");
  command->add_option("files", options->files, "scenario files with observed outcomes")->required();
  add_read_options(*command, options->reading);
  add_model_options(*command, options->models);
  add_format_option(*command, options->format, {"table", "json", "csv", "issues"});
  command->add_option("--bootstrap-draws", options->bootstrap.draws, "bootstrap draws for the MAE interval")
      ->capture_default_str();
  command->add_option("--bootstrap-seed", options->bootstrap.seed, "seed of the bootstrap")->capture_default_str();
  command->add_option("-o,--output", options->output, "write to this file (atomically) instead of standard output");
  command->callback([options, &exit_code] {
    std::vector<io::LoadedScenario> loaded;
    for (const auto& file : options->files) {
      ScenarioOptions reading = options->reading;
      reading.path = file;
      loaded.push_back(load(reading));
    }
    std::vector<const Scenario*> scenarios;
    for (const auto& l : loaded) scenarios.push_back(&l.scenario);
    const auto models = selected_models(options->models.model);
    std::vector<ScoredModel> scored;
    for (const Model* model : models)
      scored.push_back({model, parameters_for(*model, options->models, models.size() == 1)});
    const auto report = score_models(scenarios, scored, Registry::builtin(), options->bootstrap);
    if (options->format == "json") emit(io::render_score_json(report, options->bootstrap), options->output);
    else if (options->format == "csv") emit(io::render_score_csv(report), options->output);
    else if (options->format == "issues") emit(io::render_score_issues(report), options->output);
    else emit(io::render_score_table(report, options->bootstrap), options->output);
    exit_code = exit_ok;
  });
}

}  // namespace parley::cli
