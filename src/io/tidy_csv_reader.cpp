// Tidy CSV: a header, then one row per actor × issue. Required columns: actor, issue, position,
// salience; optional: capability (default 1) and the descriptive columns below.
#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "readers.hpp"
#include "scenario_builder.hpp"

namespace parley::io {
namespace {

const std::vector<std::string> required_columns{"actor", "issue", "position", "salience"};
const std::vector<std::string> optional_columns{
    "capability", "actor_name", "groups", "issue_label", "scale_min", "scale_max", "status_quo", "outcome",
    "outcome_source", "issue_group", "decision_rule", "procedure", "position_source", "salience_source", "capability_source", "note", "notes", "comment"};

class TidyReader {
 public:
  TidyReader(const std::string& text, const std::string& file) : builder_(file), text_(text) {}

  ReaderOutput read() {
    const std::vector<CsvRow> rows = builder_.parse_rows(text_);
    if (rows.empty() || !read_header(rows.front())) return finish();
    if (rows.size() == 1) builder_.problem(rows.front().line, "", "the file has a header but no data rows");
    for (std::size_t r = 1; r < rows.size(); ++r) read_row(rows[r]);
    return finish();
  }

 private:
  bool read_header(const CsvRow& header) {
    for (std::size_t c = 0; c < header.fields.size(); ++c) {
      const std::string name = lowercase(header.fields[c]);
      const bool known = std::find(required_columns.begin(), required_columns.end(), name) != required_columns.end() ||
                         std::find(optional_columns.begin(), optional_columns.end(), name) != optional_columns.end();
      if (!known) builder_.problem(header.line, header.fields[c], "unknown column");
      else if (!columns_.try_emplace(name, c).second) builder_.problem(header.line, name, "column given twice");
    }
    bool complete = true;
    for (const auto& name : required_columns) {
      if (columns_.count(name)) continue;
      builder_.problem(header.line, name, "required column is missing");
      complete = false;
    }
    return complete;
  }

  std::string text(const CsvRow& row, const std::string& column) const { return field(row, columns_, column); }
  std::optional<double> optional_number(const CsvRow& row, const std::string& column) {
    return builder_.optional_number(row, columns_, column);
  }

  void read_row(const CsvRow& row) {
    const std::string actor = text(row, "actor");
    const std::string issue = text(row, "issue");
    if (actor.empty()) builder_.problem(row.line, "actor", "missing value");
    if (issue.empty()) builder_.problem(row.line, "issue", "missing value");
    auto position = builder_.number(row, columns_.at("position"), "position");
    auto salience = builder_.number(row, columns_.at("salience"), "salience");
    auto capability = optional_number(row, "capability");
    if (actor.empty() || issue.empty()) return;
    const std::size_t issue_index = builder_.issue(issue, row.line);
    const std::size_t actor_index = builder_.actor(actor, row.line);
    describe_issue(row, issue_index);
    describe_actor(row, actor_index, capability);
    if (!position || !salience) return;
    builder_.stance({actor, issue, *position, *salience, capability, row.line});
    sources_.push_back({actor_index, issue_index, text(row, "position_source"), text(row, "salience_source"),
                        text(row, "capability_source")});
  }

  void describe_actor(const CsvRow& row, std::size_t index, std::optional<double> capability) {
    Actor& actor = builder_.scenario().actors[index];
    if (const auto name = text(row, "actor_name"); !name.empty()) actor.name = name;
    if (capability && first_capability_.insert(index).second) actor.capability = *capability;
  }

  void describe_issue(const CsvRow& row, std::size_t index) {
    Issue& issue = builder_.scenario().issues[index];
    if (index >= has_scale_.size()) has_scale_.resize(index + 1, false);
    if (const auto label = text(row, "issue_label"); !label.empty()) issue.label = label;
    if (const auto group = text(row, "issue_group"); !group.empty()) issue.group = group;
    if (const auto source = text(row, "outcome_source"); !source.empty()) issue.outcome_source = source;
    if (const auto rule = text(row, "decision_rule"); !rule.empty()) issue.decision_rule = rule;
    if (const auto procedure = text(row, "procedure"); !procedure.empty()) issue.procedure = procedure;
    const auto low = optional_number(row, "scale_min");
    const auto high = optional_number(row, "scale_max");
    if (low && high) {
      issue.scale_min = *low;
      issue.scale_max = *high;
      has_scale_[index] = true;
    } else if (low || high) {
      builder_.problem(row.line, low ? "scale_max" : "scale_min", "give both scale_min and scale_max, or neither");
    }
    if (auto value = optional_number(row, "status_quo")) issue.status_quo = value;
    if (auto value = optional_number(row, "outcome")) issue.outcome = value;
  }

  ReaderOutput finish() {
    has_scale_.resize(builder_.scenario().issue_count(), false);
    auto [scenario, lines] = builder_.finish();
    for (const auto& s : sources_) {
      Stance& stance = scenario.stance(s.actor, s.issue);
      stance.position_source = s.position;
      stance.salience_source = s.salience;
      stance.capability_source = s.capability;
    }
    // An actor's capability is its first row's; rows that differ override it on their issue.
    for (std::size_t a = 0; a < scenario.actor_count(); ++a)
      for (std::size_t i = 0; i < scenario.issue_count(); ++i) {
        auto& override_value = scenario.stance(a, i).capability;
        if (override_value && *override_value == scenario.actors[a].capability) override_value.reset();
      }
    infer_scales(scenario, has_scale_);
    return {std::move(scenario), std::move(lines), std::move(builder_.problems())};
  }

  struct Sources {
    std::size_t actor, issue;
    std::string position, salience, capability;
  };

  ScenarioBuilder builder_;
  const std::string& text_;
  ColumnIndex columns_;
  std::vector<bool> has_scale_;
  std::set<std::size_t> first_capability_;
  std::vector<Sources> sources_;
};

}  // namespace

int recognise_tidy_csv(const std::string& path, const std::string& text) {
  const auto extension = lowercase(std::filesystem::path(path).extension().string());
  if (extension != ".csv" && extension != ".tsv" && extension != ".txt") return 0;
  // Columns are read by name, so an `issue` column anywhere after `actor` makes the file tidy
  // (a stakeholder table has no issue column: it names its one issue after the file).
  const auto header = first_row_fields(text);
  if (header.empty() || lowercase(header[0]) != "actor") return 0;
  return std::any_of(header.begin() + 1, header.end(), [](const std::string& name) { return lowercase(name) == "issue"; })
             ? 10
             : 0;
}

ReaderOutput read_tidy_csv(const std::string& text, const std::string& file) { return TidyReader(text, file).read(); }

}  // namespace parley::io
