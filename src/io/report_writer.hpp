// The HTML report: one self-contained page (charts drawn by the Vega-Lite library inlined into
// it, data embedded) that shows, per issue, where the actors start, what each model forecasts,
// how the dynamic models get there, the EUM perspectives, the exchanges and, when given, the
// sensitivity distribution. What it shows is described in docs/report.md.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "forecast_writers.hpp"
#include "parley/scenario.hpp"

namespace parley::io {

struct ReportOptions {
  std::string generator;           // e.g. "parley 0.1.0", shown in the footer
  std::string perspective_actor;   // id or name of the actor whose EUM perspective is shown first
  nlohmann::json sensitivity;      // output of `parley sensitivity --format json`, or null
};

// One chart of the report: the element it is drawn into and its Vega-Lite specification.
struct ReportChart {
  std::string id;
  std::size_t issue = 0;
  std::string kind;  // positions, trajectories, perspectives, sensitivity
  nlohmann::json spec;
};

// Every chart of the report, in page order.
[[nodiscard]] std::vector<ReportChart> report_charts(const Scenario& scenario, const std::vector<ModelRun>& runs,
                                                     const ReportOptions& options);

// The whole page.
[[nodiscard]] std::string render_report(const Scenario& scenario, const std::vector<ModelRun>& runs,
                                        const ReportOptions& options);

// Per-issue sensitivity figures found anywhere in `sensitivity` (tolerant of its exact shape):
// objects naming an "issue" with a list of draws and/or quantiles; the nearest enclosing "model"
// names the model. Rows: {model, issue, draw} or {model, issue, quantile, value}.
[[nodiscard]] nlohmann::json sensitivity_rows(const nlohmann::json& sensitivity);

// Text made safe inside HTML elements and attribute values.
[[nodiscard]] std::string html_escape(const std::string& text);

}  // namespace parley::io
