// parley's own scenario format (docs/formats.md): TOML with top-level keys, [[actor]], [[issue]]
// and [[stance]] tables. Every value may carry its provenance in a `*_source` key.
#include <algorithm>
#include <filesystem>
#include <set>

#include "csv.hpp"
#include "readers.hpp"
#include "toml.hpp"

namespace parley::io {
namespace {

class TomlReader {
 public:
  TomlReader(const std::string& text, std::string file) : text_(text), file_(std::move(file)) {}

  ReaderOutput read() {
    TomlDocument document = parse_toml(text_, file_);
    if (!document.error.empty()) {
      problem(document.error_line, "", std::move(document.error));
      return std::move(output_);
    }
    const toml::table& root = document.root;
    check_keys(root, {"name", "title", "description", "source", "actor", "issue", "stance"}, "");
    Scenario& s = output_.scenario;
    s.name = string(root, "name");
    s.title = string(root, "title");
    s.description = string(root, "description");
    s.source = string(root, "source");
    for_each_table(root, "actor", [&](const toml::table& t) { read_actor(t); });
    for_each_table(root, "issue", [&](const toml::table& t) { read_issue(t); });
    s.reset_stances();
    output_.lines.resize(s);
    output_.lines.actor_lines = actor_lines_;
    output_.lines.issue_lines = issue_lines_;
    for_each_table(root, "stance", [&](const toml::table& t) { read_stance(t); });
    return std::move(output_);
  }

 private:
  static int line_of(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

  void problem(int line, std::string field, std::string message) {
    output_.problems.push_back({file_, line, std::move(field), std::move(message)});
  }

  template <typename Visit>
  void for_each_table(const toml::table& root, const char* key, Visit visit) {
    const toml::node* node = root.get(key);
    if (!node) return;
    const toml::array* array = node->as_array();
    if (!array) {
      problem(line_of(*node), key, "must be an array of tables, written [[" + std::string(key) + "]]");
      return;
    }
    for (const toml::node& element : *array) {
      if (const toml::table* table = element.as_table()) visit(*table);
      else problem(line_of(element), key, "each entry must be a table");
    }
  }

  void check_keys(const toml::table& table, std::initializer_list<std::string_view> allowed, const std::string& where) {
    for (const auto& [key, value] : table) {
      if (std::find(allowed.begin(), allowed.end(), key.str()) != allowed.end()) continue;
      problem(line_of(value), where + std::string(key.str()), "unknown key");
    }
  }

  std::string string(const toml::table& table, std::string_view key) {
    const toml::node* node = table.get(key);
    if (!node) return {};
    if (auto value = node->value<std::string>()) return *value;
    problem(line_of(*node), std::string(key), "must be a string");
    return {};
  }

  std::optional<double> number(const toml::table& table, std::string_view key, int line, bool required) {
    const toml::node* node = table.get(key);
    if (!node) {
      if (required) problem(line, std::string(key), "missing value");
      return std::nullopt;
    }
    if (auto value = node->value<double>()) return *value;
    problem(line_of(*node), std::string(key), "must be a number");
    return std::nullopt;
  }

  void read_actor(const toml::table& t) {
    const int line = line_of(t);
    check_keys(t, {"id", "name", "groups", "note", "capability", "capability_source"}, "actor.");
    Actor actor;
    actor.id = string(t, "id");  // an empty id is reported by validate()
    actor.name = string(t, "name");
    if (actor.name.empty()) actor.name = actor.id;
    actor.note = string(t, "note");
    actor.capability = number(t, "capability", line, false).value_or(1.0);
    actor.capability_source = string(t, "capability_source");
    if (const toml::node* groups = t.get("groups")) {
      const toml::array* array = groups->as_array();
      if (!array) problem(line_of(*groups), "groups", "must be an array of strings");
      else
        for (const toml::node& group : *array) {
          auto name = group.value<std::string>();
          if (!name) {
            problem(line_of(group), "groups", "must be an array of strings");
            break;
          }
          actor.groups.push_back(*name);
        }
    }
    output_.scenario.actors.push_back(std::move(actor));
    actor_lines_.push_back(line);
  }

  void read_issue(const toml::table& t) {
    const int line = line_of(t);
    check_keys(t,
               {"id", "label", "min", "max", "min_meaning", "max_meaning", "status_quo", "status_quo_source",
                "outcome", "outcome_source", "group", "decision_rule", "procedure"},
               "issue.");
    Issue issue;
    issue.id = string(t, "id");  // an empty id is reported by validate()
    issue.label = string(t, "label");
    if (issue.label.empty()) issue.label = issue.id;
    issue.scale_min = number(t, "min", line, false).value_or(0.0);
    issue.scale_max = number(t, "max", line, false).value_or(100.0);
    issue.min_meaning = string(t, "min_meaning");
    issue.max_meaning = string(t, "max_meaning");
    issue.status_quo = number(t, "status_quo", line, false);
    issue.status_quo_source = string(t, "status_quo_source");
    issue.outcome = number(t, "outcome", line, false);
    issue.outcome_source = string(t, "outcome_source");
    issue.group = string(t, "group");
    issue.decision_rule = string(t, "decision_rule");
    issue.procedure = string(t, "procedure");
    output_.scenario.issues.push_back(std::move(issue));
    issue_lines_.push_back(line);
  }

  void read_stance(const toml::table& t) {
    const int line = line_of(t);
    check_keys(t,
               {"actor", "issue", "position", "salience", "capability", "position_source", "salience_source",
                "capability_source"},
               "stance.");
    Scenario& s = output_.scenario;
    const std::string actor_id = string(t, "actor");
    const std::string issue_id = string(t, "issue");
    const auto actor = s.actor_index(actor_id);
    const auto issue = s.issue_index(issue_id);
    if (!actor) problem(line, "stance.actor", actor_id.empty() ? "missing value" : "unknown actor '" + actor_id + "'");
    if (!issue) problem(line, "stance.issue", issue_id.empty() ? "missing value" : "unknown issue '" + issue_id + "'");
    const auto position = number(t, "position", line, true);
    const auto salience = number(t, "salience", line, true);
    const auto capability = number(t, "capability", line, false);
    if (!actor || !issue || !position || !salience) return;
    Stance& stance = s.stance(*actor, *issue);
    int& seen = output_.lines.stance_lines[*actor * s.issue_count() + *issue];
    if (stance.present) {
      problem(line, "stance", "duplicate stance of actor '" + actor_id + "' on issue '" + issue_id +
                                  "' (first given on line " + std::to_string(seen) + ")");
      return;
    }
    stance = {true, *position, *salience, capability, string(t, "position_source"), string(t, "salience_source"),
              string(t, "capability_source")};
    seen = line;
  }

  const std::string& text_;
  std::string file_;
  ReaderOutput output_;
  std::vector<int> actor_lines_;
  std::vector<int> issue_lines_;
};

}  // namespace

int recognise_toml(const std::string& path, const std::string&) {
  return lowercase(std::filesystem::path(path).extension().string()) == ".toml" ? 10 : 0;
}

ReaderOutput read_toml_scenario(const std::string& text, const std::string& file) {
  return TomlReader(text, file).read();
}

}  // namespace parley::io
