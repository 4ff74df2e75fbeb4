#include "what_if.hpp"

#include <charconv>
#include <sstream>

#include "csv.hpp"
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
  std::vector<std::string> names;
  std::stringstream path(assignment.substr(0, equals));
  for (std::string name; std::getline(path, name, '.');) names.push_back(name);
  NamedOverride named;
  const std::string value = equals == std::string::npos ? "" : assignment.substr(equals + 1);
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), named.value);
  if (equals == std::string::npos || names.size() < 2 || names.size() > 3 || error != std::errc{} ||
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
  toml::table& root = document.root;
  std::vector<Override> overrides;
  const toml::array* sets = root["set"].as_array();
  if (!sets) throw InputError({{path, 0, "set", "a what-if file holds [[set]] tables"}});
  for (const toml::node& node : *sets) {
    const Diagnostic where{path, static_cast<int>(node.source().begin.line), "set", ""};
    const toml::table* table = node.as_table();
    const auto actor = table ? (*table)["actor"].value<std::string>() : std::nullopt;
    const auto field = table ? (*table)["field"].value<std::string>() : std::nullopt;
    const auto value = table ? (*table)["value"].value<double>() : std::nullopt;
    if (!actor || !field || !value) {
      Diagnostic diagnostic = where;
      diagnostic.message = "each [[set]] needs actor and field (strings) and value (a number)";
      throw InputError({diagnostic});
    }
    const NamedOverride named{*actor, (*table)["issue"].value_or(std::string()), *field, *value};
    overrides.push_back(resolve(scenario, named, where));
  }
  return overrides;
}

}  // namespace parley::io
