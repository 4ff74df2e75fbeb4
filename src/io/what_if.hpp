// What-ifs for the sensitivity command: inputs set to other values before the draws, given as
// `--set actor[.issue].field=value` or as a TOML file of [[set]] tables (docs/sensitivity.md).
#pragma once

#include <string>
#include <vector>

#include "diagnostics.hpp"
#include "parley/scenario.hpp"
#include "parley/sensitivity.hpp"

namespace parley::io {

// Each `actor[.issue].field=value`, resolved against the scenario. Throws InputError.
[[nodiscard]] std::vector<Override> parse_overrides(const Scenario& scenario, const std::vector<std::string>& assignments);

// [[set]] tables with keys actor, issue (optional), field, value. Throws InputError.
[[nodiscard]] std::vector<Override> read_what_if(const Scenario& scenario, const std::string& path);

}  // namespace parley::io
