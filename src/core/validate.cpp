#include "parley/validate.hpp"

#include "parley/number_text.hpp"

#include <cmath>
#include <set>
#include <string>

namespace parley {
namespace {

class Checker {
 public:
  explicit Checker(const Scenario& scenario) : scenario_(scenario) {}

  std::vector<Problem> run() {
    if (scenario_.actors.empty()) add({Problem::Element::scenario, 0, 0, "actors", "the scenario has no actors"});
    if (scenario_.issues.empty()) add({Problem::Element::scenario, 0, 0, "issues", "the scenario has no issues"});
    check_actors();
    check_issues();
    for (std::size_t a = 0; a < scenario_.actor_count(); ++a)
      for (std::size_t i = 0; i < scenario_.issue_count(); ++i) check_stance(a, i);
    return std::move(problems_);
  }

 private:
  void add(Problem problem) { problems_.push_back(std::move(problem)); }

  void check_actors() {
    std::set<std::string> seen;
    for (std::size_t a = 0; a < scenario_.actor_count(); ++a) {
      const Actor& actor = scenario_.actors[a];
      if (actor.id.empty()) add({Problem::Element::actor, a, 0, "id", "actor id is empty"});
      else if (!seen.insert(actor.id).second)
        add({Problem::Element::actor, a, 0, "id", "duplicate actor id '" + actor.id + "'"});
      check_capability(actor.capability, Problem{Problem::Element::actor, a, 0, "capability", ""});
    }
  }

  void check_issues() {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < scenario_.issue_count(); ++i) {
      const Issue& issue = scenario_.issues[i];
      const Problem here{Problem::Element::issue, 0, i, "", ""};
      if (issue.id.empty()) add(with(here, "id", "issue id is empty"));
      else if (!seen.insert(issue.id).second) {
        add(with(here, "id", "duplicate issue id '" + issue.id + "'"));
        continue;  // its stances were filed under the first issue of that id
      }
      if (!std::isfinite(issue.scale_min) || !std::isfinite(issue.scale_max) || issue.scale_min >= issue.scale_max) {
        add(with(here, "scale", "scale minimum " + shortest_text(issue.scale_min) + " must be finite and below maximum " +
                                    shortest_text(issue.scale_max)));
        continue;
      }
      if (std::abs(issue.scale_min) > largest_magnitude || std::abs(issue.scale_max) > largest_magnitude) {
        add(with(here, "scale", "scale [" + shortest_text(issue.scale_min) + ", " + shortest_text(issue.scale_max) +
                                    "] reaches beyond ±1e100: measure the issue in a larger unit"));
        continue;
      }
      if (issue.status_quo) check_on_scale(*issue.status_quo, issue, with(here, "status_quo", ""));
      if (issue.outcome) check_on_scale(*issue.outcome, issue, with(here, "outcome", ""));
      bool anyone = false;
      for (std::size_t a = 0; a < scenario_.actor_count(); ++a) anyone = anyone || scenario_.stance(a, i).present;
      if (!anyone && scenario_.actor_count() > 0) add(with(here, "positions", "no actor takes a position on issue '" + issue.id + "'"));
    }
  }

  void check_stance(std::size_t a, std::size_t i) {
    const Stance& stance = scenario_.stance(a, i);
    if (!stance.present) return;
    const Issue& issue = scenario_.issues[i];
    const Problem here{Problem::Element::stance, a, i, "", ""};
    if (issue.scale_min < issue.scale_max) check_on_scale(stance.position, issue, with(here, "position", ""));
    if (!std::isfinite(stance.salience) || stance.salience < 0.0 || stance.salience > 1.0)
      add(with(here, "salience", "salience " + shortest_text(stance.salience) + " is outside [0, 1]"));
    if (stance.capability) check_capability(*stance.capability, with(here, "capability", ""));
  }

  void check_on_scale(double value, const Issue& issue, Problem where) {
    if (!std::isfinite(value)) {
      where.message = where.field + " is not a finite number";
    } else if (value < issue.scale_min || value > issue.scale_max) {
      where.message = where.field + " " + shortest_text(value) + " is outside the scale [" + shortest_text(issue.scale_min) + ", " +
                      shortest_text(issue.scale_max) + "] of issue '" + issue.id + "'";
    } else {
      return;
    }
    add(std::move(where));
  }

  void check_capability(double value, Problem where) {
    if (std::isfinite(value) && value >= 0.0 && value <= largest_magnitude) return;
    where.message = value > largest_magnitude && std::isfinite(value)
                        ? "capability " + shortest_text(value) + " is above 1e100: only ratios of capabilities matter, so give them in a larger unit"
                        : "capability " + shortest_text(value) + " must be a finite number >= 0";
    add(std::move(where));
  }

  static Problem with(Problem base, std::string field, std::string message) {
    base.field = std::move(field);
    base.message = std::move(message);
    return base;
  }

  const Scenario& scenario_;
  std::vector<Problem> problems_;
};

}  // namespace

std::vector<Problem> validate(const Scenario& scenario) { return Checker(scenario).run(); }

}  // namespace parley
