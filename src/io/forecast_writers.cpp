#include "forecast_writers.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace parley::io {
namespace {

using json = nlohmann::ordered_json;

// Model details are plain json (sorted keys); output keeps the writer's own key order.
json ordered(const nlohmann::json& value) { return json::parse(value.dump()); }

json event_json(const Event& event) {
  json values = json::object();
  for (const auto& [name, value] : event.values) values[name] = value;
  return {{"round", event.round}, {"kind", event.kind}, {"actors", event.actors},
          {"issues", event.issues}, {"text", event.text}, {"values", values}};
}

json events_json(const std::vector<Event>& events) {
  json list = json::array();
  for (const auto& event : events) list.push_back(event_json(event));
  return list;
}

json issue_json(const Scenario& scenario, std::size_t i, const IssueForecast& forecast) {
  json object{{"issue", forecast.issue}, {"label", scenario.issues[i].label}, {"forecast", forecast.forecast}};
  if (!forecast.rounds.empty()) {
    json rounds = json::array();
    for (const auto& round : forecast.rounds) {
      json positions = json::object();
      for (std::size_t a = 0; a < scenario.actor_count(); ++a)
        if (scenario.stance(a, i).present) positions[scenario.actors[a].id] = round.positions.at(a);
      rounds.push_back({{"round", round.round}, {"positions", positions}});
    }
    object["rounds"] = std::move(rounds);
  }
  if (!forecast.events.empty()) object["events"] = events_json(forecast.events);
  for (const auto& [key, value] : forecast.details.items()) object[key] = ordered(value);
  return object;
}

std::string number(double value) { return fmt::format("{:.6g}", value); }

}  // namespace

nlohmann::ordered_json forecast_json(const Scenario& scenario, const ModelRun& run) {
  json object{{"scenario", scenario.name}, {"model", run.model}, {"parameters", run.parameters.all()}};
  json issues = json::array();
  for (std::size_t i = 0; i < run.forecast.issues.size(); ++i)
    issues.push_back(issue_json(scenario, i, run.forecast.issues[i]));
  object["issues"] = std::move(issues);
  if (!run.forecast.rounds.empty()) {
    json rounds = json::array();
    for (const auto& round : run.forecast.rounds) {
      json positions = json::object();
      for (std::size_t a = 0; a < scenario.actor_count(); ++a) positions[scenario.actors[a].id] = round.positions.at(a);
      rounds.push_back({{"round", round.round}, {"positions", positions}});
    }
    object["rounds"] = std::move(rounds);
  }
  if (!run.forecast.events.empty()) object["events"] = events_json(run.forecast.events);
  for (const auto& [key, value] : run.forecast.details.items()) object[key] = ordered(value);
  return object;
}

std::string render_json(const Scenario& scenario, const std::vector<ModelRun>& runs) {
  if (runs.size() == 1) return forecast_json(scenario, runs.front()).dump(2) + "\n";
  json list = json::array();
  for (const auto& run : runs) list.push_back(forecast_json(scenario, run));
  return json{{"scenario", scenario.name}, {"forecasts", list}}.dump(2) + "\n";
}

std::string render_table(const Scenario& scenario, const std::vector<ModelRun>& runs, bool trace) {
  std::size_t label_width = 5;
  for (const auto& issue : scenario.issues) label_width = std::max(label_width, issue.label.size());
  label_width = std::min<std::size_t>(label_width, 48);
  std::string out = fmt::format("Scenario: {}\n", scenario.title.empty() ? scenario.name : scenario.title);
  out += fmt::format("{:<{}}  {:>13}", "issue", label_width, "scale");
  for (const auto& run : runs) out += fmt::format("  {:>15}", run.model);
  out += "\n";
  for (std::size_t i = 0; i < scenario.issue_count(); ++i) {
    const Issue& issue = scenario.issues[i];
    std::string label = issue.label.substr(0, label_width);
    out += fmt::format("{:<{}}  {:>13}", label, label_width,
                       fmt::format("{}-{}", number(issue.scale_min), number(issue.scale_max)));
    for (const auto& run : runs) out += fmt::format("  {:>15}", number(run.forecast.issues.at(i).forecast));
    out += "\n";
  }
  if (!trace) return out;
  for (const auto& run : runs) {
    std::vector<const Event*> events;
    for (const auto& event : run.forecast.events) events.push_back(&event);
    for (const auto& issue : run.forecast.issues)
      for (const auto& event : issue.events) events.push_back(&event);
    if (events.empty()) continue;
    out += fmt::format("\nTrace of {}:\n", run.model);
    for (const Event* event : events) out += fmt::format("  round {}: {}\n", event->round, event->text);
  }
  return out;
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string render_csv(const Scenario& scenario, const std::vector<ModelRun>& runs) {
  std::string out = "scenario,model,issue,round,actor,position\n";
  const std::string name = csv_field(scenario.name);
  for (const auto& run : runs) {
    for (std::size_t i = 0; i < run.forecast.issues.size(); ++i) {
      const IssueForecast& issue = run.forecast.issues[i];
      const std::string prefix = name + "," + csv_field(run.model) + "," + csv_field(issue.issue) + ",";
      out += prefix + ",," + fmt::format("{:.17g}", issue.forecast) + "\n";
      for (const auto& round : issue.rounds)
        for (std::size_t a = 0; a < scenario.actor_count(); ++a)
          if (scenario.stance(a, i).present)
            out += prefix + std::to_string(round.round) + "," + csv_field(scenario.actors[a].id) + "," +
                   fmt::format("{:.17g}", round.positions.at(a)) + "\n";
    }
  }
  return out;
}

}  // namespace parley::io
