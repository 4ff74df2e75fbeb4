#include "report_writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

#include "embedded_assets.hpp"

namespace parley::io {
namespace {

using json = nlohmann::json;

constexpr int chart_width = 760;

std::string display_name(const Actor& actor) { return actor.name.empty() ? actor.id : actor.name; }

std::string actor_name(const Scenario& scenario, const std::string& id) {
  const auto index = scenario.actor_index(id);
  return index ? display_name(scenario.actors[*index]) : id;
}

std::string number(double value) { return fmt::format("{:.4g}", value); }

// The same colour for an actor in every chart: Vega's tableau palettes, by actor order.
json actor_colours(const Scenario& scenario) {
  json domain = json::array();
  for (const auto& actor : scenario.actors) domain.push_back(display_name(actor));
  return {{"domain", domain}, {"scheme", scenario.actor_count() <= 10 ? "tableau10" : "tableau20"}};
}

json scale_axis(const Issue& issue) {
  std::string title = "position";
  if (!issue.min_meaning.empty() || !issue.max_meaning.empty())
    title = fmt::format("{} = {}   …   {} = {}", number(issue.scale_min), issue.min_meaning, number(issue.scale_max),
                        issue.max_meaning);
  return {{"field", "position"}, {"type", "quantitative"}, {"title", title},
          {"scale", {{"domain", {issue.scale_min, issue.scale_max}}, {"nice", false}}},
          {"axis", {{"labelLimit", 0}, {"titleLimit", chart_width}}}};
}

// `title` null: no axis title.
json quantity(const std::string& field, const json& title) {
  return {{"field", field}, {"type", "quantitative"}, {"title", title}};
}
json nominal(const std::string& field, const json& title) {
  return {{"field", field}, {"type", "nominal"}, {"title", title}};
}

json starting_rows(const Scenario& scenario, std::size_t issue) {
  json rows = json::array();
  for (std::size_t a = 0; a < scenario.actor_count(); ++a) {
    const Stance& stance = scenario.stance(a, issue);
    if (!stance.present) continue;
    const Actor& actor = scenario.actors[a];
    const double capability = scenario.capability(a, issue);
    const std::string capability_source = stance.capability ? stance.capability_source : actor.capability_source;
    rows.push_back({{"actor", display_name(actor)}, {"id", actor.id}, {"position", stance.position},
                    {"salience", stance.salience}, {"capability", capability}, {"weight", capability * stance.salience},
                    {"position source", stance.position_source}, {"salience source", stance.salience_source},
                    {"capability source", capability_source}, {"note", actor.note}});
  }
  return rows;
}

// Reference lines on the scale: the status quo and the observed outcome, when known.
json reference_rows(const Issue& issue) {
  json rows = json::array();
  if (issue.status_quo) rows.push_back({{"line", "status quo"}, {"position", *issue.status_quo}, {"source", issue.status_quo_source}});
  if (issue.outcome) rows.push_back({{"line", "observed outcome"}, {"position", *issue.outcome}, {"source", issue.outcome_source}});
  return rows;
}

json reference_names(const json& references) {
  json names = json::array();
  for (const auto& row : references) names.push_back(row["line"]);
  return names;
}

json forecast_rows(const std::vector<ModelRun>& runs, std::size_t issue) {
  json rows = json::array();
  for (const auto& run : runs)
    if (issue < run.forecast.issues.size()) {
      const double forecast = run.forecast.issues[issue].forecast;
      rows.push_back({{"model", run.model}, {"position", forecast}, {"label", number(forecast)}});
    }
  return rows;
}

json positions_spec(const Scenario& scenario, std::size_t i, const std::vector<ModelRun>& runs) {
  const Issue& issue = scenario.issues[i];
  const json x = scale_axis(issue);
  json actor_y = nominal("actor", nullptr);
  actor_y["sort"] = {{"field", "position"}, {"op", "min"}};
  actor_y["axis"] = {{"labelLimit", 240}};
  json strip_layers = json::array();
  const json references = reference_rows(issue);
  if (!references.empty())
    strip_layers.push_back({{"data", {{"values", references}}},
                            {"mark", {{"type", "rule"}, {"color", "#555555"}, {"strokeWidth", 2}}},
                            {"encoding", {{"x", x},
                                          {"strokeDash", {{"field", "line"}, {"type", "nominal"}, {"title", "reference"},
                                                          {"scale", {{"domain", {"status quo", "observed outcome"}},
                                                                     {"range", {{6, 4}, {2, 2}}}}},
                                                          {"legend", {{"values", reference_names(references)}}}}},
                                          {"tooltip", {nominal("line", "line"), quantity("position", "position"),
                                                       nominal("source", "source")}}}}});
  strip_layers.push_back({{"data", {{"values", forecast_rows(runs, i)}}},
                          {"mark", {{"type", "rule"}, {"color", "#9e9e9e"}, {"strokeWidth", 1}}},
                          {"encoding", {{"x", x}, {"tooltip", {nominal("model", "model"), quantity("position", "forecast")}}}}});
  json colour = nominal("actor", "actor");
  colour["scale"] = actor_colours(scenario);
  colour["legend"] = nullptr;
  json tooltip = json::array();
  for (const char* field : {"actor", "position source", "salience source", "capability source", "note"})
    tooltip.push_back(nominal(field, field));
  for (const char* field : {"position", "salience", "capability", "weight"}) tooltip.push_back(quantity(field, field));
  strip_layers.push_back(
      {{"mark", {{"type", "circle"}, {"opacity", 0.85}, {"stroke", "#333333"}, {"strokeWidth", 0.6}}},
       {"encoding", {{"x", x}, {"y", actor_y},
                     {"size", {{"field", "weight"}, {"type", "quantitative"}, {"title", "capability × salience"},
                               {"scale", {{"range", {40, 900}}, {"zero", true}}}}},
                     {"color", colour}, {"tooltip", tooltip}}}});
  const json strip{{"width", chart_width}, {"height", {{"step", 30}}}, {"data", {{"values", starting_rows(scenario, i)}}},
                   {"title", {{"text", "Starting positions"}, {"subtitle", "circle area: capability × salience; grey lines: the models' forecasts"}}},
                   {"layer", strip_layers}};
  json model_y = nominal("model", nullptr);
  model_y["sort"] = nullptr;
  const json models{{"width", chart_width}, {"height", {{"step", 26}}}, {"data", {{"values", forecast_rows(runs, i)}}},
                    {"title", "Each model's forecast"},
                    {"layer", {{{"mark", {{"type", "point"}, {"shape", "diamond"}, {"filled", true}, {"size", 140}, {"color", "#1f1f1f"}}},
                                {"encoding", {{"x", x}, {"y", model_y}, {"tooltip", {nominal("model", "model"), quantity("position", "forecast")}}}}},
                               {{"mark", {{"type", "text"}, {"align", "left"}, {"dx", 10}, {"fontSize", 12}}},
                                {"encoding", {{"x", x}, {"y", model_y}, {"text", {{"field", "label"}}}}}}}}};
  return {{"vconcat", {strip, models}}, {"spacing", 24}};
}

// Positions round by round: the issue's own rounds, else the matching dimension of a spatial model.
json trajectory_rows(const Scenario& scenario, std::size_t i, const std::vector<ModelRun>& runs) {
  json rows = json::array();
  auto add = [&](const std::string& model, int round, std::size_t actor, double position) {
    rows.push_back({{"model", model}, {"round", round}, {"actor", display_name(scenario.actors[actor])}, {"position", position}});
  };
  for (const auto& run : runs) {
    const bool own = i < run.forecast.issues.size() && run.forecast.issues[i].rounds.size() > 1;
    if (own) {
      for (const auto& round : run.forecast.issues[i].rounds)
        for (std::size_t a = 0; a < scenario.actor_count() && a < round.positions.size(); ++a)
          if (scenario.stance(a, i).present) add(run.model, round.round, a, round.positions[a]);
    } else if (run.forecast.rounds.size() > 1) {
      for (const auto& round : run.forecast.rounds)
        for (std::size_t a = 0; a < scenario.actor_count() && a < round.positions.size(); ++a)
          if (scenario.stance(a, i).present && i < round.positions[a].size()) add(run.model, round.round, a, round.positions[a][i]);
    }
  }
  return rows;
}

json trajectories_spec(const Scenario& scenario, std::size_t i, const json& rows) {
  json y = scale_axis(scenario.issues[i]);
  y["axis"]["titleLimit"] = 300;
  json colour = nominal("actor", "actor");
  colour["scale"] = actor_colours(scenario);
  const json round{{"field", "round"}, {"type", "quantitative"}, {"title", "round"}, {"axis", {{"tickMinStep", 1}, {"format", "d"}}}};
  const json tooltip{nominal("model", "model"), nominal("actor", "actor"), quantity("round", "round"), quantity("position", "position")};
  return {{"data", {{"values", rows}}},
          {"title", {{"text", "Positions round by round"}, {"subtitle", "dynamic models; round 0 is the input"}}},
          {"facet", {{"field", "model"}, {"type", "nominal"}, {"title", nullptr}, {"header", {{"labelFontSize", 13}, {"labelFontWeight", "bold"}}}}},
          {"columns", 2},
          {"spec", {{"width", 360}, {"height", 240},
                    {"layer", {{{"mark", {{"type", "line"}, {"strokeWidth", 2}}}, {"encoding", {{"x", round}, {"y", y}, {"color", colour}}}},
                               {{"mark", {{"type", "point"}, {"filled", true}, {"size", 30}}},
                                {"encoding", {{"x", round}, {"y", y}, {"color", colour}, {"tooltip", tooltip}}}}}}}},
          {"resolve", {{"scale", {{"x", "independent"}}}}}};
}

// details["perspectives"]: {"round", "actors": [{"actor", "others": [{"other", "eu_i_challenges_j",
// "eu_j_challenges_i"}]}]}, or the actor list itself.
json perspective_rows(const Scenario& scenario, const json& perspectives) {
  const json& actors = perspectives.is_object() ? perspectives.value("actors", json::array()) : perspectives;
  json rows = json::array();
  if (!actors.is_array()) return rows;
  for (const auto& actor : actors) {
    if (!actor.is_object() || !actor.contains("others") || !actor["others"].is_array()) continue;
    const std::string name = actor_name(scenario, actor.value("actor", std::string()));
    for (const auto& other : actor["others"]) {
      if (!other.is_object() || !other.contains("eu_i_challenges_j") || !other.contains("eu_j_challenges_i")) continue;
      if (!other["eu_i_challenges_j"].is_number() || !other["eu_j_challenges_i"].is_number()) continue;
      rows.push_back({{"actor", name}, {"other", actor_name(scenario, other.value("other", std::string()))},
                      {"challenge", other["eu_i_challenges_j"]}, {"challenged", other["eu_j_challenges_i"]}});
    }
  }
  return rows;
}

std::string chosen_actor(const Scenario& scenario, const json& rows, const std::string& wanted) {
  const std::string name = actor_name(scenario, wanted);
  for (const auto& row : rows)
    if (row["actor"] == name) return name;
  return rows.front()["actor"].get<std::string>();
}

json perspectives_spec(const Scenario& scenario, const json& rows, int round, const std::string& wanted) {
  json options = json::array();
  for (const auto& row : rows)
    if (std::find(options.begin(), options.end(), row["actor"]) == options.end()) options.push_back(row["actor"]);
  json colour = nominal("other", "other actor");
  colour["scale"] = actor_colours(scenario);
  colour["legend"] = nullptr;
  const json x = quantity("challenge", "chosen actor's expected utility of challenging the other");
  const json y = quantity("challenged", "the other's expected utility of challenging the chosen actor");
  const json chosen_only = json::array({json{{"filter", "datum.actor == chosen"}}});
  const json zero{{"values", json::array({json{{"zero", 0}}})}};
  std::string subtitle = "as the chosen actor sees it; pick the actor above the chart";
  if (round > 0) subtitle += fmt::format(" (round {})", round);
  return {{"data", {{"values", rows}}},
          {"title", {{"text", "EUM perspective of the chosen actor"}, {"subtitle", subtitle}}},
          {"width", 520}, {"height", 420},
          {"params", json::array({json{{"name", "chosen"}, {"value", chosen_actor(scenario, rows, wanted)},
                                       {"bind", {{"input", "select"}, {"options", options}, {"name", "Perspective of "}}}}})},
          {"layer", {{{"data", zero}, {"mark", {{"type", "rule"}, {"color", "#888888"}}}, {"encoding", {{"x", quantity("zero", nullptr)}}}},
                     {{"data", zero}, {"mark", {{"type", "rule"}, {"color", "#888888"}}}, {"encoding", {{"y", quantity("zero", nullptr)}}}},
                     {{"transform", chosen_only}, {"mark", {{"type", "point"}, {"filled", true}, {"size", 110}}},
                      {"encoding", {{"x", x}, {"y", y}, {"color", colour},
                                    {"tooltip", {nominal("actor", "chosen actor"), nominal("other", "other actor"),
                                                 quantity("challenge", "EU of challenging the other"),
                                                 quantity("challenged", "other's EU of challenging")}}}}},
                     {{"transform", chosen_only}, {"mark", {{"type", "text"}, {"align", "left"}, {"dx", 8}, {"fontSize", 12}}},
                      {"encoding", {{"x", x}, {"y", y}, {"text", {{"field", "other"}}}}}}}}};
}

bool names_issue(const Event& event, const std::string& issue) {
  return std::find(event.issues.begin(), event.issues.end(), issue) != event.issues.end();
}

// The issue's events of one run: its own, and the run-wide ones that name it.
std::vector<const Event*> issue_events(const ModelRun& run, std::size_t i, const std::string& issue) {
  std::vector<const Event*> events;
  if (i < run.forecast.issues.size())
    for (const auto& event : run.forecast.issues[i].events) events.push_back(&event);
  for (const auto& event : run.forecast.events)
    if (names_issue(event, issue)) events.push_back(&event);
  return events;
}

// Collects sensitivity figures; `model` is the nearest enclosing model name.
void collect_sensitivity(const json& node, const std::string& model, json& rows) {
  if (node.is_array()) {
    for (const auto& item : node) collect_sensitivity(item, model, rows);
    return;
  }
  if (!node.is_object()) return;
  const std::string here = node.contains("model") && node["model"].is_string() ? node["model"].get<std::string>() : model;
  if (node.contains("issue") && node["issue"].is_string()) {
    const std::string issue = node["issue"];
    for (const char* key : {"draws", "samples", "forecasts", "values"})
      if (node.contains(key) && node[key].is_array())
        for (const auto& draw : node[key])
          if (draw.is_number()) rows.push_back({{"model", here}, {"issue", issue}, {"draw", draw}});
    // `parley sensitivity --format json`: the interval's ends and median, and the unperturbed forecast.
    for (const char* key : {"p05", "median", "p95", "forecast"})
      if (node.contains(key) && node[key].is_number())
        rows.push_back({{"model", here}, {"issue", issue}, {"quantile", key}, {"value", node[key]}});
    if (node.contains("quantiles")) {
      const json& quantiles = node["quantiles"];
      if (quantiles.is_object()) {
        for (const auto& [level, value] : quantiles.items())
          if (value.is_number()) rows.push_back({{"model", here}, {"issue", issue}, {"quantile", level}, {"value", value}});
      } else if (quantiles.is_array()) {
        for (const auto& q : quantiles) {
          if (!q.is_object() || !q.contains("value") || !q["value"].is_number()) continue;
          std::string level;
          for (const char* key : {"q", "quantile", "p", "level"})
            if (q.contains(key)) level = q[key].is_string() ? q[key].get<std::string>() : q[key].dump();
          rows.push_back({{"model", here}, {"issue", issue}, {"quantile", level}, {"value", q["value"]}});
        }
      }
    }
    return;
  }
  for (const auto& [key, value] : node.items()) collect_sensitivity(value, here, rows);
}

json rows_for_issue(const json& rows, const std::string& issue, const char* kind) {
  json selected = json::array();
  for (const auto& row : rows)
    if (row["issue"] == issue && row.contains(kind)) selected.push_back(row);
  return selected;
}

// The sensitivity command's figures, one row per model: the 5–95 % interval as a bar, the
// median as a tick, the unperturbed forecast as a diamond (labels would overlap when they are
// close, as they mostly are).
json interval_chart(const json& axis, const json& quantiles) {
  const auto at = [&](const char* field) {
    json x = axis;
    x["field"] = field;
    return x;
  };
  const json y = nominal("model", nullptr);
  const json tooltip = {nominal("model", "model"), quantity("p05", "5 %"), quantity("median", "median"),
                        quantity("p95", "95 %"), quantity("forecast", "unperturbed forecast")};
  return {{"width", chart_width},
          {"height", {{"step", 22}}},
          {"data", {{"values", quantiles}}},
          {"transform", {{{"pivot", "quantile"}, {"value", "value"}, {"groupby", {"model"}}}}},
          {"layer",
           {{{"mark", {{"type", "rule"}, {"strokeWidth", 6}, {"opacity", 0.35}}},
             {"encoding", {{"x", at("p05")}, {"x2", {{"field", "p95"}}}, {"y", y}, {"tooltip", tooltip}}}},
            {{"mark", {{"type", "tick"}, {"thickness", 2}}}, {"encoding", {{"x", at("median")}, {"y", y}, {"tooltip", tooltip}}}},
            {{"mark", {{"type", "point"}, {"shape", "diamond"}, {"filled", true}, {"size", 70}, {"color", "#444"}}},
             {"encoding", {{"x", at("forecast")}, {"y", y}, {"tooltip", tooltip}}}}}}};
}

json sensitivity_spec(const Issue& issue, const json& draws, const json& quantiles) {
  json x = scale_axis(issue);
  json layers = json::array();
  json charts = json::array();
  if (!draws.empty()) {
    json binned = x;
    binned["field"] = "draw";
    binned["bin"] = {{"maxbins", 40}, {"extent", {issue.scale_min, issue.scale_max}}};
    charts.push_back({{"width", chart_width}, {"height", 160}, {"data", {{"values", draws}}},
                      {"mark", {{"type", "bar"}, {"opacity", 0.7}}},
                      {"encoding", {{"x", binned}, {"y", {{"aggregate", "count"}, {"title", "draws"}, {"stack", nullptr}}},
                                    {"color", {{"field", "model"}, {"type", "nominal"}, {"title", "model"}, {"scale", {{"scheme", "category10"}}}}},
                                    {"tooltip", {nominal("model", "model"), {{"aggregate", "count"}, {"title", "draws"}}}}}}});
  }
  const bool interval = std::any_of(quantiles.begin(), quantiles.end(), [](const json& row) { return row["quantile"] == "p05"; });
  if (interval) charts.push_back(interval_chart(x, quantiles));
  else if (!quantiles.empty()) {
    json value = x;
    value["field"] = "value";
    charts.push_back({{"width", chart_width}, {"height", {{"step", 26}}}, {"data", {{"values", quantiles}}},
                      {"layer", {{{"mark", {{"type", "tick"}, {"thickness", 2}}},
                                  {"encoding", {{"x", value}, {"y", nominal("model", nullptr)},
                                                {"tooltip", {nominal("model", "model"), nominal("quantile", "quantile"), quantity("value", "value")}}}}},
                                 {{"mark", {{"type", "text"}, {"dy", -12}, {"fontSize", 10}}},
                                  {"encoding", {{"x", value}, {"y", nominal("model", nullptr)}, {"text", {{"field", "quantile"}}}}}}}}});
  }
  const std::string subtitle = interval ? "bar: 5–95 % of the draws; tick: their median; diamond: the unperturbed forecast"
                                        : "distribution over the perturbed inputs";
  return {{"title", {{"text", "Sensitivity of the forecast"}, {"subtitle", subtitle}}},
          {"vconcat", charts}};
}

std::string chart_id(std::size_t issue, const std::string& kind) { return fmt::format("chart-{}-{}", issue + 1, kind); }

// JSON inside <script>: no "<" (so no "</script>" or "<!--"), and no invalid UTF-8.
std::string script_json(const json& value) {
  const std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  std::string safe;
  safe.reserve(text.size());
  for (char c : text) {
    if (c == '<') safe += "\\u003c";
    else if (c == '>') safe += "\\u003e";
    else if (c == '&') safe += "\\u0026";
    else safe += c;
  }
  return safe;
}

std::string events_html(const Scenario& scenario, std::size_t i, const std::vector<ModelRun>& runs) {
  const std::string& issue = scenario.issues[i].id;
  std::string exchanges;
  std::size_t exchange_count = 0;
  std::string others;
  for (const auto& run : runs) {
    std::string items;
    std::size_t count = 0;
    for (const Event* event : issue_events(run, i, issue)) {
      if (event->kind == "exchange") {
        std::string actors;
        for (const auto& id : event->actors) actors += (actors.empty() ? "" : " ⇄ ") + actor_name(scenario, id);
        std::string gain;
        for (const auto& [name, value] : event->values)
          if (name == "gain") gain = number(value);
        ++exchange_count;
        exchanges += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", html_escape(run.model),
                                 event->round, html_escape(actors), gain, html_escape(event->text));
      } else {
        items += fmt::format("<li><span class=\"round\">round {}</span> <span class=\"kind\">{}</span> {}</li>\n", event->round,
                             html_escape(event->kind), html_escape(event->text));
        ++count;
      }
    }
    if (count > 0)
      others += fmt::format("<details><summary>{}: {} event{} on this issue</summary><ol>\n{}</ol></details>\n",
                            html_escape(run.model), count, count == 1 ? "" : "s", items);
  }
  std::string html;
  // A long list starts folded, so that the next issue's charts stay near.
  if (!exchanges.empty())
    html += fmt::format("<h3>Exchanges</h3>\n<details class=\"exchanges\"{}><summary>{} exchange{} involving this issue</summary>\n"
                        "<table class=\"events\"><thead><tr><th>model</th><th>round</th><th>actors</th><th>gain</th>"
                        "<th>what happened</th></tr></thead><tbody>\n{}</tbody></table></details>\n",
                        exchange_count <= 12 ? " open" : "", exchange_count, exchange_count == 1 ? "" : "s", exchanges);
  if (!others.empty()) html += "<h3>What happened, round by round</h3>\n" + others;
  return html;
}

std::string issue_html(const Scenario& scenario, std::size_t i, const std::vector<ReportChart>& charts,
                       const std::vector<ModelRun>& runs) {
  const Issue& issue = scenario.issues[i];
  std::string html = fmt::format("<section class=\"issue\" id=\"issue-{}\" data-issue=\"{}\">\n<h2>{}</h2>\n", i + 1,
                                 html_escape(issue.id), html_escape(issue.label.empty() ? issue.id : issue.label));
  html += fmt::format("<p class=\"scale\">Scale {} to {}: {} = <em>{}</em>, {} = <em>{}</em>.", number(issue.scale_min),
                      number(issue.scale_max), number(issue.scale_min), html_escape(issue.min_meaning),
                      number(issue.scale_max), html_escape(issue.max_meaning));
  if (issue.status_quo)
    html += fmt::format(" <span class=\"source\" title=\"{}\">Status quo: {}.</span>", html_escape(issue.status_quo_source),
                        number(*issue.status_quo));
  html += "</p>\n";
  for (const auto& chart : charts)
    if (chart.issue == i) html += fmt::format("<div class=\"chart {}\" id=\"{}\"></div>\n", chart.kind, chart.id);
  return html + events_html(scenario, i, runs) + "</section>\n";
}

constexpr std::string_view page_style = R"(
body { font-family: "Segoe UI", Helvetica, Arial, sans-serif; color: #1a1a1a; margin: 2em auto; max-width: 1100px; padding: 0 1em; line-height: 1.4; }
h1 { margin-bottom: 0.2em; } h2 { border-top: 2px solid #ddd; padding-top: 0.8em; margin-top: 2em; }
.meta { color: #555; } .source { border-bottom: 1px dotted #777; cursor: help; }
.chart { margin: 1em 0 1.5em; }
table.events { border-collapse: collapse; font-size: 0.9em; } table.events td, table.events th { border: 1px solid #ccc; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
details { margin: 0.4em 0; } .round { color: #555; font-variant-numeric: tabular-nums; } .kind { font-weight: 600; }
#errors { background: #fde8e8; border: 1px solid #d33; padding: 0.5em 1em; }
#render-status { color: #777; font-size: 0.85em; }
.vega-bind { margin-bottom: 0.4em; font-weight: 600; }
)";

// Draws every chart, and records in the page what happened: #render-status says how many were
// drawn, #errors lists every failure (read by the browser test, shown to the reader).
constexpr std::string_view page_script = R"(
(function () {
  var errors = document.getElementById('errors');
  var failures = 0;
  function fail(message) {
    failures += 1;
    errors.hidden = false;
    var item = document.createElement('li');
    item.textContent = message;
    errors.querySelector('ul').appendChild(item);
  }
  window.addEventListener('error', function (event) { fail('script error: ' + event.message); });
  var status = document.getElementById('render-status');
  var charts;
  try {
    charts = JSON.parse(document.getElementById('parley-charts').textContent);
  } catch (error) {
    fail('chart data: ' + error);
    return;
  }
  Promise.all(charts.map(function (chart) {
    return vegaEmbed('#' + chart.id, chart.spec, { actions: false, renderer: 'svg' })
      .catch(function (error) { fail(chart.id + ': ' + error); });
  })).then(function () {
    var drawn = charts.filter(function (chart) { return document.querySelector('#' + chart.id + ' svg'); }).length;
    status.textContent = 'Charts drawn: ' + drawn + ' of ' + charts.length + '.';
    status.setAttribute('data-state', failures === 0 && drawn === charts.length ? 'done' : 'failed');
  });
})();
)";

}  // namespace

std::string html_escape(const std::string& text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': escaped += "&amp;"; break;
      case '<': escaped += "&lt;"; break;
      case '>': escaped += "&gt;"; break;
      case '"': escaped += "&quot;"; break;
      case '\'': escaped += "&#39;"; break;
      default: escaped += c;
    }
  }
  return escaped;
}

json sensitivity_rows(const json& sensitivity) {
  json rows = json::array();
  collect_sensitivity(sensitivity, "", rows);
  return rows;
}

std::vector<ReportChart> report_charts(const Scenario& scenario, const std::vector<ModelRun>& runs,
                                       const ReportOptions& options) {
  const json sensitivity = sensitivity_rows(options.sensitivity);
  std::vector<ReportChart> charts;
  auto add = [&](std::size_t i, const std::string& kind, json spec) {
    spec["config"] = {{"font", "Helvetica, Arial, sans-serif"}, {"axis", {{"labelFontSize", 12}, {"titleFontSize", 12}}},
                      {"title", {{"fontSize", 15}, {"anchor", "start"}, {"subtitleColor", "#555555"}}},
                      {"legend", {{"titleLimit", 300}, {"labelLimit", 300}}},
                      {"range", {{"category", {{"scheme", "tableau10"}}}}}};
    charts.push_back({chart_id(i, kind), i, kind, std::move(spec)});
  };
  for (std::size_t i = 0; i < scenario.issue_count(); ++i) {
    add(i, "positions", positions_spec(scenario, i, runs));
    const json trajectories = trajectory_rows(scenario, i, runs);
    if (!trajectories.empty()) add(i, "trajectories", trajectories_spec(scenario, i, trajectories));
    for (const auto& run : runs) {
      if (i >= run.forecast.issues.size() || !run.forecast.issues[i].details.contains("perspectives")) continue;
      const json& perspectives = run.forecast.issues[i].details["perspectives"];
      const json rows = perspective_rows(scenario, perspectives);
      const int round = perspectives.is_object() && perspectives.contains("round") && perspectives["round"].is_number_integer()
                            ? perspectives["round"].get<int>() : 0;
      if (!rows.empty()) add(i, "perspectives", perspectives_spec(scenario, rows, round, options.perspective_actor));
      break;
    }
    const std::string& id = scenario.issues[i].id;
    const json draws = rows_for_issue(sensitivity, id, "draw");
    const json quantiles = rows_for_issue(sensitivity, id, "quantile");
    if (!draws.empty() || !quantiles.empty()) add(i, "sensitivity", sensitivity_spec(scenario.issues[i], draws, quantiles));
  }
  return charts;
}

std::string render_report(const Scenario& scenario, const std::vector<ModelRun>& runs, const ReportOptions& options) {
  const auto charts = report_charts(scenario, runs, options);
  json chart_list = json::array();
  for (const auto& chart : charts) chart_list.push_back({{"id", chart.id}, {"spec", chart.spec}});
  const std::string title = scenario.title.empty() ? scenario.name : scenario.title;
  std::string models;
  for (const auto& run : runs) models += (models.empty() ? "" : ", ") + run.model;

  std::string html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  html += fmt::format("<title>{} — parley report</title>\n<style>{}</style>\n", html_escape(title), page_style);
  for (const auto script : {embedded::vega_js, embedded::vega_lite_js, embedded::vega_embed_js})
    html += "<script>" + std::string(script) + "</script>\n";
  html += "</head>\n<body>\n";
  html += fmt::format("<h1>{}</h1>\n", html_escape(title));
  if (!scenario.description.empty()) html += fmt::format("<p>{}</p>\n", html_escape(scenario.description));
  html += fmt::format("<p class=\"meta\">Scenario <code>{}</code>", html_escape(scenario.name));
  if (!scenario.source.empty())
    html += fmt::format(", from <span class=\"source\" title=\"{0}\">{0}</span>", html_escape(scenario.source));
  html += fmt::format(". {} actors, {} issues. Models: {}. Hover over a circle for the source of each figure.</p>\n",
                      scenario.actor_count(), scenario.issue_count(), html_escape(models));
  html += "<div id=\"errors\" hidden><strong>Some charts could not be drawn:</strong><ul></ul></div>\n";
  for (std::size_t i = 0; i < scenario.issue_count(); ++i) html += issue_html(scenario, i, charts, runs);
  html += fmt::format("<footer><p id=\"render-status\" data-state=\"pending\">Drawing charts…</p><p class=\"meta\">Made by {}; "
                      "charts by Vega-Lite (BSD-3-Clause).</p></footer>\n",
                      html_escape(options.generator.empty() ? "parley" : options.generator));
  html += "<script type=\"application/json\" id=\"parley-charts\">" + script_json(chart_list) + "</script>\n";
  html += "<script>" + std::string(page_script) + "</script>\n</body>\n</html>\n";
  return html;
}

}  // namespace parley::io
