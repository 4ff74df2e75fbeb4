// Sensitivity results as text: a table for people, JSON for programs, long CSV for pandas and R.
// No thread or process count appears in any output: the output is the same for every split.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "parley/parameters.hpp"
#include "parley/scenario.hpp"
#include "parley/sensitivity.hpp"

namespace parley::io {

// What every model's analysis shares.
struct SensitivitySettings {
  std::size_t draws = 0;
  std::uint64_t seed = 0;
  NoiseSpec noise;
  std::vector<Override> what_if;
};

struct SensitivityRun {
  std::string model;
  Parameters parameters;
  SensitivitySummary summary;
};

// `scenario` is the analysed one (what-ifs applied). One run: its object; several:
// {"scenario", "draws", "seed", "noise", "what_if", "sensitivities": [...]}.
[[nodiscard]] std::string render_sensitivity_json(const Scenario& scenario, const SensitivitySettings& settings,
                                                  const std::vector<SensitivityRun>& runs);
// Per model, one row per issue: forecast, median, 5-95 % interval, the top drivers.
[[nodiscard]] std::string render_sensitivity_table(const Scenario& scenario, const SensitivitySettings& settings,
                                                   const std::vector<SensitivityRun>& runs);
// scenario,model,issue,statistic,actor,field,value: one row per statistic, driver, dropped actor.
[[nodiscard]] std::string render_sensitivity_csv(const Scenario& scenario, const std::vector<SensitivityRun>& runs);

}  // namespace parley::io
