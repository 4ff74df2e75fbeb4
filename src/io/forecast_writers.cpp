#include "forecast_writers.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

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

namespace {

using Row = std::vector<json>;

std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ";") + item;
  return text;
}

// Every event of a run in a stable order: each issue's, then the run-wide ones.
std::vector<const Event*> all_events(const Forecast& forecast) {
  std::vector<const Event*> events;
  for (const auto& issue : forecast.issues)
    for (const auto& event : issue.events) events.push_back(&event);
  for (const auto& event : forecast.events) events.push_back(&event);
  return events;
}

void forecast_rows(const Scenario& scenario, const ModelRun& run, std::vector<Row>& rows) {
  for (const auto& issue : run.forecast.issues) rows.push_back({scenario.name, run.model, issue.issue, issue.forecast});
}

void round_rows(const Scenario& scenario, const ModelRun& run, std::vector<Row>& rows) {
  for (std::size_t i = 0; i < run.forecast.issues.size(); ++i)
    for (const auto& round : run.forecast.issues[i].rounds)
      for (std::size_t a = 0; a < scenario.actor_count(); ++a)
        if (scenario.stance(a, i).present)
          rows.push_back({scenario.name, run.model, run.forecast.issues[i].issue, round.round, scenario.actors[a].id,
                          round.positions.at(a)});
  for (const auto& round : run.forecast.rounds)
    for (std::size_t a = 0; a < scenario.actor_count(); ++a)
      for (std::size_t d = 0; d < scenario.issue_count(); ++d)
        rows.push_back({scenario.name, run.model, scenario.issues[d].id, round.round, scenario.actors[a].id,
                        round.positions.at(a).at(d)});
}

void event_rows(const Scenario& scenario, const ModelRun& run, std::vector<Row>& rows) {
  int number = 0;
  for (const Event* event : all_events(run.forecast))
    rows.push_back({scenario.name, run.model, ++number, event->round, event->kind, joined(event->actors),
                    joined(event->issues), event->text});
}

void event_value_rows(const Scenario& scenario, const ModelRun& run, std::vector<Row>& rows) {
  int number = 0;
  for (const Event* event : all_events(run.forecast)) {
    ++number;
    for (const auto& [name, value] : event->values) rows.push_back({scenario.name, run.model, number, name, value});
  }
}

struct TableKind {
  std::string name;
  std::vector<std::string> columns;
  void (*rows)(const Scenario&, const ModelRun&, std::vector<Row>&);
};

const std::vector<TableKind>& table_kinds() {
  static const std::vector<TableKind> kinds = {
      {"forecasts", {"scenario", "model", "issue", "forecast"}, forecast_rows},
      {"rounds", {"scenario", "model", "issue", "round", "actor", "position"}, round_rows},
      {"events", {"scenario", "model", "event", "round", "kind", "actors", "issues", "text"}, event_rows},
      {"event-values", {"scenario", "model", "event", "name", "value"}, event_value_rows}};
  return kinds;
}

std::string csv_cell(const json& cell) {
  if (cell.is_string()) return csv_field(cell.get<std::string>());
  if (cell.is_number_float()) return fmt::format("{:.17g}", cell.get<double>());
  return cell.dump();
}

}  // namespace

const std::vector<std::string>& tidy_table_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> list;
    for (const auto& kind : table_kinds()) list.push_back(kind.name);
    return list;
  }();
  return names;
}

TidyTable tidy_table(const Scenario& scenario, const std::vector<ModelRun>& runs, const std::string& name) {
  for (const auto& kind : table_kinds()) {
    if (kind.name != name) continue;
    TidyTable table{kind.columns, {}};
    for (const auto& run : runs) kind.rows(scenario, run, table.rows);
    return table;
  }
  throw std::invalid_argument("unknown table '" + name + "'");
}

std::string render_csv(const TidyTable& table) {
  std::string out;
  for (const auto& column : table.columns) out += (out.empty() ? "" : ",") + csv_field(column);
  out += "\n";
  for (const auto& row : table.rows) {
    for (std::size_t c = 0; c < row.size(); ++c) out += (c ? "," : "") + csv_cell(row[c]);
    out += "\n";
  }
  return out;
}

std::string render_json(const TidyTable& table) {
  json records = json::array();
  for (const auto& row : table.rows) {
    json record = json::object();
    for (std::size_t c = 0; c < row.size(); ++c) record[table.columns[c]] = row[c];
    records.push_back(std::move(record));
  }
  return records.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace parley::io
