#include "parley/scenario.hpp"

#include <algorithm>
#include <stdexcept>

namespace parley {

void Scenario::reset_stances() { stances_.assign(actors.size() * issues.size(), Stance{}); }

Stance& Scenario::stance(std::size_t actor, std::size_t issue) {
  return stances_.at(actor * issues.size() + issue);
}

const Stance& Scenario::stance(std::size_t actor, std::size_t issue) const {
  return stances_.at(actor * issues.size() + issue);
}

double Scenario::capability(std::size_t actor, std::size_t issue) const {
  const auto& override_value = stance(actor, issue).capability;
  return override_value ? *override_value : actors.at(actor).capability;
}

std::optional<std::size_t> Scenario::actor_index(std::string_view id) const {
  auto it = std::find_if(actors.begin(), actors.end(), [&](const Actor& a) { return a.id == id; });
  if (it == actors.end()) return std::nullopt;
  return static_cast<std::size_t>(it - actors.begin());
}

std::optional<std::size_t> Scenario::issue_index(std::string_view id) const {
  auto it = std::find_if(issues.begin(), issues.end(), [&](const Issue& i) { return i.id == id; });
  if (it == issues.end()) return std::nullopt;
  return static_cast<std::size_t>(it - issues.begin());
}

std::vector<double> IssueData::weights() const {
  std::vector<double> result(size());
  for (std::size_t k = 0; k < size(); ++k) result[k] = capabilities[k] * saliences[k];
  return result;
}

IssueData issue_data(const Scenario& scenario, std::size_t issue) {
  IssueData data;
  fill_issue_data(scenario, issue, data);
  return data;
}

void fill_issue_data(const Scenario& scenario, std::size_t issue, IssueData& data) {
  data.actors.clear();
  data.positions.clear();
  data.saliences.clear();
  data.capabilities.clear();
  // Room for every actor at once: growing four vectors step by step cost more than a small
  // model's forecast in a Monte Carlo run.
  data.actors.reserve(scenario.actor_count());
  data.positions.reserve(scenario.actor_count());
  data.saliences.reserve(scenario.actor_count());
  data.capabilities.reserve(scenario.actor_count());
  for (std::size_t a = 0; a < scenario.actor_count(); ++a) {
    const Stance& s = scenario.stance(a, issue);
    if (!s.present) continue;
    data.actors.push_back(a);
    data.positions.push_back(s.position);
    data.saliences.push_back(s.salience);
    data.capabilities.push_back(scenario.capability(a, issue));
  }
}

}  // namespace parley
