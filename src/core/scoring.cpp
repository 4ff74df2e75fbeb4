#include "parley/scoring.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <map>
#include <numeric>
#include <random>

namespace parley {
namespace {

double median_of(std::vector<double> values) {
  if (values.empty()) return 0.0;
  const std::size_t middle = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(middle), values.end());
  const double upper = values[middle];
  if (values.size() % 2 == 1) return upper;
  const double lower = *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(middle));
  return (lower + upper) / 2.0;
}

// Linear interpolation between order statistics (type 7 of Hyndman & Fan).
double quantile_of_sorted(const std::vector<double>& sorted, double p) {
  const double position = p * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  return sorted[below] + (position - static_cast<double>(below)) * (sorted[above] - sorted[below]);
}

// Euclidean projection onto {w ≥ 0, Σ w = 1} (Duchi et al. 2008, by sorting).
void project_onto_simplex(std::vector<double>& w) {
  std::vector<double> sorted = w;
  std::sort(sorted.begin(), sorted.end(), std::greater<>());
  double cumulative = 0.0;
  double shift = 0.0;
  for (std::size_t k = 0; k < sorted.size(); ++k) {
    cumulative += sorted[k];
    const double candidate = (cumulative - 1.0) / static_cast<double>(k + 1);
    if (sorted[k] - candidate > 0.0) shift = candidate;
  }
  for (double& value : w) value = std::max(value - shift, 0.0);
}

// Forecasts of each cluster from a fit on all the other clusters (on itself if it is the only one).
template <class Fit, class Predict>
std::vector<double> leave_one_cluster_out(std::span<const std::size_t> clusters, Fit fit, Predict predict) {
  const std::size_t n = clusters.size();
  std::vector<double> predictions(n, 0.0);
  if (n == 0) return predictions;
  const std::size_t cluster_count = *std::max_element(clusters.begin(), clusters.end()) + 1;
  std::vector<std::size_t> rows;
  for (std::size_t held_out = 0; held_out < cluster_count; ++held_out) {
    rows.clear();
    for (std::size_t k = 0; k < n; ++k)
      if (clusters[k] != held_out || cluster_count == 1) rows.push_back(k);
    const auto fitted = fit(rows);
    for (std::size_t k = 0; k < n; ++k)
      if (clusters[k] == held_out) predictions[k] = predict(fitted, k);
  }
  return predictions;
}

}  // namespace

double to_percent_scale(double value, const Issue& issue) {
  return 100.0 * (value - issue.scale_min) / (issue.scale_max - issue.scale_min);
}

std::vector<std::size_t> clusters_of(std::span<const std::string> groups) {
  std::map<std::string, std::size_t> numbers;
  std::vector<std::size_t> clusters;
  std::size_t next = 0;
  for (const auto& group : groups) {
    if (group.empty()) clusters.push_back(next++);
    else clusters.push_back(numbers.try_emplace(group, next).second ? next++ : numbers.at(group));
  }
  return clusters;
}

ErrorSummary summarise_errors(std::span<const double> absolute_errors, std::span<const std::size_t> clusters,
                              const BootstrapOptions& options) {
  ErrorSummary summary;
  summary.n = absolute_errors.size();
  if (summary.n == 0) return summary;
  const double n = static_cast<double>(summary.n);
  double squares = 0.0;
  std::size_t hits = 0;
  for (double e : absolute_errors) {
    squares += e * e;
    if (e <= hit_tolerance) ++hits;
  }
  summary.mae = std::accumulate(absolute_errors.begin(), absolute_errors.end(), 0.0) / n;
  summary.median_ae = median_of({absolute_errors.begin(), absolute_errors.end()});
  summary.rmse = std::sqrt(squares / n);
  summary.hit10 = static_cast<double>(hits) / n;
  summary.mae_interval = bootstrap_mae_interval(absolute_errors, clusters, options);
  return summary;
}

std::array<double, 2> bootstrap_mae_interval(std::span<const double> absolute_errors,
                                             std::span<const std::size_t> clusters, const BootstrapOptions& options) {
  if (absolute_errors.empty() || options.draws == 0) return {0.0, 0.0};
  const std::size_t cluster_count = *std::max_element(clusters.begin(), clusters.end()) + 1;
  std::vector<double> cluster_error(cluster_count, 0.0);
  std::vector<double> cluster_size(cluster_count, 0.0);
  for (std::size_t k = 0; k < absolute_errors.size(); ++k) {
    cluster_error[clusters[k]] += absolute_errors[k];
    cluster_size[clusters[k]] += 1.0;
  }
  std::vector<double> draws(options.draws);
  for (std::size_t d = 0; d < options.draws; ++d) {
    std::seed_seq seeds{static_cast<std::uint32_t>(options.seed), static_cast<std::uint32_t>(options.seed >> 32),
                        static_cast<std::uint32_t>(d), static_cast<std::uint32_t>(d >> 32)};
    std::mt19937_64 engine(seeds);
    double error = 0.0;
    double size = 0.0;
    for (std::size_t c = 0; c < cluster_count; ++c) {
      const std::size_t pick = engine() % cluster_count;
      error += cluster_error[pick];
      size += cluster_size[pick];
    }
    draws[d] = size > 0.0 ? error / size : 0.0;
  }
  std::sort(draws.begin(), draws.end());
  const double tail = (1.0 - options.level) / 2.0;
  return {quantile_of_sorted(draws, tail), quantile_of_sorted(draws, 1.0 - tail)};
}

std::vector<double> fit_stacking_weights(const ForecastMatrix& forecasts, std::span<const double> outcomes,
                                         std::span<const std::size_t> rows) {
  const std::size_t m = forecasts.size();
  std::vector<double> w(m, m > 0 ? 1.0 / static_cast<double>(m) : 0.0);
  if (m == 0 || rows.empty()) return w;
  // The loss is wᵀGw − 2bᵀw (+ const) with G = FᵀF/n, b = Fᵀy/n over the rows.
  std::vector<double> gram(m * m, 0.0);
  std::vector<double> target(m, 0.0);
  const double n = static_cast<double>(rows.size());
  for (std::size_t a = 0; a < m; ++a) {
    for (std::size_t r : rows) target[a] += forecasts[a][r] * outcomes[r] / n;
    for (std::size_t b = a; b < m; ++b) {
      double sum = 0.0;
      for (std::size_t r : rows) sum += forecasts[a][r] * forecasts[b][r];
      gram[a * m + b] = gram[b * m + a] = sum / n;
    }
  }
  // Step 1/L with L = 2 trace(G) ≥ 2 λ_max(G): the iteration cannot diverge.
  double trace = 0.0;
  for (std::size_t a = 0; a < m; ++a) trace += gram[a * m + a];
  if (!(trace > 0.0)) return w;
  const double step = 1.0 / (2.0 * trace);
  constexpr int iterations = 20000;
  std::vector<double> gradient(m);
  for (int it = 0; it < iterations; ++it) {
    for (std::size_t a = 0; a < m; ++a) {
      double g = -2.0 * target[a];
      for (std::size_t b = 0; b < m; ++b) g += 2.0 * gram[a * m + b] * w[b];
      gradient[a] = g;
    }
    for (std::size_t a = 0; a < m; ++a) w[a] -= step * gradient[a];
    project_onto_simplex(w);
  }
  return w;
}

double stacked_forecast(std::span<const double> weights, const ForecastMatrix& forecasts, std::size_t issue) {
  double sum = 0.0;
  for (std::size_t m = 0; m < forecasts.size(); ++m) sum += weights[m] * forecasts[m][issue];
  return sum;
}

std::vector<double> out_of_fold_stacked(const ForecastMatrix& forecasts, std::span<const double> outcomes,
                                        std::span<const std::size_t> clusters) {
  return leave_one_cluster_out(
      clusters, [&](std::span<const std::size_t> rows) { return fit_stacking_weights(forecasts, outcomes, rows); },
      [&](const std::vector<double>& weights, std::size_t k) { return stacked_forecast(weights, forecasts, k); });
}

std::size_t best_candidate(const ForecastMatrix& candidates, std::span<const double> outcomes,
                           std::span<const std::size_t> rows) {
  std::size_t best = 0;
  double best_error = 0.0;
  for (std::size_t c = 0; c < candidates.size(); ++c) {
    double error = 0.0;
    for (std::size_t r : rows) error += std::abs(candidates[c][r] - outcomes[r]);
    if (c == 0 || error < best_error) {
      best = c;
      best_error = error;
    }
  }
  return best;
}

std::vector<double> out_of_fold_selected(const ForecastMatrix& candidates, std::span<const double> outcomes,
                                         std::span<const std::size_t> clusters) {
  return leave_one_cluster_out(
      clusters, [&](std::span<const std::size_t> rows) { return best_candidate(candidates, outcomes, rows); },
      [&](std::size_t best, std::size_t k) { return candidates[best][k]; });
}

bool is_ensemble(const Model& model) { return model.info().name.starts_with(ensemble_prefix); }

std::vector<const Model*> ensemble_members(const Registry& registry) {
  std::vector<const Model*> members;
  for (const Model* model : registry.all())
    if (!is_ensemble(*model)) members.push_back(model);
  return members;
}

ForecastMatrix member_forecasts(std::span<const Model* const> members, const Scenario& scenario) {
  RunOptions quiet;
  quiet.record_rounds = false;
  quiet.record_events = false;
  ForecastMatrix result;
  for (const Model* member : members) {
    const Forecast forecast = member->run(scenario, ParameterValues{}, quiet);
    std::vector<double> values;
    for (const auto& issue : forecast.issues) values.push_back(issue.forecast);
    result.push_back(std::move(values));
  }
  return result;
}

namespace {

bool declares(const Model& model, std::string_view name) {
  const auto& specs = model.info().parameters;
  return std::any_of(specs.begin(), specs.end(), [&](const ParameterSpec& s) { return s.name == name; });
}

// Where the scored issues are: (scenario, issue) pairs in input order.
using IssueRefs = std::vector<std::pair<std::size_t, std::size_t>>;

// Forecasts of the scored issues on the issues' own scales, each (model, parameters) run once
// on every scenario however many rows and ensembles ask for it.
class ScoredRuns {
 public:
  ScoredRuns(const std::vector<const Scenario*>& scenarios, const IssueRefs& refs) : scenarios_(scenarios), refs_(refs) {}

  // On the 0–100 scale.
  std::vector<double> percent(const Model& model, const Parameters& parameters) {
    std::vector<double> values = own_scale(model, parameters);
    for (std::size_t k = 0; k < refs_.size(); ++k)
      values[k] = to_percent_scale(values[k], scenarios_[refs_[k].first]->issues[refs_[k].second]);
    return values;
  }

 private:
  const std::vector<double>& own_scale(const Model& model, const Parameters& parameters) {
    for (const Done& done : runs_)
      if (done.model == &model && done.parameters.all() == parameters.all()) return done.values;
    std::vector<double> values;
    if (auto combination = model.combination(parameters)) {
      ForecastMatrix members;
      for (const Model* member : combination->members)
        members.push_back(own_scale(*member, Parameters(member->info().parameters, {})));
      std::vector<double> column(members.size());
      for (std::size_t k = 0; k < refs_.size(); ++k) {
        for (std::size_t m = 0; m < members.size(); ++m) column[m] = members[m][k];
        values.push_back(combined_forecast(combination->weights, column));
      }
    } else {
      constexpr RunOptions quiet{.record_rounds = false, .record_events = false};
      std::vector<Forecast> forecasts;
      for (const Scenario* scenario : scenarios_) forecasts.push_back(model.run(*scenario, parameters, quiet));
      for (const auto& [s, i] : refs_) values.push_back(forecasts[s].issues[i].forecast);
    }
    runs_.push_back({&model, parameters, std::move(values)});
    return runs_.back().values;
  }

  struct Done {
    const Model* model;
    Parameters parameters;
    std::vector<double> values;
  };
  const std::vector<const Scenario*>& scenarios_;
  const IssueRefs& refs_;
  std::deque<Done> runs_;  // a deque keeps the returned references valid
};

}  // namespace

ScoreReport score_models(const std::vector<const Scenario*>& scenarios, const std::vector<ScoredModel>& models,
                         const Registry& registry, const BootstrapOptions& options) {
  ScoreReport report;
  IssueRefs refs;
  std::vector<std::string> groups;
  for (std::size_t s = 0; s < scenarios.size(); ++s) {
    const Scenario& scenario = *scenarios[s];
    for (std::size_t i = 0; i < scenario.issue_count(); ++i) {
      const Issue& issue = scenario.issues[i];
      if (!issue.outcome) continue;
      refs.emplace_back(s, i);
      report.issues.push_back(scenario.name + "/" + issue.id);
      report.outcomes.push_back(to_percent_scale(*issue.outcome, issue));
      // A separator that cannot occur in names keeps groups of different files apart.
      groups.push_back(issue.group.empty() ? "" : std::to_string(s) + '\x1f' + issue.group);
    }
  }
  report.clusters = clusters_of(groups);
  std::vector<std::size_t> all(refs.size());
  std::iota(all.begin(), all.end(), 0);

  ScoredRuns runs(scenarios, refs);
  ForecastMatrix members;  // filled on first need: forecasts of the ensemble members
  const auto member_models = ensemble_members(registry);
  for (const auto& [model, parameters, candidates] : models) {
    ModelScore score;
    score.model = model->info().name;
    if (is_ensemble(*model) && declares(*model, stacking_weights_parameter)) {
      if (members.empty())
        for (const Model* member : member_models)
          members.push_back(runs.percent(*member, Parameters(member->info().parameters, {})));
      score.forecasts = out_of_fold_stacked(members, report.outcomes, report.clusters);
      score.out_of_fold = true;
      const auto weights = fit_stacking_weights(members, report.outcomes, all);
      for (std::size_t m = 0; m < member_models.size(); ++m)
        score.weights.emplace_back(member_models[m]->info().name, weights[m]);
    } else if (!candidates.empty()) {
      ForecastMatrix tried;
      for (const Parameters& candidate : candidates) tried.push_back(runs.percent(*model, candidate));
      score.forecasts = out_of_fold_selected(tried, report.outcomes, report.clusters);
      score.out_of_fold = true;
      score.chosen = candidates[best_candidate(tried, report.outcomes, all)];
    } else {
      score.forecasts = runs.percent(*model, parameters);
    }
    std::vector<double> errors;
    for (std::size_t k = 0; k < refs.size(); ++k) errors.push_back(std::abs(score.forecasts[k] - report.outcomes[k]));
    score.summary = summarise_errors(errors, report.clusters, options);
    report.models.push_back(std::move(score));
  }
  return report;
}

}  // namespace parley
