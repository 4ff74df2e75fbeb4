#include "sensitivity_writers.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "forecast_writers.hpp"

namespace parley::io {
namespace {

using json = nlohmann::ordered_json;

constexpr std::size_t drivers_in_table = 3;

json what_if_json(const Scenario& scenario, const std::vector<Override>& what_if) {
  json list = json::array();
  for (const Override& change : what_if) {
    json item{{"actor", scenario.actors[change.actor].id}};
    if (change.issue) item["issue"] = scenario.issues[*change.issue].id;
    item["field"] = field_name(change.field);
    item["value"] = change.value;
    list.push_back(std::move(item));
  }
  return list;
}

json settings_json(const Scenario& scenario, const SensitivitySettings& settings) {
  return {{"scenario", scenario.name},
          {"draws", settings.draws},
          {"seed", settings.seed},
          {"noise", describe(settings.noise)},
          {"what_if", what_if_json(scenario, settings.what_if)}};
}

json issue_json(const Scenario& scenario, std::size_t i, const IssueSensitivity& issue) {
  json drivers = json::array();
  for (const Driver& driver : issue.drivers)
    drivers.push_back({{"actor", scenario.actors[driver.actor].id}, {"field", field_name(driver.field)}, {"effect", driver.effect}});
  json object{{"issue", scenario.issues[i].id}, {"label", scenario.issues[i].label}, {"forecast", issue.forecast},
              {"median", issue.median},         {"p05", issue.p05},                  {"p95", issue.p95},
              {"mean", issue.mean},             {"sd", issue.sd},                    {"drivers", drivers}};
  if (!issue.dropped.empty()) {
    json dropped = json::array();
    for (const DroppedActor& d : issue.dropped)
      dropped.push_back({{"actor", scenario.actors[d.actor].id}, {"forecast", d.forecast}, {"shift", d.forecast - issue.forecast}});
    object["dropped"] = std::move(dropped);
  }
  return object;
}

json run_json(const Scenario& scenario, const SensitivitySettings& settings, const SensitivityRun& run) {
  json object = settings_json(scenario, settings);
  object["model"] = run.model;
  object["parameters"] = run.parameters.all();
  json issues = json::array();
  for (std::size_t i = 0; i < run.summary.issues.size(); ++i) issues.push_back(issue_json(scenario, i, run.summary.issues[i]));
  object["issues"] = std::move(issues);
  return object;
}

std::string number(double value) { return fmt::format("{:.2f}", value); }

std::string top_drivers(const Scenario& scenario, const IssueSensitivity& issue) {
  std::string text;
  for (std::size_t k = 0; k < std::min(drivers_in_table, issue.drivers.size()); ++k) {
    const Driver& driver = issue.drivers[k];
    if (driver.effect <= 0.0) break;
    text += fmt::format("{}{} {} {}", text.empty() ? "" : ", ", scenario.actors[driver.actor].id,
                        field_name(driver.field), number(driver.effect));
  }
  return text.empty() ? "-" : text;
}

}  // namespace

std::string render_sensitivity_json(const Scenario& scenario, const SensitivitySettings& settings,
                                    const std::vector<SensitivityRun>& runs) {
  if (runs.size() == 1) return run_json(scenario, settings, runs.front()).dump(2) + "\n";
  json list = json::array();
  for (const auto& run : runs) {
    json object = run_json(scenario, settings, run);
    for (const char* shared : {"scenario", "draws", "seed", "noise", "what_if"}) object.erase(shared);
    list.push_back(std::move(object));
  }
  json all = settings_json(scenario, settings);
  all["sensitivities"] = std::move(list);
  return all.dump(2) + "\n";
}

std::string render_sensitivity_table(const Scenario& scenario, const SensitivitySettings& settings,
                                     const std::vector<SensitivityRun>& runs) {
  std::size_t label_width = 5;
  for (const auto& issue : scenario.issues) label_width = std::max(label_width, issue.label.size());
  label_width = std::min<std::size_t>(label_width, 32);
  std::string out = fmt::format("Scenario: {}\n{} draws, seed {}, noise {}\n",
                                scenario.title.empty() ? scenario.name : scenario.title, settings.draws, settings.seed,
                                describe(settings.noise));
  for (const auto& run : runs) {
    out += fmt::format("\nModel {}\n{:<{}}  {:>8}  {:>8}  {:>17}  {}\n", run.model, "issue", label_width, "forecast",
                       "median", "5-95 %", "top drivers (mean |change| per noise step)");
    for (std::size_t i = 0; i < run.summary.issues.size(); ++i) {
      const IssueSensitivity& issue = run.summary.issues[i];
      out += fmt::format("{:<{}}  {:>8}  {:>8}  {:>17}  {}\n", scenario.issues[i].label.substr(0, label_width),
                         label_width, number(issue.forecast), number(issue.median),
                         fmt::format("{} - {}", number(issue.p05), number(issue.p95)), top_drivers(scenario, issue));
    }
  }
  return out;
}

std::string render_sensitivity_csv(const Scenario& scenario, const std::vector<SensitivityRun>& runs) {
  std::string out = "scenario,model,issue,statistic,actor,field,value\n";
  for (const auto& run : runs) {
    for (std::size_t i = 0; i < run.summary.issues.size(); ++i) {
      const IssueSensitivity& issue = run.summary.issues[i];
      const std::string prefix =
          csv_field(scenario.name) + "," + csv_field(run.model) + "," + csv_field(scenario.issues[i].id) + ",";
      auto row = [&](const std::string& statistic, const std::string& actor, std::string_view field, double value) {
        out += prefix + statistic + "," + actor + "," + std::string(field) + "," + fmt::format("{:.17g}", value) + "\n";
      };
      for (const auto& [statistic, value] : {std::pair{"forecast", issue.forecast}, {"median", issue.median},
                                             {"p05", issue.p05}, {"p95", issue.p95}, {"mean", issue.mean}, {"sd", issue.sd}})
        row(statistic, "", "", value);
      for (const Driver& driver : issue.drivers)
        row("effect", csv_field(scenario.actors[driver.actor].id), field_name(driver.field), driver.effect);
      for (const DroppedActor& dropped : issue.dropped)
        row("forecast_without", csv_field(scenario.actors[dropped.actor].id), "", dropped.forecast);
    }
  }
  return out;
}

}  // namespace parley::io
