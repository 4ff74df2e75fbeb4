#include "cli_support.hpp"

#include <algorithm>
#include <charconv>
#include <iostream>
#include <string>

#include "atomic_file.hpp"
#include "csv.hpp"
#include "parley/registry.hpp"

namespace parley::cli {

void add_scenario_options(CLI::App& command, ScenarioOptions& options, bool flagship_default) {
  auto* path = command.add_option("scenario", options.path,
                                  flagship_default ? "scenario file (default: the flagship scenario)" : "scenario file");
  if (flagship_default) options.path = PARLEY_DEFAULT_SCENARIO;
  else path->required();
  add_read_options(command, options);
}

void add_read_options(CLI::App& command, ScenarioOptions& options) {
  std::string formats;
  for (const auto& format : io::input_formats()) formats += " " + format.name;
  command.add_option("--input-format", options.input_format, "input format: auto (by extension and content)," + formats)
      ->capture_default_str();
  command.add_option("--capability", options.capability,
                     "capabilities: file (as given), gdp (the GDP row of a DEU table), equal (all 1)")
      ->check(CLI::IsMember(io::capability_choices()))
      ->capture_default_str();
}

io::LoadedScenario load(const ScenarioOptions& options) { return io::load_scenario(options.path, options.read_options()); }

void add_model_options(CLI::App& command, ModelOptions& options, bool with_seed) {
  command.add_option("-m,--model", options.model, "model name (see `parley models`), several separated by commas, or all")
      ->capture_default_str();
  for (const char* name : {"variant", "rounds", "rule", "repetitions", "seed"}) {
    if (!with_seed && std::string_view(name) == "seed") continue;
    command.add_option_function<std::string>(
        std::string("--") + name, [&options, name](const std::string& value) { options.named[name] = value; },
        std::string("model parameter '") + name + "' (for the models that have it)");
  }
  command.add_option("-p,--param", options.raw_parameters, "model parameter as name=value (repeatable)");
}

namespace {
bool declares(const Model& model, const std::string& name) {
  const auto& specs = model.info().parameters;
  return std::any_of(specs.begin(), specs.end(), [&](const ParameterSpec& s) { return s.name == name; });
}
}  // namespace

std::vector<const Model*> selected_models(const std::string& names) {
  std::vector<const Model*> models;
  const auto add = [&models](const Model* model) {
    if (std::find(models.begin(), models.end(), model) == models.end()) models.push_back(model);
  };
  for (std::size_t start = 0; start <= names.size();) {
    const std::size_t comma = std::min(names.find(',', start), names.size());
    const std::string name = names.substr(start, comma - start);
    start = comma + 1;
    if (name == "all") {
      for (const Model* model : Registry::builtin().all()) add(model);
    } else if (const Model* model = Registry::builtin().find(name)) {
      add(model);
    } else {
      std::string known;
      for (const Model* m : Registry::builtin().all()) known += " " + m->info().name;
      throw CLI::ValidationError("--model", "unknown model '" + name + "'; known:" + known + ", all");
    }
  }
  return models;
}

std::vector<const Model*> selected_models(const ModelOptions& options) {
  auto models = selected_models(options.model);
  if (models.size() < 2) return models;
  const auto declared_by_any = [&models](const std::string& name) {
    return std::any_of(models.begin(), models.end(), [&name](const Model* model) { return declares(*model, name); });
  };
  for (const auto& [name, value] : options.named)
    if (!declared_by_any(name)) throw CLI::ValidationError("--" + name, "none of the models has a parameter '" + name + "'");
  for (const auto& assignment : options.raw_parameters) {
    const std::string name = assignment.substr(0, assignment.find('='));
    if (!declared_by_any(name)) throw CLI::ValidationError("--param", "none of the models has a parameter '" + name + "'");
  }
  return models;
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

std::vector<io::ModelRun> run_models(const Scenario& scenario, const ModelOptions& options,
                                     const RunOptions& run_options) {
  const auto models = selected_models(options);
  std::vector<io::ModelRun> runs;
  for (const Model* model : models) {
    Parameters parameters = parameters_for(*model, options, models.size() == 1);
    Forecast forecast = model->run(scenario, parameters, run_options);
    runs.push_back({model->info().name, std::move(parameters), std::move(forecast)});
  }
  return runs;
}

void emit(const std::string& text, const std::string& output) {
  if (output.empty()) std::cout << text;
  else io::write_file_atomically(output, text);
}

void add_store_option(CLI::App& command, std::string& store) {
  command.add_option("--store", store, "record the run in this run store (SQLite; created when absent)");
}

void record_in_store(const std::string& store, const std::string& command, const io::LoadedScenario& loaded,
                     const std::vector<io::ModelRun>& runs, std::vector<io::RunSummary> summaries) {
  if (store.empty()) return;
  io::RunRecord record{command, PARLEY_VERSION, loaded.file, io::read_file(loaded.file), &loaded.scenario, &runs,
                       std::move(summaries)};
  const auto id = io::record_run(store, record);
  std::cerr << "recorded as run " << id << " in " << store << "\n";
}

CLI::Validator whole_number(std::uint64_t low, std::uint64_t high) {
  const std::string range = std::to_string(low) + " to " + std::to_string(high);
  return CLI::Validator(
      [low, high, range](std::string& text) -> std::string {
        // from_chars into an unsigned type takes digits only (no sign, space or exponent) and
        // reports a value beyond 2^64 - 1 as out of range.
        std::uint64_t number = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
        if (text.empty() || error != std::errc{} || end != text.data() + text.size() || number < low || number > high)
          return "'" + text + "' is not a whole number from " + range;
        return "";
      },
      "whole number from " + range);
}

void add_format_option(CLI::App& command, std::string& format, const std::vector<std::string>& choices) {
  std::string listed;
  for (const auto& choice : choices) listed += (listed.empty() ? "" : ", ") + choice;
  command.add_option("-f,--format", format, "output format: " + listed)->check(CLI::IsMember(choices))->capture_default_str();
}

}  // namespace parley::cli
