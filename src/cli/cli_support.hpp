// Options and steps shared by the subcommands.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "forecast_writers.hpp"
#include "parley/model.hpp"
#include "readers.hpp"
#include "run_store.hpp"

namespace parley::cli {

struct ScenarioOptions {
  std::string path;
  std::string input_format = "auto";
  std::string capability = "file";

  [[nodiscard]] io::ReadOptions read_options() const { return {input_format, capability}; }
};

// The scenario argument; with `flagship_default` it may be left out for the flagship scenario.
void add_scenario_options(CLI::App& command, ScenarioOptions& options, bool flagship_default);
// Only --input-format and --capability, for commands that take several files.
void add_read_options(CLI::App& command, ScenarioOptions& options);
[[nodiscard]] io::LoadedScenario load(const ScenarioOptions& options);

// Model choice and parameters. Named options (--variant, --rounds, ...) go only to the models
// that declare a parameter of that name; with a single model an undeclared one is an error.
// Without `with_seed`, --seed is left to the command (the models' seed stays --param seed=S).
struct ModelOptions {
  std::string model = "all";
  std::vector<std::string> raw_parameters;   // name=value
  std::map<std::string, std::string> named;  // from --variant, --rounds, ...
};

void add_model_options(CLI::App& command, ModelOptions& options, bool with_seed = true);
// "eum", "eum,exchange" (in that order, each once) or "all"; a usage error names an unknown model.
[[nodiscard]] std::vector<const Model*> selected_models(const std::string& names);
// The same for options.model, and a usage error for a parameter that none of them declares (with
// one model, parameters_for names it): a mistyped name would otherwise change nothing, silently.
[[nodiscard]] std::vector<const Model*> selected_models(const ModelOptions& options);
[[nodiscard]] Parameters parameters_for(const Model& model, const ModelOptions& options, bool single_model);

// Runs every selected model on the scenario.
[[nodiscard]] std::vector<io::ModelRun> run_models(const Scenario& scenario, const ModelOptions& options,
                                                   const RunOptions& run_options);

// Writes to standard output, or atomically to `output` when it is not empty.
void emit(const std::string& text, const std::string& output);

// --store FILE: keep the run in a run store (docs/run-store.md).
void add_store_option(CLI::App& command, std::string& store);
// Records the run in the store at `store` (nothing when it is empty); says its id on stderr.
void record_in_store(const std::string& store, const std::string& command, const io::LoadedScenario& loaded,
                     const std::vector<io::ModelRun>& runs, std::vector<io::RunSummary> summaries = {});

// A whole number from `low` to `high`, written in digits only: CLI11 alone would read "-1" into
// an unsigned option as 2^64 - 1, and refuse 0 for a count with a range up to 1.8e308.
[[nodiscard]] CLI::Validator whole_number(std::uint64_t low, std::uint64_t high);

// -f/--format with the given choices.
void add_format_option(CLI::App& command, std::string& format, const std::vector<std::string>& choices);

}  // namespace parley::cli
