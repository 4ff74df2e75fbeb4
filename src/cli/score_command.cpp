// parley score FILE... [--model NAMES|all] [--format table|json|csv|issues] [-o FILE]
// Each model's error against the observed outcomes of every issue that has one.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <string_view>

#include "cli_support.hpp"
#include "commands.hpp"
#include "parley/registry.hpp"
#include "parley/text_split.hpp"
#include "score_writers.hpp"

namespace parley::cli {
namespace {

constexpr std::uint64_t max_bootstrap_draws = 1'000'000;

// Every combination of the listed values, each over the given parameters.
std::vector<Parameters> tuning_candidates(const Model& model, const Parameters& base,
                                          const std::vector<std::string>& tune) {
  std::vector<ParameterValues> settings{base.all()};
  for (const auto& spec : tune) {
    const auto equals = spec.find('=');
    if (equals == std::string::npos) throw CLI::ValidationError("--tune", "'" + spec + "' is not name=v1,v2,...");
    const std::string name = spec.substr(0, equals);
    const auto values = split(std::string_view(spec).substr(equals + 1), ',');
    // "rounds=" would tune over nothing and quietly score the defaults; "1,,2" has a hole.
    if (std::any_of(values.begin(), values.end(), [](std::string_view value) { return value.empty(); }))
      throw CLI::ValidationError("--tune", "'" + spec + "' lists an empty value (name=v1,v2,...)");
    std::vector<ParameterValues> extended;
    for (const std::string_view value : values)
      for (ParameterValues setting : settings) {
        setting[name] = std::string(value);
        extended.push_back(std::move(setting));
      }
    settings = std::move(extended);
  }
  std::vector<Parameters> candidates;
  try {
    for (const auto& setting : settings) candidates.emplace_back(model.info().parameters, setting);
  } catch (const ParameterError& error) {
    throw CLI::ValidationError("--tune", error.what());
  }
  return candidates;
}

// Without a single observed outcome every error would be an empty mean, printed as 0.
void require_outcomes(const std::vector<io::LoadedScenario>& loaded) {
  for (const auto& l : loaded)
    for (const Issue& issue : l.scenario.issues)
      if (issue.outcome) return;
  std::vector<io::Diagnostic> problems;
  for (const auto& l : loaded)
    problems.push_back({l.file, 0, "outcome", "no issue has an observed outcome, so there is nothing to score"});
  throw io::InputError(std::move(problems));
}

}  // namespace

void add_score_command(CLI::App& app, int& exit_code) {
  struct Options {
    std::vector<std::string> files;
    ScenarioOptions reading;
    ModelOptions models;
    BootstrapOptions bootstrap;
    std::vector<std::string> tune;  // name=v1,v2,...
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
      ->capture_default_str()
      ->check(whole_number(1, max_bootstrap_draws));
  command->add_option("--bootstrap-seed", options->bootstrap.seed, "seed of the bootstrap")
      ->capture_default_str()
      ->check(whole_number(0, std::numeric_limits<std::uint64_t>::max()));
  command->add_option("--tune", options->tune,
                      "name=v1,v2,...: tune this parameter of the one --model out-of-fold by proposal (repeatable: "
                      "every combination)");
  command->add_option("-o,--output", options->output, "write to this file (atomically) instead of standard output");
  command->callback([options, &exit_code] {
    std::vector<io::LoadedScenario> loaded;
    for (const auto& file : options->files) {
      ScenarioOptions reading = options->reading;
      reading.path = file;
      loaded.push_back(load(reading));
    }
    require_outcomes(loaded);
    std::vector<const Scenario*> scenarios;
    for (const auto& l : loaded) scenarios.push_back(&l.scenario);
    const auto models = selected_models(options->models);
    std::vector<ScoredModel> scored;
    for (const Model* model : models)
      scored.push_back({model, parameters_for(*model, options->models, models.size() == 1)});
    if (!options->tune.empty()) {
      if (models.size() != 1) throw CLI::ValidationError("--tune", "tune one model at a time: name it with --model");
      scored.front().candidates = tuning_candidates(*models.front(), scored.front().parameters, options->tune);
    }
    const auto report = score_models(scenarios, scored, Registry::builtin(), options->bootstrap);
    if (options->format == "json") emit(io::render_score_json(report, options->bootstrap), options->output);
    else if (options->format == "csv") emit(io::render_score_csv(report), options->output);
    else if (options->format == "issues") emit(io::render_score_issues(report), options->output);
    else emit(io::render_score_table(report, options->bootstrap), options->output);
    exit_code = exit_ok;
  });
}

}  // namespace parley::cli
