#include <array>
#include <iostream>
#include <string_view>
#include <utility>

#include "commands.hpp"
#include "diagnostics.hpp"
#include "parley/parameters.hpp"

namespace {

using AddCommand = void (*)(CLI::App&, int&);
constexpr std::array<std::pair<std::string_view, AddCommand>, 7> commands = {{
    {"forecast", parley::cli::add_forecast_command},
    {"models", parley::cli::add_models_command},
    {"validate", parley::cli::add_validate_command},
    {"score", parley::cli::add_score_command},
    {"report", parley::cli::add_report_command},
    {"runs", parley::cli::add_runs_command},
    {"sensitivity", parley::cli::add_sensitivity_command},
}};

// The command named first on the line, alone when there is one: setting up every command's
// options is a tenth of a small forecast's work. Anything else (--help, a mistyped name) gets all.
void add_commands(CLI::App& app, int& exit_code, int argc, char** argv) {
  for (const auto& [name, add] : commands)
    if (argc > 1 && name == argv[1]) {
      add(app, exit_code);
      return;
    }
  for (const auto& command : commands) command.second(app, exit_code);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"parley: forecasts the outcome of multi-party negotiations"};
  app.set_version_flag("--version", std::string("parley ") + PARLEY_VERSION);
  app.require_subcommand(1);
  int exit_code = parley::cli::exit_ok;
  add_commands(app, exit_code, argc, argv);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? 0 : parley::cli::exit_bad_input;
  } catch (const parley::io::InputError& error) {
    for (const auto& d : error.diagnostics()) std::cerr << "error: " << parley::io::describe(d) << "\n";
    return parley::cli::exit_bad_input;
  } catch (const parley::ParameterError& error) {  // a value the model checks when it runs
    std::cerr << "error: " << error.what() << "\n";
    return parley::cli::exit_bad_input;
  } catch (const std::exception& error) {
    std::cerr << "error: " << error.what() << "\n";
    return parley::cli::exit_failure;
  }
  return exit_code;
}
