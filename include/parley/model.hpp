// The interface every forecasting model implements, and how models are described.
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "parley/forecast.hpp"
#include "parley/parameters.hpp"
#include "parley/scenario.hpp"

namespace parley {

struct ModelInfo {
  std::string name;         // looked up by this, e.g. "weighted-median"
  std::string summary;      // one line
  std::vector<ParameterSpec> parameters;
};

// How much of the path a run records (sensitivity runs need only the forecasts), and how many
// threads it may use (callers that already run many models at once pass 1).
struct RunOptions {
  bool record_rounds = true;
  bool record_events = true;
  std::size_t threads = 0;  // 0: all cores
};

// The threads a run may use when the model's own parameter asks for `requested` (0: all cores):
// the fewer of the two limits.
[[nodiscard]] inline std::size_t run_threads(const RunOptions& options, std::size_t requested) {
  if (options.threads == 0) return requested;
  return requested == 0 ? options.threads : std::min(requested, options.threads);
}

class Model;

// An ensemble forecasts each issue as Σ_m weights[m] × (members[m]'s forecast with default
// parameters). Callers that already hold those forecasts for the same scenario (score,
// sensitivity) combine them with combined_forecast() instead of rerunning the members.
struct Combination {
  std::vector<const Model*> members;  // only members of positive weight
  std::vector<double> weights;        // one per member, summing to one
};

// Σ_m weights[m] × forecasts[m], summed in member order (every caller gets the same bits).
[[nodiscard]] inline double combined_forecast(std::span<const double> weights, std::span<const double> forecasts) {
  double sum = 0.0;
  for (std::size_t m = 0; m < weights.size(); ++m) sum += weights[m] * forecasts[m];
  return sum;
}

class Model {
 public:
  virtual ~Model() = default;
  [[nodiscard]] virtual const ModelInfo& info() const = 0;
  // The scenario must have passed validate(). Throws ParameterError on bad parameters.
  [[nodiscard]] virtual Forecast run(const Scenario& scenario, const Parameters& parameters,
                                     const RunOptions& options) const = 0;

  // Ensembles only: what they combine under these parameters.
  [[nodiscard]] virtual std::optional<Combination> combination(const Parameters&) const { return std::nullopt; }

  [[nodiscard]] Forecast run(const Scenario& scenario, const ParameterValues& given = {},
                             const RunOptions& options = {}) const {
    return run(scenario, Parameters(info().parameters, given), options);
  }
};

}  // namespace parley
