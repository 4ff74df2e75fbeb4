// Several models' forecasts of one scenario with every distinct run done once: the members of
// the ensembles asked for are run once and shared with each other and with the models asked for
// by themselves. Used wherever the same models forecast many scenarios (score, sensitivity).
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "parley/model.hpp"

namespace parley {

// A model with its parameters.
struct ModelSetup {
  const Model* model = nullptr;
  const Parameters* parameters = nullptr;
};

class ModelBatch {
 public:
  // Throws ParameterError when an ensemble's parameters are invalid.
  explicit ModelBatch(std::span<const ModelSetup> models);

  [[nodiscard]] std::size_t model_count() const { return plans_.size(); }
  // The distinct runs one forecast() makes.
  [[nodiscard]] std::size_t run_count() const { return runs_.size(); }

  // Buffers one caller (thread) keeps across forecasts, so a draw loop does not allocate.
  struct Scratch {
    std::vector<double> by_run;   // [run * issue_count + issue]
    std::vector<double> members;  // one issue's member forecasts
  };

  // out[m * issue_count + i] = model m's forecast of issue i, bit-identical to
  // models[m].model->run(scenario, *models[m].parameters). Nothing is recorded.
  void forecast(const Scenario& scenario, std::span<double> out, Scratch& scratch) const;
  void forecast(const Scenario& scenario, std::span<double> out) const {
    Scratch scratch;
    forecast(scenario, out, scratch);
  }

 private:
  struct Run {
    const Model* model;
    Parameters parameters;
  };
  struct Plan {
    std::vector<std::size_t> runs;  // one run for a plain model; the members for an ensemble
    std::vector<double> weights;    // empty for a plain model
  };
  std::size_t run_index(const Model* model, const Parameters& parameters);

  std::vector<Run> runs_;
  std::vector<Plan> plans_;
};

}  // namespace parley
