// parley forecast [SCENARIO] [--model NAMES|all] [--format table|json|csv] [--trace] [-o FILE] [--store runs.db]
//                 [--table forecasts|rounds|events|event-values]
#include <memory>

#include "cli_support.hpp"
#include "commands.hpp"

namespace parley::cli {

void add_forecast_command(CLI::App& app, int& exit_code) {
  struct Options {
    ScenarioOptions scenario;
    ModelOptions models;
    std::string format = "table";
    std::string output;
    bool trace = false;
    std::string store;
    std::string table;
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand("forecast", "forecast each issue's outcome with one model or all");
  add_scenario_options(*command, options->scenario, true);
  add_model_options(*command, options->models);
  add_format_option(*command, options->format, {"table", "json", "csv"});
  command->add_flag("--trace", options->trace, "tell, round by round, what happened (dynamic models)");
  add_store_option(*command, options->store);
  command->add_option("--table", options->table, "write one tidy (long) table instead, as CSV (or JSON records with --format json)")
      ->check(CLI::IsMember(io::tidy_table_names()));
  command->add_option("-o,--output", options->output, "write to this file (atomically) instead of standard output");
  command->callback([options, &exit_code] {
    const auto loaded = load(options->scenario);
    RunOptions run_options;
    run_options.record_events = options->trace || options->format != "table" || !options->store.empty();
    const auto runs = run_models(loaded.scenario, options->models, run_options);
    record_in_store(options->store, "forecast", loaded, runs);
    if (!options->table.empty()) {
      const auto table = io::tidy_table(loaded.scenario, runs, options->table);
      emit(options->format == "json" ? io::render_json(table) : io::render_csv(table), options->output);
    } else if (options->format == "json") emit(io::render_json(loaded.scenario, runs), options->output);
    else if (options->format == "csv") emit(io::render_csv(loaded.scenario, runs), options->output);
    else emit(io::render_table(loaded.scenario, runs, options->trace), options->output);
    exit_code = exit_ok;
  });
}

}  // namespace parley::cli
