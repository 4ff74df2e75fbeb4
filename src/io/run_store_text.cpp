// The run store's contents as text for people: `parley runs list|show|diff`.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <sstream>

#include "run_store.hpp"

namespace parley::io {
namespace {

std::string joined(const std::vector<std::string>& items, const char* separator) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : separator) + item;
  return text;
}

std::string list_line(const StoredRunHeader& run) {
  return fmt::format("{:>4}  {}  {:<11}  {:<20}  sha256:{}  parley {}  {}", run.id, run.created_at, run.command,
                     run.scenario_name, run.scenario_hash.substr(0, 12), run.parley_version, joined(run.models, ","));
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) lines.push_back(line);
  return lines;
}

// The lines that differ between two texts (longest common subsequence), marked "-" and "+".
std::string line_diff(const std::string& a, const std::string& b) {
  const auto left = lines_of(a);
  const auto right = lines_of(b);
  const std::size_t n = left.size();
  const std::size_t m = right.size();
  std::vector<std::size_t> common((n + 1) * (m + 1), 0);  // common[i*(m+1)+j]: LCS of left[i..], right[j..]
  for (std::size_t i = n; i-- > 0;)
    for (std::size_t j = m; j-- > 0;)
      common[i * (m + 1) + j] = left[i] == right[j] ? common[(i + 1) * (m + 1) + j + 1] + 1
                                                    : std::max(common[(i + 1) * (m + 1) + j], common[i * (m + 1) + j + 1]);
  std::string out;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && left[i] == right[j]) {
      ++i;
      ++j;
    } else if (j == m || (i < n && common[(i + 1) * (m + 1) + j] >= common[i * (m + 1) + j + 1])) {
      out += fmt::format("  - {:>4}: {}\n", i + 1, left[i]);
      ++i;
    } else {
      out += fmt::format("  + {:>4}: {}\n", j + 1, right[j]);
      ++j;
    }
  }
  return out;
}

std::string parameters_text(const nlohmann::json& parameters) {
  std::string text;
  for (const auto& [name, value] : parameters.items())
    text += (text.empty() ? "" : " ") + name + "=" + (value.is_string() ? value.get<std::string>() : value.dump());
  return text.empty() ? "(none)" : text;
}

std::string value(std::optional<double> forecast) { return forecast ? fmt::format("{:.6g}", *forecast) : "-"; }

}  // namespace

std::string render_run_list(const std::vector<StoredRunHeader>& runs) {
  std::string out;
  for (const auto& run : runs) out += list_line(run) + "\n";
  return out;
}

std::string render_run(const StoredRun& run) {
  const auto& h = run.header;
  std::string out = fmt::format("run {}\n  created   {}\n  command   {} (parley {})\n  scenario  {} from {}\n  sha256    {}\n",
                                h.id, h.created_at, h.command, h.parley_version, h.scenario_name, h.scenario_file,
                                h.scenario_hash);
  out += "models\n";
  for (const auto& model : run.models)
    out += fmt::format("  {:<16} {}{}\n", model.model, parameters_text(model.parameters),
                       model.seed.empty() ? "" : "  (seed " + model.seed + ")");
  out += fmt::format("forecasts\n  {:<16} {:<24} {:>14}\n", "model", "issue", "forecast");
  for (const auto& f : run.forecasts) out += fmt::format("  {:<16} {:<24} {:>14.6g}\n", f.model, f.issue, f.forecast);
  out += fmt::format("recorded: {} position rows (round by round), {} events, {} summaries\n", run.position_rows,
                     run.event_rows, run.summaries.size());
  for (const auto& s : run.summaries)
    out += fmt::format("  {} {} {}: {}\n", s.kind, s.model.empty() ? "-" : s.model, s.issue.empty() ? "-" : s.issue,
                       s.value.dump());
  return out;
}

std::string render_run_diff(const StoredRun& a, const StoredRun& b) {
  std::string out = fmt::format("run {}: {}\nrun {}: {}\n", a.header.id, list_line(a.header), b.header.id, list_line(b.header));
  if (a.header.scenario_hash == b.header.scenario_hash) {
    out += "scenario: the same text\n";
  } else {
    out += fmt::format("scenario: the texts differ (- run {}, + run {}):\n", a.header.id, b.header.id);
    out += line_diff(a.scenario_text, b.scenario_text);
  }
  std::map<std::string, const StoredModel*> models_b;
  for (const auto& model : b.models) models_b[model.model] = &model;
  for (const auto& model : a.models) {
    const auto other = models_b.find(model.model);
    if (other != models_b.end() && other->second->parameters != model.parameters)
      out += fmt::format("parameters of {}: {} → {}\n", model.model, parameters_text(model.parameters),
                         parameters_text(other->second->parameters));
  }
  // Every (model, issue) of either run, in run a's order, then the ones only run b has.
  std::vector<std::pair<std::string, std::string>> keys;
  std::map<std::pair<std::string, std::string>, std::pair<std::optional<double>, std::optional<double>>> values;
  for (const auto* run : {&a, &b})
    for (const auto& f : run->forecasts) {
      const auto key = std::make_pair(f.model, f.issue);
      if (!values.count(key)) keys.push_back(key);
      (run == &a ? values[key].first : values[key].second) = f.forecast;
    }
  out += fmt::format("{:<16} {:<24} {:>14} {:>14} {:>14}\n", "model", "issue", fmt::format("run {}", a.header.id),
                     fmt::format("run {}", b.header.id), "change");
  std::size_t changed = 0;
  for (const auto& key : keys) {
    const auto& [left, right] = values[key];
    std::string change = "-";
    if (left && right) {
      change = *left == *right ? "0" : fmt::format("{:+.6g}", *right - *left);
      if (*left != *right) ++changed;
    } else {
      ++changed;
    }
    out += fmt::format("{:<16} {:<24} {:>14} {:>14} {:>14}\n", key.first, key.second, value(left), value(right), change);
  }
  out += fmt::format("{} of {} forecasts differ\n", changed, keys.size());
  return out;
}

}  // namespace parley::io
