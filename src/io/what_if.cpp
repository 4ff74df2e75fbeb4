#include "what_if.hpp"

#include <algorithm>
#include <charconv>

#include "csv.hpp"
#include "parley/text_split.hpp"
#include "toml.hpp"

namespace parley::io {
namespace {

// The names of one override, as written; resolved into indices by resolve().
struct NamedOverride {
  std::string actor;
  std::string issue;  // empty: every issue
  std::string field;
  double value = 0.0;
};

Override resolve(const Scenario& scenario, const NamedOverride& named, const Diagnostic& where) {
  auto fail = [&](const std::string& message) {
    Diagnostic diagnostic = where;
    diagnostic.message = message;
    throw InputError({diagnostic});
  };
  Override change;
  change.value = named.value;
  const auto actor = scenario.actor_index(named.actor);
  if (!actor) fail("no actor '" + named.actor + "' in the scenario");
  change.actor = *actor;
  if (!named.issue.empty()) {
    change.issue = scenario.issue_index(named.issue);
    if (!change.issue) fail("no issue '" + named.issue + "' in the scenario");
  }
  const auto field = field_named(named.field);
  if (!field) fail("field '" + named.field + "' is not position, salience or capability");
  change.field = *field;
  return change;
}

NamedOverride parse_assignment(const std::string& assignment, const Diagnostic& where) {
  const auto equals = assignment.find('=');
  // Every name between the dots, empty ones included: "us..position" or "us." would otherwise
  // silently mean "every issue" or nothing at all.
  const auto names = split(std::string_view(assignment).substr(0, equals), '.');
  NamedOverride named;
  const std::string value = equals == std::string::npos ? "" : assignment.substr(equals + 1);
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), named.value);
  const bool empty_name = std::any_of(names.begin(), names.end(), [](std::string_view name) { return name.empty(); });
  if (equals == std::string::npos || names.size() < 2 || names.size() > 3 || empty_name || error != std::errc{} ||
      end != value.data() + value.size()) {
    Diagnostic diagnostic = where;
    diagnostic.message = "'" + assignment + "' is not actor[.issue].field=number";
    throw InputError({diagnostic});
  }
  named.actor = names.front();
  named.field = names.back();
  if (names.size() == 3) named.issue = names[1];
  return named;
}

[[noreturn]] void refuse(const std::string& path, const toml::node& node, const std::string& field,
                         const std::string& message) {
  throw InputError({{path, static_cast<int>(node.source().begin.line), field, message}});
}

// A non-empty string under `key` of a [[set]] table; `required` or else absent.
std::string name_in(const std::string& path, const toml::table& set, const std::string& key, bool required) {
  const toml::node* node = set.get(key);
  if (!node) {
    if (required) refuse(path, set, key, "missing (each [[set]] gives actor, field and value, and may give issue)");
    return "";
  }
  const auto text = node->value<std::string>();
  if (!text || text->empty()) refuse(path, *node, key, "needs a non-empty string");
  return *text;
}

NamedOverride read_set(const std::string& path, const toml::node& node) {
  const toml::table* set = node.as_table();
  if (!set) refuse(path, node, "set", "each set is a [[set]] table");
  for (const auto& [key, value] : *set) {
    const std::string name(key.str());
    if (name != "actor" && name != "issue" && name != "field" && name != "value")
      refuse(path, value, name, "unknown key in [[set]] (actor, issue, field, value)");
  }
  NamedOverride named;
  named.actor = name_in(path, *set, "actor", true);
  named.issue = name_in(path, *set, "issue", false);
  named.field = name_in(path, *set, "field", true);
  const toml::node* value = set->get("value");
  if (!value) refuse(path, *set, "value", "missing (each [[set]] gives actor, field and value, and may give issue)");
  const auto number = value->value<double>();  // an integer or a float
  if (!number || value->is_boolean()) refuse(path, *value, "value", "needs a number");
  named.value = *number;
  return named;
}

}  // namespace

std::vector<Override> parse_overrides(const Scenario& scenario, const std::vector<std::string>& assignments) {
  std::vector<Override> overrides;
  const Diagnostic where{"--set", 0, "set", ""};
  for (const auto& assignment : assignments) overrides.push_back(resolve(scenario, parse_assignment(assignment, where), where));
  return overrides;
}

std::vector<Override> read_what_if(const Scenario& scenario, const std::string& path) {
  TomlDocument document = parse_toml(read_file(path), path);
  if (!document.error.empty()) throw InputError({{path, document.error_line, "", std::move(document.error)}});
  const toml::table& root = document.root;
  for (const auto& [key, value] : root)
    if (key.str() != "set") refuse(path, value, std::string(key.str()), "unknown key (a what-if file holds [[set]] tables)");
  const toml::array* sets = root["set"].as_array();
  if (!sets) throw InputError({{path, 0, "set", "a what-if file holds [[set]] tables"}});
  std::vector<Override> overrides;
  for (const toml::node& node : *sets) {
    const Diagnostic where{path, static_cast<int>(node.source().begin.line), "set", ""};
    overrides.push_back(resolve(scenario, read_set(path, node), where));
  }
  return overrides;
}

}  // namespace parley::io
