// parley report [SCENARIO] [-o report.html] [--model NAMES|all] [--sensitivity FILE] [--perspective ACTOR]
#include <fstream>
#include <memory>
#include <sstream>

#include "cli_support.hpp"
#include "commands.hpp"
#include "report_writer.hpp"

namespace parley::cli {
namespace {

nlohmann::json read_sensitivity(const std::string& path) {
  if (path.empty()) return nullptr;
  std::ifstream file(path, std::ios::binary);
  if (!file) throw CLI::ValidationError("--sensitivity", "cannot open " + path);
  std::ostringstream text;
  text << file.rdbuf();
  try {
    return nlohmann::json::parse(text.str());
  } catch (const nlohmann::json::parse_error& error) {
    throw CLI::ValidationError("--sensitivity", path + " is not JSON: " + error.what());
  }
}

// An actor the report would otherwise replace, silently, by the first one.
void check_perspective(const Scenario& scenario, const std::string& wanted) {
  if (wanted.empty()) return;
  for (const Actor& actor : scenario.actors)
    if (actor.id == wanted || actor.name == wanted) return;
  throw CLI::ValidationError("--perspective", "no actor '" + wanted + "' (id or name) in the scenario");
}

// The output of `parley sensitivity --format json` on this scenario: a file of another scenario,
// or of something else, would add no figure or the wrong ones without a word.
void check_sensitivity(const nlohmann::json& sensitivity, const std::string& path, const Scenario& scenario) {
  if (sensitivity.is_null()) return;
  const bool shaped = sensitivity.is_object() && sensitivity.contains("scenario") && sensitivity["scenario"].is_string() &&
                      (sensitivity.contains("issues") || sensitivity.contains("sensitivities"));
  if (!shaped) throw CLI::ValidationError("--sensitivity", path + " is not the output of `parley sensitivity --format json`");
  const auto name = sensitivity["scenario"].get<std::string>();
  if (name != scenario.name)
    throw CLI::ValidationError("--sensitivity", path + " analyses scenario '" + name + "', not '" + scenario.name + "'");
  if (io::sensitivity_rows(sensitivity).empty())
    throw CLI::ValidationError("--sensitivity", path + " holds no per-issue figures");
}

}  // namespace

void add_report_command(CLI::App& app, int& exit_code) {
  struct Options {
    ScenarioOptions scenario;
    ModelOptions models;
    std::string output;
    std::string sensitivity;
    std::string perspective;
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand("report", "write a self-contained HTML report with charts, per issue, of every model");
  add_scenario_options(*command, options->scenario, true);
  add_model_options(*command, options->models);
  command->add_option("-o,--output", options->output, "write to this file (atomically) instead of standard output");
  command->add_option("--sensitivity", options->sensitivity, "add the distributions of `parley sensitivity --format json` output");
  command->add_option("--perspective", options->perspective, "actor (id or name) whose EUM perspective is shown first");
  command->callback([options, &exit_code] {
    const auto loaded = load(options->scenario);
    const auto runs = run_models(loaded.scenario, options->models, RunOptions{});
    io::ReportOptions report;
    report.generator = std::string("parley ") + PARLEY_VERSION;
    check_perspective(loaded.scenario, options->perspective);
    report.perspective_actor = options->perspective;
    report.sensitivity = read_sensitivity(options->sensitivity);
    check_sensitivity(report.sensitivity, options->sensitivity, loaded.scenario);
    emit(io::render_report(loaded.scenario, runs, report), options->output);
    exit_code = exit_ok;
  });
}

}  // namespace parley::cli
