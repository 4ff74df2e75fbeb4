#include "parley/static_model.hpp"

namespace parley {

Forecast StaticIssueModel::run(const Scenario& scenario, const Parameters& parameters, const RunOptions&) const {
  Forecast forecast;
  forecast.model = info_.name;
  for (std::size_t i = 0; i < scenario.issue_count(); ++i) {
    IssueForecast issue;
    issue.issue = scenario.issues[i].id;
    issue.forecast = forecast_issue(issue_data(scenario, i), scenario.issues[i], parameters);
    forecast.issues.push_back(std::move(issue));
  }
  return forecast;
}

}  // namespace parley
