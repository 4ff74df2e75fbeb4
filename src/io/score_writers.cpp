#include "score_writers.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "forecast_writers.hpp"

namespace parley::io {
namespace {

std::string evaluation(const ModelScore& score) {
  if (!score.out_of_fold) return "as run";
  return score.weights.empty() ? "tuned out-of-fold (leave one proposal out)"
                               : "stacked out-of-fold (leave one proposal out)";
}

std::string settings(const Parameters& parameters) {
  std::string text;
  for (const auto& [name, value] : parameters.all()) text += (text.empty() ? "" : " ") + name + "=" + value;
  return text;
}

}  // namespace

std::string render_score_json(const ScoreReport& report, const BootstrapOptions& bootstrap) {
  nlohmann::ordered_json root;
  root["issues"] = report.issues.size();
  root["bootstrap"] = {{"draws", bootstrap.draws}, {"seed", bootstrap.seed}, {"level", bootstrap.level}};
  root["models"] = nlohmann::ordered_json::array();
  for (const auto& score : report.models) {
    const ErrorSummary& s = score.summary;
    nlohmann::ordered_json entry{{"model", score.model}, {"n", s.n},           {"mae", s.mae},
                                 {"median_ae", s.median_ae}, {"rmse", s.rmse}, {"hit10", s.hit10},
                                 {"mae_ci", {s.mae_interval[0], s.mae_interval[1]}},
                                 {"evaluation", evaluation(score)}};
    if (!score.weights.empty()) {
      nlohmann::ordered_json weights = nlohmann::ordered_json::object();
      for (const auto& [name, w] : score.weights) weights[name] = w;
      entry["weights"] = std::move(weights);
    }
    if (score.out_of_fold && score.weights.empty()) entry["chosen"] = score.chosen.all();
    root["models"].push_back(std::move(entry));
  }
  return root.dump(2) + "\n";
}

std::string render_score_table(const ScoreReport& report, const BootstrapOptions& bootstrap) {
  std::string text = fmt::format("{} issues with an observed outcome; errors on the 0-100 scale; MAE interval: {:.0f} % "
                                 "bootstrap over proposals ({} draws, seed {})\n\n",
                                 report.issues.size(), 100.0 * bootstrap.level, bootstrap.draws, bootstrap.seed);
  text += fmt::format("{:<22} {:>4} {:>7} {:>15} {:>9} {:>7} {:>6}\n", "model", "n", "MAE", "MAE interval",
                      "median AE", "RMSE", "hit10");
  for (const auto& score : report.models) {
    const ErrorSummary& s = score.summary;
    text += fmt::format("{:<22} {:>4} {:>7.2f} {:>15} {:>9.2f} {:>7.2f} {:>6.3f}{}\n", score.model, s.n, s.mae,
                        fmt::format("[{:.2f}, {:.2f}]", s.mae_interval[0], s.mae_interval[1]), s.median_ae, s.rmse,
                        s.hit10, score.out_of_fold ? "  *" : "");
  }
  for (const auto& score : report.models) {
    if (!score.out_of_fold) continue;
    if (score.weights.empty()) {
      text += fmt::format("\n* {}: out-of-fold, the setting with the lowest MAE without each held-out proposal. "
                          "Best on all issues: {}\n",
                          score.model, settings(score.chosen));
      continue;
    }
    text += fmt::format("\n* {}: out-of-fold, weights refitted without each held-out proposal. Weights on all issues:",
                        score.model);
    for (const auto& [name, w] : score.weights) text += fmt::format(" {}={:.3f}", name, w);
    text += "\n";
  }
  return text;
}

std::string render_score_csv(const ScoreReport& report) {
  std::string text = "model,n,mae,median_ae,rmse,hit10,mae_ci_low,mae_ci_high,evaluation\n";
  for (const auto& score : report.models) {
    const ErrorSummary& s = score.summary;
    text += fmt::format("{},{},{},{},{},{},{},{},{}\n", csv_field(score.model), s.n, s.mae, s.median_ae, s.rmse, s.hit10,
                        s.mae_interval[0], s.mae_interval[1], csv_field(evaluation(score)));
  }
  return text;
}

std::string render_score_issues(const ScoreReport& report) {
  std::string text = "issue,outcome";
  for (const auto& score : report.models) text += "," + csv_field(score.model);
  text += "\n";
  for (std::size_t k = 0; k < report.issues.size(); ++k) {
    text += csv_field(report.issues[k]) + fmt::format(",{}", report.outcomes[k]);
    for (const auto& score : report.models) text += fmt::format(",{}", score.forecasts[k]);
    text += "\n";
  }
  return text;
}

}  // namespace parley::io
