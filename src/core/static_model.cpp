#include "parley/static_model.hpp"

namespace parley {

Forecast forecast_each_issue(const std::string& model, const Scenario& scenario,
                             const std::function<double(std::size_t)>& forecast_of) {
  Forecast forecast;
  forecast.model = model;
  for (std::size_t i = 0; i < scenario.issue_count(); ++i) {
    IssueForecast issue;
    issue.issue = scenario.issues[i].id;
    issue.forecast = forecast_of(i);
    forecast.issues.push_back(std::move(issue));
  }
  return forecast;
}

Forecast StaticIssueModel::run(const Scenario& scenario, const Parameters& parameters, const RunOptions&) const {
  return forecast_each_issue(info_.name, scenario, [&](std::size_t i) {
    return forecast_issue(issue_data(scenario, i), scenario.issues[i], parameters);
  });
}

}  // namespace parley
