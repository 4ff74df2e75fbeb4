#include "forecast_writers.hpp"

#include "pretty_json.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace parley::io {
namespace {

using json = nlohmann::ordered_json;

void write_strings(PrettyJson& out, const std::vector<std::string>& items) {
  out.begin_array();
  for (const auto& item : items) out.value(item);
  out.end_array();
}

void write_event(PrettyJson& out, const Event& event) {
  out.begin_object();
  out.member("round", event.round);
  out.member("kind", event.kind);
  out.key("actors");
  write_strings(out, event.actors);
  out.key("issues");
  write_strings(out, event.issues);
  out.member("text", event.text);
  out.key("values");
  out.begin_object();
  for (const auto& [name, value] : event.values) out.member(name, value);
  out.end_object();
  out.end_object();
}

void write_events(PrettyJson& out, const std::vector<Event>& events) {
  out.key("events");
  out.begin_array();
  for (const auto& event : events) write_event(out, event);
  out.end_array();
}

// Model details (plain json, so sorted keys) follow the writer's own fields.
void write_details(PrettyJson& out, const nlohmann::json& details) {
  for (const auto& [key, value] : details.items()) out.member(key, value);
}

void write_issue(PrettyJson& out, const Scenario& scenario, std::size_t i, const IssueForecast& forecast) {
  out.begin_object();
  out.member("issue", forecast.issue);
  out.member("label", scenario.issues[i].label);
  out.member("forecast", forecast.forecast);
  if (!forecast.rounds.empty()) {
    out.key("rounds");
    out.begin_array();
    for (const auto& round : forecast.rounds) {
      out.begin_object();
      out.member("round", round.round);
      out.key("positions");
      out.begin_object();
      for (std::size_t a = 0; a < scenario.actor_count(); ++a)
        if (scenario.stance(a, i).present) out.member(scenario.actors[a].id, round.positions.at(a));
      out.end_object();
      out.end_object();
    }
    out.end_array();
  }
  if (!forecast.events.empty()) write_events(out, forecast.events);
  write_details(out, forecast.details);
  out.end_object();
}

void write_spatial_rounds(PrettyJson& out, const Scenario& scenario, const std::vector<SpatialRound>& rounds) {
  out.key("rounds");
  out.begin_array();
  for (const auto& round : rounds) {
    out.begin_object();
    out.member("round", round.round);
    out.key("positions");
    out.begin_object();
    for (std::size_t a = 0; a < scenario.actor_count(); ++a) {
      out.key(scenario.actors[a].id);
      out.begin_array();
      for (const double x : round.positions.at(a)) out.value(x);
      out.end_array();
    }
    out.end_object();
    out.end_object();
  }
  out.end_array();
}

void write_forecast(PrettyJson& out, const Scenario& scenario, const ModelRun& run) {
  out.begin_object();
  out.member("scenario", scenario.name);
  out.member("model", run.model);
  out.key("parameters");
  out.begin_object();
  for (const auto& [name, value] : run.parameters.all()) out.member(name, value);
  out.end_object();
  out.key("issues");
  out.begin_array();
  for (std::size_t i = 0; i < run.forecast.issues.size(); ++i) write_issue(out, scenario, i, run.forecast.issues[i]);
  out.end_array();
  if (!run.forecast.rounds.empty()) write_spatial_rounds(out, scenario, run.forecast.rounds);
  if (!run.forecast.events.empty()) write_events(out, run.forecast.events);
  write_details(out, run.forecast.details);
  out.end_object();
}

std::string number(double value) { return fmt::format("{:.6g}", value); }

// More than the JSON document of `runs` takes (model details aside, which are small), so that
// its text is not copied as it grows: a large run's text is megabytes, and every page a copy
// first touches costs the kernel a fault. Reserved pages nothing is written to are never
// touched, so a generous bound costs nothing.
std::size_t json_size_bound(const Scenario& scenario, const std::vector<ModelRun>& runs) {
  constexpr std::size_t line = 80;  // indentation, quotes, a key and a number
  std::size_t ids = 0;
  for (const auto& actor : scenario.actors) ids += actor.id.size();
  const auto events_size = [&](const std::vector<Event>& events) {
    std::size_t size = 0;
    for (const auto& event : events)
      size += event.text.size() + line * (8 + event.actors.size() + event.issues.size() + event.values.size()) +
              2 * ids;
    return size;
  };
  std::size_t size = 4096;
  for (const auto& run : runs) {
    size += line * (16 + run.parameters.all().size()) + events_size(run.forecast.events) +
            run.forecast.rounds.size() * (line * (4 + scenario.actor_count() * (2 + scenario.issue_count())) + ids);
    for (const auto& issue : run.forecast.issues)
      size += line * 8 + events_size(issue.events) + issue.rounds.size() * (line * (4 + scenario.actor_count()) + ids);
  }
  return size;
}

}  // namespace

std::string render_json(const Scenario& scenario, const std::vector<ModelRun>& runs) {
  std::string text;
  text.reserve(json_size_bound(scenario, runs));
  PrettyJson out(text);
  if (runs.size() == 1) {
    write_forecast(out, scenario, runs.front());
  } else {
    out.begin_object();
    out.member("scenario", scenario.name);
    out.key("forecasts");
    out.begin_array();
    for (const auto& run : runs) write_forecast(out, scenario, run);
    out.end_array();
    out.end_object();
  }
  text += '\n';
  return text;
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
