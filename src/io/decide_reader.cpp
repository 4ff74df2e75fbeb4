// decide-exchange-model's input format ("decide"): one record per line, fields separated by tabs
// or semicolons and optionally quoted with single quotes. The first field is a tag:
//   #A  actor:  id, name, comment
//   #P  issue:  id, name, description
//   #M  issue bound:  issue id, value[, meaning]  (the smallest value is the lower end, the
//       largest the upper end; an issue without #M rows spans 0–100)
//   #D  data:  actor id, issue id, position, salience (0–1), power[, comment]
// Every other line (#/, #O, text) is a comment. An actor without a #D row for an issue sits that
// issue out. Power is the actor's capability; where it differs between issues, the stances carry
// it as an override.
#include <algorithm>
#include <map>
#include <set>

#include "readers.hpp"
#include "scenario_builder.hpp"

namespace parley::io {
namespace {

constexpr char quote = '\'';

// The reference sniffs the separator from the start of the file: tab unless semicolons dominate.
char decide_delimiter(std::string_view text) {
  const std::string_view head = text.substr(0, 1024);
  const auto tabs = std::count(head.begin(), head.end(), '\t');
  const auto semicolons = std::count(head.begin(), head.end(), ';');
  return tabs >= semicolons ? '\t' : ';';
}

bool is_actor_tag(std::string_view line) {
  line = trim(line);
  return line.starts_with("'#A'") || line.starts_with("#A\t") || line.starts_with("#A;");
}

struct Bound {
  double value;
  int line;
};

class DecideReader {
 public:
  DecideReader(const std::string& text, const std::string& file) : text_(text), builder_(file) {}

  ReaderOutput read() {
    std::vector<CsvRow> rows;
    try {
      rows = parse_csv(strip_bom(text_), {decide_delimiter(text_), quote});
    } catch (const std::exception& error) {
      builder_.problem(0, "", error.what());
    }
    std::erase_if(rows, [](const CsvRow& row) { return row.fields.empty(); });
    for (const CsvRow& row : rows) {
      const std::string& tag = row.fields.front();
      if (tag == "#A") read_actor(row);
      else if (tag == "#P") read_issue(row);
    }
    // Bounds and data may name issues declared further down; read them once all are known.
    for (const CsvRow& row : rows) {
      const std::string& tag = row.fields.front();
      if (tag == "#M") read_bound(row);
      else if (tag == "#D") read_data(row);
    }
    apply_bounds();
    auto [scenario, lines] = builder_.finish();
    return ReaderOutput{std::move(scenario), std::move(lines), std::move(builder_.problems())};
  }

 private:
  // The id in `column`, or empty with a problem recorded.
  std::string id(const CsvRow& row, std::size_t column, const std::string& field) {
    const std::string value = column < row.fields.size() ? row.fields[column] : std::string();
    if (value.empty()) builder_.problem(row.line, field, "missing value");
    return value;
  }

  static std::string optional_text(const CsvRow& row, std::size_t column) {
    return column < row.fields.size() ? row.fields[column] : std::string();
  }

  void read_actor(const CsvRow& row) {
    const std::string actor_id = id(row, 1, "actor id");
    if (actor_id.empty() || declared_actors_.contains(actor_id)) return;
    declared_actors_[actor_id] = row.line;
    Actor& actor = builder_.scenario().actors[builder_.actor(actor_id, row.line)];
    const std::string name = optional_text(row, 2);
    if (!name.empty()) actor.name = name;
    actor.note = optional_text(row, 3);
  }

  void read_issue(const CsvRow& row) {
    const std::string issue_id = id(row, 1, "issue id");
    if (issue_id.empty() || declared_issues_.contains(issue_id)) return;
    declared_issues_[issue_id] = row.line;
    Issue& issue = builder_.scenario().issues[builder_.issue(issue_id, row.line)];
    const std::string name = optional_text(row, 2);
    if (!name.empty()) issue.label = name;
  }

  bool known_issue(const CsvRow& row, const std::string& issue_id) {
    if (declared_issues_.contains(issue_id)) return true;
    builder_.problem(row.line, "issue id", "issue '" + issue_id + "' has no #P row");
    return false;
  }

  void read_bound(const CsvRow& row) {
    const std::string issue_id = id(row, 1, "issue id");
    const auto value = builder_.number(row, 2, "bound");
    if (issue_id.empty() || !value || !known_issue(row, issue_id)) return;
    bounds_[issue_id].push_back({*value, row.line});
  }

  void read_data(const CsvRow& row) {
    const std::string actor_id = id(row, 1, "actor id");
    const std::string issue_id = id(row, 2, "issue id");
    const auto position = builder_.number(row, 3, "position");
    const auto salience = builder_.number(row, 4, "salience");
    const auto power = builder_.number(row, 5, "power");
    if (actor_id.empty() || issue_id.empty() || !position || !salience || !power) return;
    if (!declared_actors_.contains(actor_id)) {
      builder_.problem(row.line, "actor id", "actor '" + actor_id + "' has no #A row");
      return;
    }
    if (!known_issue(row, issue_id)) return;
    // The first power given for an actor is its capability; other values override per issue.
    Actor& actor = builder_.scenario().actors[builder_.actor(actor_id, row.line)];
    const bool first = actors_with_power_.insert(actor_id).second;
    if (first) actor.capability = *power;
    std::optional<double> capability;
    if (*power != actor.capability) capability = *power;
    builder_.stance({actor_id, issue_id, *position, *salience, capability, row.line});
  }

  void apply_bounds() {
    for (const auto& [issue_id, values] : bounds_) {
      Issue& issue = builder_.scenario().issues[builder_.issue(issue_id, 0)];
      const auto [low, high] = std::minmax_element(values.begin(), values.end(),
                                                   [](const Bound& a, const Bound& b) { return a.value < b.value; });
      issue.scale_min = low->value;
      issue.scale_max = high->value;
      if (values.size() == 1)
        builder_.problem(values.front().line, "bound", "issue '" + issue_id + "' needs a lower and an upper #M bound");
    }
  }

  const std::string& text_;
  ScenarioBuilder builder_;
  std::map<std::string, int> declared_actors_;
  std::map<std::string, int> declared_issues_;
  std::set<std::string> actors_with_power_;
  std::map<std::string, std::vector<Bound>> bounds_;
};

}  // namespace

int recognise_decide(const std::string&, const std::string& text) {
  std::string_view rest = strip_bom(text);
  while (!rest.empty()) {
    const auto end = rest.find('\n');
    if (is_actor_tag(rest.substr(0, end))) return 20;
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return 0;
}

ReaderOutput read_decide(const std::string& text, const std::string& file) { return DecideReader(text, file).read(); }

}  // namespace parley::io
