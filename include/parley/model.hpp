// The interface every forecasting model implements, and how models are described.
#pragma once

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

// How much of the path a run records; sensitivity runs need only the forecasts.
struct RunOptions {
  bool record_rounds = true;
  bool record_events = true;
};

class Model {
 public:
  virtual ~Model() = default;
  [[nodiscard]] virtual const ModelInfo& info() const = 0;
  // The scenario must have passed validate(). Throws ParameterError on bad parameters.
  [[nodiscard]] virtual Forecast run(const Scenario& scenario, const Parameters& parameters,
                                     const RunOptions& options) const = 0;

  [[nodiscard]] Forecast run(const Scenario& scenario, const ParameterValues& given = {},
                             const RunOptions& options = {}) const {
    return run(scenario, Parameters(info().parameters, given), options);
  }
};

}  // namespace parley
