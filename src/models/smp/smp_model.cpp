// The `smp` model: maps a scenario onto the unit cube, runs the spatial model, and reports the
// path, the bargains and KTAB's reading of the final state on the issues' own scales.
#include <algorithm>
#include <map>
#include <utility>

#include "parley/model.hpp"
#include "parley/number_text.hpp"
#include "parley/registry.hpp"
#include "smp/smp.hpp"

namespace parley {
namespace {

using smp::Settings;

template <class Enum>
using Choices = std::vector<std::pair<std::string, Enum>>;

const Choices<smp::VictoryModel>& victory_choices() {
  static const Choices<smp::VictoryModel> choices{{"linear", smp::VictoryModel::linear},
                                                  {"square", smp::VictoryModel::square},
                                                  {"quartic", smp::VictoryModel::quartic},
                                                  {"octic", smp::VictoryModel::octic},
                                                  {"binary", smp::VictoryModel::binary}};
  return choices;
}
const Choices<smp::ProbabilityModel>& pce_choices() {
  static const Choices<smp::ProbabilityModel> choices{{"conditional", smp::ProbabilityModel::conditional},
                                                      {"markov-uniform", smp::ProbabilityModel::markov_uniform},
                                                      {"markov-incentive", smp::ProbabilityModel::markov_incentive}};
  return choices;
}
const Choices<smp::VotingRule>& rule_choices() {
  static const Choices<smp::VotingRule> choices{
      {"prop", smp::VotingRule::prop},         {"binary", smp::VotingRule::binary},
      {"prop-bin", smp::VotingRule::prop_bin}, {"prop-cubic", smp::VotingRule::prop_cubic},
      {"cubic", smp::VotingRule::cubic},       {"asym-prospect", smp::VotingRule::asym_prospect}};
  return choices;
}
const Choices<smp::RiskRange>& range_choices() {
  static const Choices<smp::RiskRange> choices{
      {"mid", smp::RiskRange::mid}, {"min", smp::RiskRange::min}, {"max", smp::RiskRange::max}};
  return choices;
}
const Choices<smp::RiskAdjust>& adjust_choices() {
  static const Choices<smp::RiskAdjust> choices{{"one-third", smp::RiskAdjust::one_third},
                                                {"none", smp::RiskAdjust::none},
                                                {"half", smp::RiskAdjust::half},
                                                {"two-thirds", smp::RiskAdjust::two_thirds},
                                                {"full", smp::RiskAdjust::full}};
  return choices;
}
const Choices<smp::Commitment>& commitment_choices() {
  static const Choices<smp::Commitment> choices{
      {"semi", smp::Commitment::semi}, {"full", smp::Commitment::full}, {"none", smp::Commitment::none}};
  return choices;
}
const Choices<smp::Interpolation>& interpolation_choices() {
  static const Choices<smp::Interpolation> choices{
      {"s2p2", smp::Interpolation::s2p2}, {"s1p1", smp::Interpolation::s1p1}, {"s2pmax", smp::Interpolation::s2pmax}};
  return choices;
}
const Choices<smp::BargainModel>& bargaining_choices() {
  static const Choices<smp::BargainModel> choices{{"init-only", smp::BargainModel::initiator_only},
                                                  {"init-receiver", smp::BargainModel::initiator_and_receiver},
                                                  {"compromise", smp::BargainModel::compromise}};
  return choices;
}
const Choices<smp::Transitions>& transition_choices() {
  static const Choices<smp::Transitions> choices{{"deterministic", smp::Transitions::deterministic},
                                                 {"stochastic", smp::Transitions::stochastic}};
  return choices;
}

template <class Enum>
ParameterSpec choice_spec(std::string name, const Choices<Enum>& choices, std::string description) {
  ParameterSpec spec{std::move(name), choices.front().first, std::move(description), {}};
  for (const auto& choice : choices) spec.choices.push_back(choice.first);
  return spec;
}

template <class Enum>
Enum chosen(const Parameters& parameters, const std::string& name, const Choices<Enum>& choices) {
  const std::string& value = parameters.text(name);
  for (const auto& [text, choice] : choices)
    if (text == value) return choice;
  throw ParameterError("parameter '" + name + "' is '" + value + "'");
}

ModelInfo smp_info() {
  return {"smp",
          "KTAB's spatial model of politics: bargaining in D dimensions, probabilistic Condorcet elections",
          {{"rounds", "100", "the most bargaining turns (KTAB maxIter)", {}},
           {"min-rounds", "2", "the stopping test applies from this turn on (KTAB minIter)", {}},
           {"stop-ratio", "0.02", "stop when a turn moves the actors less than this fraction of the first turn", {}},
           choice_spec("victory", victory_choices(), "probability that a coalition wins (KTAB VictoryProbModel)"),
           choice_spec("pce", pce_choices(), "probability of each option from pairwise contests (KTAB PCEModel)"),
           choice_spec("voting", rule_choices(), "how utility differences become votes (KTAB VotingRule)"),
           choice_spec("risk-range", range_choices(), "range of risk attitudes (KTAB BigRRange)"),
           choice_spec("risk-adjust", adjust_choices(), "how h estimates i's risk attitude (KTAB BigRAdjust)"),
           choice_spec("commitment", commitment_choices(), "third parties' commitment to a side (KTAB ThirdPartyCommit)"),
           choice_spec("interpolation", interpolation_choices(), "where the parties of a bargain meet (KTAB InterVecBrgn)"),
           choice_spec("bargaining", bargaining_choices(),
                       "bargains proposed: the initiator's, also the receiver's, or their compromise (KTAB BargnModel)"),
           choice_spec("transitions", transition_choices(),
                       "adopt the most probable bargain, or draw one (KTAB StateTransitions)"),
           {"seed", "0", "random seed for stochastic transitions", {}},
           {"threads", "0", "threads of one turn, from 32 actors (0: all cores); the results do not depend on it", {}}}};
}

Settings settings_from(const Parameters& parameters) {
  Settings s;
  s.max_turns = static_cast<int>(parameters.integer("rounds"));
  s.min_turns = static_cast<int>(parameters.integer("min-rounds"));
  s.stop_ratio = parameters.number("stop-ratio");
  if (s.max_turns < 1 || s.min_turns < 1) throw ParameterError("rounds and min-rounds must be at least 1");
  if (!(s.stop_ratio >= 0.0)) throw ParameterError("stop-ratio must be at least 0");
  s.victory = chosen(parameters, "victory", victory_choices());
  s.pce = chosen(parameters, "pce", pce_choices());
  s.rule = chosen(parameters, "voting", rule_choices());
  s.risk_range = chosen(parameters, "risk-range", range_choices());
  s.risk_adjust = chosen(parameters, "risk-adjust", adjust_choices());
  s.commitment = chosen(parameters, "commitment", commitment_choices());
  s.interpolation = chosen(parameters, "interpolation", interpolation_choices());
  s.transitions = chosen(parameters, "transitions", transition_choices());
  s.bargaining = chosen(parameters, "bargaining", bargaining_choices());
  s.seed = static_cast<std::uint64_t>(parameters.integer("seed"));
  const long threads = parameters.integer("threads");
  if (threads < 0) throw ParameterError("parameter 'threads' must be 0 or more");
  s.threads = static_cast<std::size_t>(threads);
  return s;
}

// Each issue's scale, mapped to [0, 1] and back.
struct Scale {
  double low = 0.0;
  double width = 1.0;
  [[nodiscard]] double to_unit(double x) const { return width > 0.0 ? (x - low) / width : 0.0; }
  [[nodiscard]] double from_unit(double x) const { return low + x * width; }
};

// The scenario as a D-dimensional space. An actor absent from an issue has salience 0 on it and
// sits at the issue's capability × salience weighted mean (plain mean if every weight is 0).
// An actor's saliences are scaled down to sum to 1 when they sum to more. Its capability is the
// mean of its capabilities on the issues it takes part in.
struct Mapped {
  smp::Space space;
  std::vector<double> positions;
  std::vector<Scale> scales;
};

Mapped map_scenario(const Scenario& scenario) {
  const std::size_t n = scenario.actor_count();
  const std::size_t dims = scenario.issue_count();
  Mapped mapped;
  mapped.space.dimensions = dims;
  mapped.space.capability.assign(n, 0.0);
  mapped.space.salience.assign(n * dims, 0.0);
  mapped.positions.assign(n * dims, 0.0);
  std::vector<int> present_on(n, 0);
  for (std::size_t d = 0; d < dims; ++d) {
    const Issue& issue = scenario.issues[d];
    const Scale scale{issue.scale_min, issue.scale_max - issue.scale_min};
    mapped.scales.push_back(scale);
    double weighted = 0.0, weights = 0.0, plain = 0.0, present = 0.0;
    for (std::size_t a = 0; a < n; ++a) {
      const Stance& stance = scenario.stance(a, d);
      if (!stance.present) continue;
      const double x = scale.to_unit(stance.position);
      const double w = scenario.capability(a, d) * stance.salience;
      mapped.positions[a * dims + d] = x;
      mapped.space.salience[a * dims + d] = stance.salience;
      mapped.space.capability[a] += scenario.capability(a, d);
      ++present_on[a];
      weighted += w * x, weights += w, plain += x, present += 1.0;
    }
    const double stand_in = weights > 0.0 ? weighted / weights : present > 0.0 ? plain / present : 0.5;
    for (std::size_t a = 0; a < n; ++a)
      if (!scenario.stance(a, d).present) mapped.positions[a * dims + d] = stand_in;
  }
  for (std::size_t a = 0; a < n; ++a) {
    mapped.space.capability[a] =
        present_on[a] > 0 ? mapped.space.capability[a] / present_on[a] : scenario.actors[a].capability;
    double total = 0.0;
    for (std::size_t d = 0; d < dims; ++d) total += mapped.space.salience[a * dims + d];
    if (total > 1.0)
      for (std::size_t d = 0; d < dims; ++d) mapped.space.salience[a * dims + d] /= total;
  }
  return mapped;
}

std::vector<double> on_scales(std::span<const double> unit, const std::vector<Scale>& scales) {
  std::vector<double> out(unit.size());
  for (std::size_t d = 0; d < unit.size(); ++d) out[d] = scales[d].from_unit(unit[d]);
  return out;
}

void append_point(std::string& text, const std::vector<double>& point) {
  text += '(';
  for (std::size_t d = 0; d < point.size(); ++d) {
    if (d > 0) text += ", ";
    append_general(text, point[d], 4);
  }
  text += ')';
}

std::string point_text(const std::vector<double>& point) {
  std::string text;
  append_point(text, point);
  return text;
}

// Sentences are appended piece by piece to one buffer with room for them: a 100-actor run tells
// thousands of them.
std::string sentence_buffer() {
  std::string text;
  text.reserve(256);
  return text;
}

// Names for sentences: the actor's name, or its id when names are missing or shared.
std::vector<std::string> speaking_names(const Scenario& scenario) {
  std::map<std::string, int> uses;
  for (const auto& actor : scenario.actors) ++uses[actor.name];
  std::vector<std::string> names;
  for (const auto& actor : scenario.actors)
    names.push_back(actor.name.empty() || uses[actor.name] > 1 ? actor.id : actor.name);
  return names;
}

class TurnNarrator {
 public:
  TurnNarrator(const Scenario& scenario, const std::vector<Scale>& scales)
      : scenario_(scenario), scales_(scales), names_(speaking_names(scenario)) {
    for (const auto& issue : scenario.issues) issue_ids_.push_back(issue.id);
  }

  void tell(int round, const smp::Turn& turn, std::span<const double> before, std::vector<Event>& events) const {
    const std::size_t dims = scales_.size();
    for (const auto& bargain : turn.bargains) {
      const std::string& i = names_[bargain.initiator];
      const std::string& j = names_[bargain.receiver];
      const std::string to_i = point_text(on_scales(bargain.initiator_position, scales_));
      const std::string to_j = point_text(on_scales(bargain.receiver_position, scales_));
      std::string text = sentence_buffer();
      text.append(i).append(" proposes to ").append(j).append(" that ");
      if (to_i == to_j) text.append("both move to ").append(to_i);
      else text.append(i).append(" move to ").append(to_i).append(" and ").append(j).append(" to ").append(to_j);
      text.append(" (").append(i).append(" expects to prevail with probability ");
      append_general(text, bargain.challenge.probability, 3);
      text += ", expected gain ";
      append_general(text, bargain.challenge.gain, 3);
      text += ')';
      events.push_back({round, "bargain", ids(bargain.initiator, bargain.receiver), issue_ids_, std::move(text),
                        {{"probability", bargain.challenge.probability}, {"gain", bargain.challenge.gain}}});
    }
    for (std::size_t k = 0; k < turn.adopted.size(); ++k) {
      if (!turn.adopted[k]) continue;
      const auto& bargain = turn.bargains[*turn.adopted[k]];
      const std::string& i = names_[bargain.initiator];
      const std::string& j = names_[bargain.receiver];
      const auto from = on_scales(before.subspan(k * dims, dims), scales_);
      const auto to = on_scales(std::span(turn.positions).subspan(k * dims, dims), scales_);
      const bool own = k == bargain.initiator;
      std::string text = sentence_buffer();
      text.append(names_[k]).append(" moves from ");
      append_point(text, from);
      text += " to ";
      append_point(text, to);
      text += ", adopting ";
      if (own) text.append("its own proposal to ").append(j);
      else text.append(i).append("'s proposal");
      events.push_back({round, "move", ids(k, own ? bargain.receiver : bargain.initiator), issue_ids_, std::move(text), {}});
    }
  }

 private:
  std::vector<std::string> ids(std::size_t first, std::size_t second) const {
    return {scenario_.actors[first].id, scenario_.actors[second].id};
  }

  const Scenario& scenario_;
  const std::vector<Scale>& scales_;
  std::vector<std::string> names_;
  std::vector<std::string> issue_ids_;
};

nlohmann::json final_positions(const Scenario& scenario, const smp::Run& run, const std::vector<Scale>& scales) {
  const smp::Reading& reading = run.final_reading;
  const std::size_t dims = scales.size();
  const auto& last = run.final_positions;
  nlohmann::json list = nlohmann::json::array();
  for (std::size_t r = 0; r < reading.representatives.size(); ++r) {
    nlohmann::json actors = nlohmann::json::array();
    for (std::size_t a = 0; a < scenario.actor_count(); ++a)
      if (reading.position_of_actor[a] == r) actors.push_back(scenario.actors[a].id);
    list.push_back({{"position", on_scales(std::span(last).subspan(reading.representatives[r] * dims, dims), scales)},
                    {"probability", reading.probabilities[r]},
                    {"actors", actors}});
  }
  return list;
}

// Round 0 shows the stated positions as given, free of the rounding of the trip to [0, 1] and back.
void restore_stated_positions(const Scenario& scenario, SpatialRound& round) {
  for (std::size_t a = 0; a < scenario.actor_count(); ++a)
    for (std::size_t d = 0; d < scenario.issue_count(); ++d)
      if (scenario.stance(a, d).present) round.positions[a][d] = scenario.stance(a, d).position;
}

class SmpModel final : public Model {
 public:
  SmpModel() : info_(smp_info()) {}
  [[nodiscard]] const ModelInfo& info() const override { return info_; }
  using Model::run;

  [[nodiscard]] Forecast run(const Scenario& scenario, const Parameters& parameters,
                             const RunOptions& options) const override {
    Settings settings = settings_from(parameters);
    settings.threads = run_threads(options, settings.threads);
    Forecast forecast;
    forecast.model = info_.name;
    if (scenario.actor_count() == 0) {  // validate() rejects this; the midpoint keeps the answer defined
      for (const auto& issue : scenario.issues)
        forecast.issues.push_back({issue.id, (issue.scale_min + issue.scale_max) / 2.0, {}, {}, {}});
      return forecast;
    }
    Mapped mapped = map_scenario(scenario);
    const smp::Run result = smp::simulate(mapped.space, std::move(mapped.positions), settings,
                                          options.record_rounds || options.record_events);
    const std::size_t n = scenario.actor_count();
    const std::size_t dims = scenario.issue_count();
    const auto& last = result.final_positions;
    const std::size_t winner = result.final_reading.representatives[result.final_reading.most_probable()];

    for (std::size_t d = 0; d < dims; ++d)
      forecast.issues.push_back({scenario.issues[d].id, mapped.scales[d].from_unit(last[winner * dims + d]), {}, {}, {}});
    if (options.record_rounds) {
      for (std::size_t t = 0; t < result.states.size(); ++t) {
        SpatialRound round{static_cast<int>(t), {}};
        for (std::size_t a = 0; a < n; ++a)
          round.positions.push_back(on_scales(std::span(result.states[t]).subspan(a * dims, dims), mapped.scales));
        if (t == 0) restore_stated_positions(scenario, round);
        for (std::size_t d = 0; d < dims; ++d) {
          RoundPositions issue_round{round.round, std::vector<double>(n)};
          for (std::size_t a = 0; a < n; ++a) issue_round.positions[a] = round.positions[a][d];
          forecast.issues[d].rounds.push_back(std::move(issue_round));
        }
        forecast.rounds.push_back(std::move(round));
      }
    }
    if (options.record_events) {
      const TurnNarrator narrator(scenario, mapped.scales);
      for (std::size_t t = 0; t < result.turns.size(); ++t)
        narrator.tell(static_cast<int>(t + 1), result.turns[t], result.states[t], forecast.events);
    }
    forecast.details["turns"] = result.turn_count;
    forecast.details["final_positions"] = final_positions(scenario, result, mapped.scales);
    forecast.details["most_probable_position"] = result.final_reading.most_probable();
    return forecast;
  }

 private:
  ModelInfo info_;
};

}  // namespace

void register_smp(Registry& registry) { registry.add(std::make_unique<SmpModel>()); }

}  // namespace parley
