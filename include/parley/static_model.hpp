// Base for models that forecast each issue on its own from the actors' stated positions, in one
// step (no rounds, no events).
#pragma once

#include <functional>
#include <string>

#include "parley/model.hpp"

namespace parley {

// A forecast with one entry per scenario issue, valued by `forecast_of(issue index)`.
[[nodiscard]] Forecast forecast_each_issue(const std::string& model, const Scenario& scenario,
                                           const std::function<double(std::size_t)>& forecast_of);

class StaticIssueModel : public Model {
 public:
  explicit StaticIssueModel(ModelInfo info) : info_(std::move(info)) {}
  [[nodiscard]] const ModelInfo& info() const final { return info_; }
  [[nodiscard]] Forecast run(const Scenario& scenario, const Parameters& parameters,
                             const RunOptions& options) const final;
  using Model::run;

 protected:
  // `data` holds at least one actor.
  [[nodiscard]] virtual double forecast_issue(const IssueData& data, const Issue& issue,
                                              const Parameters& parameters) const = 0;

 private:
  ModelInfo info_;
};

}  // namespace parley
