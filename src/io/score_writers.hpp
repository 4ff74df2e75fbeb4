// Score reports as text: a table for people, JSON and CSV for programs.
#pragma once

#include <string>

#include "parley/scoring.hpp"

namespace parley::io {

// {"issues": n, "bootstrap": {...}, "models": [{"model", "n", "mae", "median_ae", "rmse", "hit10",
// "mae_ci": [lo, hi], "evaluation", ("weights")}]}
[[nodiscard]] std::string render_score_json(const ScoreReport& report, const BootstrapOptions& bootstrap);
[[nodiscard]] std::string render_score_table(const ScoreReport& report, const BootstrapOptions& bootstrap);
// model,n,mae,median_ae,rmse,hit10,mae_ci_low,mae_ci_high,evaluation
[[nodiscard]] std::string render_score_csv(const ScoreReport& report);
// issue,outcome,<model>,... : every scored issue's outcome and forecasts (0–100 scale)
[[nodiscard]] std::string render_score_issues(const ScoreReport& report);

}  // namespace parley::io
