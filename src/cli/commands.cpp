#include "commands.hpp"

#include <fmt/format.h>

#include <iostream>
#include <map>
#include <memory>

#include "atomic_file.hpp"
#include "forecast_writers.hpp"
#include "parley/registry.hpp"
#include "readers.hpp"

namespace parley::cli {
namespace {

struct ScenarioOptions {
  std::string path;
  std::string input_format = "auto";
};

void add_scenario_options(CLI::App& command, ScenarioOptions& options, bool flagship_default) {
  auto* path = command.add_option("scenario", options.path,
                                  flagship_default ? "scenario file (default: the flagship scenario)" : "scenario file");
  if (flagship_default) options.path = PARLEY_DEFAULT_SCENARIO;
  else path->required();
  std::string formats;
  for (const auto& format : io::input_formats()) formats += " " + format.name;
  command.add_option("--input-format", options.input_format, "input format: auto (by extension and content)," + formats)
      ->capture_default_str();
}

io::LoadedScenario load(const ScenarioOptions& options) { return io::load_scenario(options.path, {options.input_format}); }

// Model options shared by forecast and the commands built on it. Options a model does not
// declare are passed only to the models that declare them.
struct ModelOptions {
  std::string model = "all";
  std::vector<std::string> raw_parameters;  // name=value
  std::map<std::string, std::string> named; // from --variant, --rounds, ...
};

void add_model_options(CLI::App& command, ModelOptions& options) {
  command.add_option("-m,--model", options.model, "model name (see `parley models`), or all")->capture_default_str();
  for (const char* name : {"variant", "rounds", "rule", "repetitions", "seed"}) {
    command.add_option_function<std::string>(
        std::string("--") + name, [&options, name](const std::string& value) { options.named[name] = value; },
        std::string("model parameter '") + name + "' (for the models that have it)");
  }
  command.add_option("-p,--param", options.raw_parameters, "model parameter as name=value (repeatable)");
}

bool declares(const Model& model, const std::string& name) {
  const auto& specs = model.info().parameters;
  return std::any_of(specs.begin(), specs.end(), [&](const ParameterSpec& s) { return s.name == name; });
}

std::vector<const Model*> selected_models(const std::string& name) {
  if (name == "all") return Registry::builtin().all();
  if (const Model* model = Registry::builtin().find(name)) return {model};
  std::string known;
  for (const Model* m : Registry::builtin().all()) known += " " + m->info().name;
  throw CLI::ValidationError("--model", "unknown model '" + name + "'; known:" + known + ", all");
}

Parameters parameters_for(const Model& model, const ModelOptions& options, bool single_model) {
  ParameterValues given;
  for (const auto& [name, value] : options.named) {
    if (declares(model, name)) given[name] = value;
    else if (single_model)
      throw CLI::ValidationError("--" + name, "model '" + model.info().name + "' has no parameter '" + name + "'");
  }
  for (const auto& assignment : options.raw_parameters) {
    const auto equals = assignment.find('=');
    if (equals == std::string::npos) throw CLI::ValidationError("--param", "'" + assignment + "' is not name=value");
    const std::string name = assignment.substr(0, equals);
    if (declares(model, name) || single_model) given[name] = assignment.substr(equals + 1);
  }
  try {
    return Parameters(model.info().parameters, given);
  } catch (const ParameterError& error) {
    throw CLI::ValidationError("--param", "model '" + model.info().name + "': " + error.what());
  }
}

void emit(const std::string& text, const std::string& output) {
  if (output.empty()) std::cout << text;
  else io::write_file_atomically(output, text);
}

void add_forecast(CLI::App& app, int& exit_code) {
  struct Options {
    ScenarioOptions scenario;
    ModelOptions models;
    std::string format = "table";
    std::string output;
    bool trace = false;
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand("forecast", "forecast each issue's outcome with one model or all");
  add_scenario_options(*command, options->scenario, true);
  add_model_options(*command, options->models);
  command->add_option("-f,--format", options->format, "output: table, json or csv")
      ->check(CLI::IsMember({"table", "json", "csv"}))
      ->capture_default_str();
  command->add_flag("--trace", options->trace, "tell, round by round, what happened (dynamic models)");
  command->add_option("-o,--output", options->output, "write to this file (atomically) instead of standard output");
  command->callback([options, &exit_code] {
    const auto loaded = load(options->scenario);
    const auto models = selected_models(options->models.model);
    std::vector<io::ModelRun> runs;
    for (const Model* model : models) {
      Parameters parameters = parameters_for(*model, options->models, models.size() == 1);
      RunOptions run_options;
      run_options.record_events = options->trace || options->format != "table";
      Forecast forecast = model->run(loaded.scenario, parameters, run_options);
      runs.push_back({model->info().name, std::move(parameters), std::move(forecast)});
    }
    if (options->format == "json") emit(io::render_json(loaded.scenario, runs), options->output);
    else if (options->format == "csv") emit(io::render_csv(loaded.scenario, runs), options->output);
    else emit(io::render_table(loaded.scenario, runs, options->trace), options->output);
    exit_code = exit_ok;
  });
}

void add_models(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand("models", "list the models with their parameters");
  command->callback([&exit_code] {
    for (const Model* model : Registry::builtin().all()) {
      const ModelInfo& info = model->info();
      std::cout << fmt::format("{:<16} {}\n", info.name, info.summary);
      for (const auto& p : info.parameters) {
        std::string choices;
        for (const auto& c : p.choices) choices += (choices.empty() ? " [" : "|") + c;
        if (!choices.empty()) choices += "]";
        std::cout << fmt::format("    {}={}{}  {}\n", p.name, p.default_value, choices, p.description);
      }
    }
    exit_code = exit_ok;
  });
}

void add_validate(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ScenarioOptions>();
  auto* command = app.add_subcommand("validate", "check a scenario file and list every problem found");
  add_scenario_options(*command, *options, false);
  command->callback([options, &exit_code] {
    const auto problems = io::check_scenario_file(options->path, {options->input_format});
    for (const auto& problem : problems) std::cout << "error: " << io::describe(problem) << "\n";
    if (!problems.empty()) {
      std::cout << fmt::format("{}: {} problem{}\n", options->path, problems.size(), problems.size() == 1 ? "" : "s");
      exit_code = exit_bad_input;
      return;
    }
    const auto loaded = load(*options);
    std::cout << fmt::format("{}: ok ({} format, {} actors, {} issues)\n", options->path, loaded.format,
                             loaded.scenario.actor_count(), loaded.scenario.issue_count());
    exit_code = exit_ok;
  });
}

}  // namespace

void add_commands(CLI::App& app, int& exit_code) {
  add_forecast(app, exit_code);
  add_models(app, exit_code);
  add_validate(app, exit_code);
}

}  // namespace parley::cli
