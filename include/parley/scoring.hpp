// Scoring forecasts against observed outcomes, and the fitting behind the stacked ensemble.
// Pure computation: no I/O.
//
// Errors are on the 0–100 scale: an issue's error is rescaled by 100 / (scale max − scale min),
// so issues measured on different scales weigh alike. Issues are resampled and held out by
// cluster (an issue's group, e.g. its legislative proposal): issues of one proposal are not
// independent, so they are never split between fit and test, and the bootstrap draws whole
// proposals.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "parley/model.hpp"
#include "parley/registry.hpp"
#include "parley/scenario.hpp"

namespace parley {

// A forecast within this distance of the outcome (0–100 scale) is a hit.
inline constexpr double hit_tolerance = 10.0;

// The value as a percentage of the issue's scale: 100 (v − min) / (max − min).
[[nodiscard]] double to_percent_scale(double value, const Issue& issue);

struct BootstrapOptions {
  std::size_t draws = 2000;
  std::uint64_t seed = 1;
  double level = 0.95;
};

struct ErrorSummary {
  std::size_t n = 0;
  double mae = 0.0;        // mean absolute error
  double median_ae = 0.0;  // median absolute error (mean of the middle two for even n)
  double rmse = 0.0;       // root mean squared error
  double hit10 = 0.0;      // share of issues with |error| ≤ hit_tolerance
  std::array<double, 2> mae_interval{0.0, 0.0};  // bootstrap percentile interval of the MAE
};

// Cluster index per issue: issues sharing a non-empty group share a cluster, numbered by first
// appearance; an issue without a group is a cluster of its own.
[[nodiscard]] std::vector<std::size_t> clusters_of(std::span<const std::string> groups);

// The summary of absolute errors (one per issue, with its cluster). No errors: n = 0, all zero.
[[nodiscard]] ErrorSummary summarise_errors(std::span<const double> absolute_errors,
                                            std::span<const std::size_t> clusters, const BootstrapOptions& options);

// Percentile interval of the MAE over `options.draws` cluster bootstrap samples: each draw picks
// as many clusters as there are, with replacement, and takes the MAE over their issues. Draw d
// uses its own engine, std::mt19937_64 seeded with seed_seq{seed, d}, so results do not depend
// on the order of evaluation; an index is engine() mod clusters (bias below 1e-12 here).
[[nodiscard]] std::array<double, 2> bootstrap_mae_interval(std::span<const double> absolute_errors,
                                                           std::span<const std::size_t> clusters,
                                                           const BootstrapOptions& options);

// Forecasts of several models on the same issues: forecasts[model][issue], 0–100 scale.
using ForecastMatrix = std::vector<std::vector<double>>;

// Stacking weights: non-negative, summing to one, minimising the squared error of Σ_m w_m f_m
// against the outcomes over the issues in `rows`. Solved by projected gradient descent on the
// simplex from equal weights (a convex problem; fixed iteration count, deterministic). No rows
// or no models: equal weights.
[[nodiscard]] std::vector<double> fit_stacking_weights(const ForecastMatrix& forecasts, std::span<const double> outcomes,
                                                       std::span<const std::size_t> rows);

// Σ_m w_m f_m for one issue.
[[nodiscard]] double stacked_forecast(std::span<const double> weights, const ForecastMatrix& forecasts,
                                      std::size_t issue);

// Out-of-fold stacked forecasts: for each cluster, weights fitted on all other clusters, applied
// to the cluster's issues (leave one cluster out). A single cluster is fitted on itself.
[[nodiscard]] std::vector<double> out_of_fold_stacked(const ForecastMatrix& forecasts, std::span<const double> outcomes,
                                                      std::span<const std::size_t> clusters);

// Tuning a parameter honestly: candidates[c][issue] are the forecasts under candidate setting c.
// The candidate with the lowest MAE over `rows` (the first on ties).
[[nodiscard]] std::size_t best_candidate(const ForecastMatrix& candidates, std::span<const double> outcomes,
                                         std::span<const std::size_t> rows);
// Out-of-fold forecasts: each cluster is forecast by the candidate best on all other clusters.
[[nodiscard]] std::vector<double> out_of_fold_selected(const ForecastMatrix& candidates,
                                                       std::span<const double> outcomes,
                                                       std::span<const std::size_t> clusters);

// Ensembles combine the other models: their names start with this prefix, and they are never
// members of an ensemble.
inline constexpr std::string_view ensemble_prefix = "ensemble-";
[[nodiscard]] bool is_ensemble(const Model& model);
// The registered models that are not ensembles, in registration order.
[[nodiscard]] std::vector<const Model*> ensemble_members(const Registry& registry);

// Every member's forecast of every issue (default parameters, nothing recorded):
// result[member][issue], on the issues' own scales.
[[nodiscard]] ForecastMatrix member_forecasts(std::span<const Model* const> members, const Scenario& scenario);

// An ensemble that declares this parameter ("name=weight,...") is a stacked ensemble: `parley
// score` evaluates it out-of-fold, refitting its weights without the held-out proposal.
inline constexpr std::string_view stacking_weights_parameter = "weights";

// Scoring whole models on every issue with an observed outcome.
struct ScoredModel {
  const Model* model;
  Parameters parameters;  // ignored for stacked ensembles, whose weights are refitted
  // Non-empty: the model is tuned out-of-fold over these settings (each complete).
  std::vector<Parameters> candidates = {};
};

struct ModelScore {
  std::string model;
  ErrorSummary summary;
  bool out_of_fold = false;  // stacked or tuned: forecasts from a fit without the issue's proposal
  Parameters chosen;         // tuned models: the candidate best on all issues
  std::vector<std::pair<std::string, double>> weights;  // stacked ensembles: weights fitted on all issues
  std::vector<double> forecasts;                        // per scored issue, 0–100 scale
};

struct ScoreReport {
  std::vector<std::string> issues;  // "scenario/issue" of every issue with an outcome
  std::vector<double> outcomes;     // 0–100 scale
  std::vector<std::size_t> clusters;
  std::vector<ModelScore> models;
};

// Runs every model on every scenario and scores it on the issues with an observed outcome.
// Clusters are the issues' groups within each scenario. Stacked ensembles (see
// stacking_weights_parameter) are scored out-of-fold over the ensemble members of `registry`.
[[nodiscard]] ScoreReport score_models(const std::vector<const Scenario*>& scenarios,
                                       const std::vector<ScoredModel>& models, const Registry& registry,
                                       const BootstrapOptions& options);

}  // namespace parley
