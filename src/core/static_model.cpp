#include "parley/static_model.hpp"

namespace parley {

Forecast forecast_each_issue(const std::string& model, const Scenario& scenario,
                             const std::function<double(std::size_t)>& forecast_of) {
  Forecast forecast;
  forecast.model = model;
  forecast.issues.reserve(scenario.issue_count());
  for (std::size_t i = 0; i < scenario.issue_count(); ++i) {
    IssueForecast issue;
    issue.issue = scenario.issues[i].id;
    issue.forecast = forecast_of(i);
    forecast.issues.push_back(std::move(issue));
  }
  return forecast;
}

Forecast StaticIssueModel::run(const Scenario& scenario, const Parameters& parameters, const RunOptions&) const {
  IssueData data;  // one buffer for every issue: Monte Carlo runs this many times
  return forecast_each_issue(info_.name, scenario, [&](std::size_t i) {
    fill_issue_data(scenario, i, data);
    return forecast_issue(data, scenario.issues[i], parameters);
  });
}

}  // namespace parley
