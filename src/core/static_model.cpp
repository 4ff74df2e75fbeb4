#include "parley/static_model.hpp"

namespace parley {

Forecast StaticIssueModel::run(const Scenario& scenario, const Parameters& parameters, const RunOptions&) const {
  Forecast forecast;
  forecast.model = info_.name;
  forecast.issues.reserve(scenario.issue_count());
  IssueData data;  // one buffer for every issue: Monte Carlo runs this many times
  for (std::size_t i = 0; i < scenario.issue_count(); ++i) {
    fill_issue_data(scenario, i, data);
    IssueForecast issue;
    issue.issue = scenario.issues[i].id;
    issue.forecast = forecast_issue(data, scenario.issues[i], parameters);
    forecast.issues.push_back(std::move(issue));
  }
  return forecast;
}

}  // namespace parley
