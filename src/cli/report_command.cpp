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
    report.perspective_actor = options->perspective;
    report.sensitivity = read_sensitivity(options->sensitivity);
    emit(io::render_report(loaded.scenario, runs, report), options->output);
    exit_code = exit_ok;
  });
}

}  // namespace parley::cli
