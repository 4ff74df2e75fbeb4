// The parley command line: one file per subcommand, each a thin layer over the core and the
// readers and writers.
#pragma once

#include <CLI/CLI.hpp>

namespace parley::cli {

// Exit codes: 0 success, 1 a failure while running, 2 bad input or bad usage.
inline constexpr int exit_ok = 0;
inline constexpr int exit_failure = 1;
inline constexpr int exit_bad_input = 2;

// Each adds one subcommand that sets `exit_code` when it runs.
void add_forecast_command(CLI::App& app, int& exit_code);
void add_models_command(CLI::App& app, int& exit_code);
void add_validate_command(CLI::App& app, int& exit_code);
void add_score_command(CLI::App& app, int& exit_code);
void add_report_command(CLI::App& app, int& exit_code);
void add_runs_command(CLI::App& app, int& exit_code);
void add_sensitivity_command(CLI::App& app, int& exit_code);

}  // namespace parley::cli
