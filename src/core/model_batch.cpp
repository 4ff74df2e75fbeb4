#include "parley/model_batch.hpp"

#include <stdexcept>

namespace parley {

ModelBatch::ModelBatch(std::span<const ModelSetup> models) {
  for (const ModelSetup& setup : models) {
    Plan plan;
    if (auto combination = setup.model->combination(*setup.parameters)) {
      for (const Model* member : combination->members)
        plan.runs.push_back(run_index(member, Parameters(member->info().parameters, {})));
      plan.weights = std::move(combination->weights);
    } else {
      plan.runs.push_back(run_index(setup.model, *setup.parameters));
    }
    plans_.push_back(std::move(plan));
  }
}

std::size_t ModelBatch::run_index(const Model* model, const Parameters& parameters) {
  for (std::size_t r = 0; r < runs_.size(); ++r)
    if (runs_[r].model == model && runs_[r].parameters.all() == parameters.all()) return r;
  runs_.push_back({model, parameters});
  return runs_.size() - 1;
}

void ModelBatch::forecast(const Scenario& scenario, std::span<double> out, Scratch& scratch) const {
  // One thread per run: the callers (sensitivity) run draws in parallel.
  constexpr RunOptions quiet{.record_rounds = false, .record_events = false, .threads = 1};
  const std::size_t issues = scenario.issue_count();
  if (out.size() != plans_.size() * issues) throw std::invalid_argument("ModelBatch::forecast: wrong output size");
  std::vector<double>& by_run = scratch.by_run;
  by_run.resize(runs_.size() * issues);
  for (std::size_t r = 0; r < runs_.size(); ++r) {
    const Forecast forecast = runs_[r].model->run(scenario, runs_[r].parameters, quiet);
    for (std::size_t i = 0; i < issues; ++i) by_run[r * issues + i] = forecast.issues.at(i).forecast;
  }
  std::vector<double>& members = scratch.members;
  for (std::size_t m = 0; m < plans_.size(); ++m) {
    const Plan& plan = plans_[m];
    for (std::size_t i = 0; i < issues; ++i) {
      if (plan.weights.empty()) {
        out[m * issues + i] = by_run[plan.runs.front() * issues + i];
        continue;
      }
      members.clear();
      for (std::size_t r : plan.runs) members.push_back(by_run[r * issues + i]);
      out[m * issues + i] = combined_forecast(plan.weights, members);
    }
  }
}

}  // namespace parley
