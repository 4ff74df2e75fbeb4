// parley validate SCENARIO: every problem in the file, each with its line and field.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "cli_support.hpp"
#include "commands.hpp"

namespace parley::cli {

void add_validate_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ScenarioOptions>();
  auto* command = app.add_subcommand("validate", "check a scenario file and list every problem found");
  add_scenario_options(*command, *options, false);
  command->callback([options, &exit_code] {
    const auto problems = io::check_scenario_file(options->path, options->read_options());
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

}  // namespace parley::cli
