// The scenario: who negotiates, over what, from where. Pure data, no I/O.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parley {

struct Actor {
  std::string id;
  std::string name;
  std::vector<std::string> groups;  // e.g. NATO, EU, UDCG
  std::string note;
  double capability = 1.0;          // default for every issue; a stance may override it
  std::string capability_source;    // provenance of the capability
};

struct Issue {
  std::string id;
  std::string label;
  double scale_min = 0.0;
  double scale_max = 100.0;
  std::string min_meaning;          // what the low end of the scale means
  std::string max_meaning;          // what the high end means
  std::optional<double> status_quo;
  std::string status_quo_source;
  std::optional<double> outcome;    // the observed outcome, when known (validation data)
  std::string outcome_source;
  std::string group;                // e.g. the legislative proposal an issue belongs to
  std::string decision_rule;        // how it is decided, e.g. "QMV", "Unan" (empty: unknown)
  std::string procedure;            // the legislative procedure, e.g. "COD", "CNS" (empty: unknown)
};

// One actor's stand on one issue. An actor that sits an issue out has present == false.
struct Stance {
  bool present = false;
  double position = 0.0;
  double salience = 0.0;            // in [0, 1]
  std::optional<double> capability; // overrides the actor's capability on this issue
  std::string position_source;
  std::string salience_source;
  std::string capability_source;
};

class Scenario {
 public:
  std::string name;
  std::string title;
  std::string description;
  std::string source;
  std::vector<Actor> actors;
  std::vector<Issue> issues;

  // Sizes the stance table to actors × issues (all absent). Call after filling actors and issues.
  void reset_stances();

  [[nodiscard]] std::size_t actor_count() const { return actors.size(); }
  [[nodiscard]] std::size_t issue_count() const { return issues.size(); }

  [[nodiscard]] Stance& stance(std::size_t actor, std::size_t issue);
  [[nodiscard]] const Stance& stance(std::size_t actor, std::size_t issue) const;

  // The actor's capability on this issue: the stance's override, else the actor's own.
  [[nodiscard]] double capability(std::size_t actor, std::size_t issue) const;

  [[nodiscard]] std::optional<std::size_t> actor_index(std::string_view id) const;
  [[nodiscard]] std::optional<std::size_t> issue_index(std::string_view id) const;

 private:
  std::vector<Stance> stances_;  // row-major: actor * issue_count() + issue
};

// The actors present on one issue, as flat arrays for one-dimensional models.
struct IssueData {
  std::vector<std::size_t> actors;   // scenario indices of the present actors
  std::vector<double> positions;
  std::vector<double> saliences;
  std::vector<double> capabilities;

  [[nodiscard]] std::size_t size() const { return actors.size(); }
  // capability × salience, the weight every compromise-type model uses.
  [[nodiscard]] std::vector<double> weights() const;
};

[[nodiscard]] IssueData issue_data(const Scenario& scenario, std::size_t issue);
// The same into `data`, reusing its storage (no allocation once it is large enough).
void fill_issue_data(const Scenario& scenario, std::size_t issue, IssueData& data);

}  // namespace parley
