#include <iostream>

#include "commands.hpp"
#include "diagnostics.hpp"

int main(int argc, char** argv) {
  CLI::App app{"parley: forecasts the outcome of multi-party negotiations"};
  app.set_version_flag("--version", std::string("parley ") + PARLEY_VERSION);
  app.require_subcommand(1);
  int exit_code = parley::cli::exit_ok;
  parley::cli::add_forecast_command(app, exit_code);
  parley::cli::add_models_command(app, exit_code);
  parley::cli::add_validate_command(app, exit_code);
  parley::cli::add_score_command(app, exit_code);
  parley::cli::add_report_command(app, exit_code);
  parley::cli::add_runs_command(app, exit_code);
  parley::cli::add_sensitivity_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? 0 : parley::cli::exit_bad_input;
  } catch (const parley::io::InputError& error) {
    for (const auto& d : error.diagnostics()) std::cerr << "error: " << parley::io::describe(d) << "\n";
    return parley::cli::exit_bad_input;
  } catch (const std::exception& error) {
    std::cerr << "error: " << error.what() << "\n";
    return parley::cli::exit_failure;
  }
  return exit_code;
}
