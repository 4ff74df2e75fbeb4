// The parley command line: each subcommand parses its options, calls the core and the writers.
#pragma once

#include <CLI/CLI.hpp>

namespace parley::cli {

// Exit codes: 0 success, 1 a failure while running, 2 bad input or bad usage.
inline constexpr int exit_ok = 0;
inline constexpr int exit_failure = 1;
inline constexpr int exit_bad_input = 2;

// Adds every subcommand to the app; each sets `exit_code` when it runs.
void add_commands(CLI::App& app, int& exit_code);

}  // namespace parley::cli
