#include "exchange/exchange.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

#include "exchange/exchange_engine.hpp"
#include "parley/registry.hpp"

namespace parley {
namespace {

using exchange::ExchangeEngine;
using exchange::RoundLog;
using exchange::Rule;

struct Settings {
  Rule rule = Rule::equal_gain;
  int rounds = 10;
  int repetitions = 1;
  std::uint64_t seed = 1;
  bool decimal = true;
  bool within_groups = true;
};

// One run's path: every round's positions and outcomes on the issues' scales, and what happened.
struct Path {
  std::vector<std::vector<std::vector<double>>> positions;  // [round][issue][actor]
  std::vector<std::vector<double>> outcomes;                 // [round][issue]
  std::vector<RoundLog> logs;                                // [round - 1]
};

template <class Engine>
void record(const Engine& engine, const Scenario& scenario, Path& path) {
  std::vector<std::vector<double>> positions(scenario.issue_count(), std::vector<double>(scenario.actor_count(), 0.0));
  std::vector<double> outcomes(scenario.issue_count());
  for (std::size_t i = 0; i < scenario.issue_count(); ++i) {
    outcomes[i] = engine.outcome(i);
    for (std::size_t a = 0; a < scenario.actor_count(); ++a)
      if (engine.present(i, a)) positions[i][a] = engine.position(i, a);
  }
  path.positions.push_back(std::move(positions));
  path.outcomes.push_back(std::move(outcomes));
}

template <class N>
Path simulate(const Scenario& scenario, const Settings& settings, std::mt19937_64* random, bool with_logs) {
  ExchangeEngine<N> engine(scenario, settings.rule, random);
  if (settings.within_groups) engine.trade_within_groups();
  Path path;
  record(engine, scenario, path);
  for (int round = 1; round <= settings.rounds; ++round) {
    RoundLog log;
    engine.run_round(with_logs ? &log : nullptr);
    record(engine, scenario, path);
    if (with_logs) path.logs.push_back(std::move(log));
  }
  return path;
}

Path simulate(const Scenario& scenario, const Settings& settings, std::mt19937_64* random, bool with_logs) {
  return settings.decimal ? simulate<exchange::Decimal>(scenario, settings, random, with_logs)
                          : simulate<double>(scenario, settings, random, with_logs);
}

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.4g", value);
  return text;
}

Event exchange_event(const Scenario& scenario, int round, const exchange::RealisedExchange& x) {
  Event event;
  event.round = round;
  event.kind = "exchange";
  const std::string& i = scenario.actors[x.actor[0]].id;
  const std::string& j = scenario.actors[x.actor[1]].id;
  const std::string& issue_i = scenario.issues[x.supply_issue[0]].id;
  const std::string& issue_j = scenario.issues[x.supply_issue[1]].id;
  event.actors = {i, j};
  event.issues = {issue_i, issue_j};
  event.text = i + " moves on " + issue_i + " from " + number(x.from[0]) + " to " + number(x.to[0]) +
               " in exchange for " + j + " moving on " + issue_j + " from " + number(x.from[1]) + " to " +
               number(x.to[1]) + "; gain " + number(x.gain);
  event.values = {{"gain", x.gain},
                  {"supply_from_1", x.from[0]},
                  {"supply_to_1", x.to[0]},
                  {"supply_from_2", x.from[1]},
                  {"supply_to_2", x.to[1]},
                  {"externality_inner_positive", x.externalities[0]},
                  {"externality_inner_negative", x.externalities[1]},
                  {"externality_outer_positive", x.externalities[2]},
                  {"externality_outer_negative", x.externalities[3]}};
  return event;
}

nlohmann::json externalities_json(const Scenario& scenario, const Path& path) {
  nlohmann::json rows = nlohmann::json::array();
  for (std::size_t r = 0; r < path.logs.size(); ++r)
    for (std::size_t a = 0; a < path.logs[r].externalities.size(); ++a) {
      const auto& e = path.logs[r].externalities[a];
      if (e == exchange::ActorExternalities{}) continue;
      rows.push_back({{"round", r + 1},
                      {"actor", scenario.actors[a].id},
                      {"own", e[0]},
                      {"inner_positive", e[1]},
                      {"inner_negative", e[2]},
                      {"outer_positive", e[3]},
                      {"outer_negative", e[4]}});
    }
  return rows;
}

class ExchangeModel final : public Model {
 public:
  [[nodiscard]] const ModelInfo& info() const override {
    static const ModelInfo info{
        "exchange",
        "Stokman & Van Oosten exchange of voting positions (decide-exchange-model's equal gain)",
        {{"rule", "equal-gain", "exchange rate: equal gain for both partners, or drawn at random",
          {"equal-gain", "random-rate"}},
         {"rounds", "10", "rounds of exchange", {}},
         {"repetitions", "100", "runs of random-rate (mean and spread reported); equal-gain runs once", {}},
         {"seed", "1", "seed of random-rate", {}},
         {"arithmetic", "decimal",
          "decimal: 28-digit decimal, exact parity with the reference; double: faster, may break ties between "
          "equal gains differently",
          {"decimal", "double"}},
         {"scope", "group",
          "group: exchanges pair only issues of the same group (e.g. one legislative proposal; issues without a "
          "group are one negotiation); all: any two issues",
          {"group", "all"}}}};
    return info;
  }

  [[nodiscard]] Forecast run(const Scenario& scenario, const Parameters& parameters,
                             const RunOptions& options) const override {
    const Settings settings = read_settings(parameters);
    std::vector<Path> paths;
    for (int k = 0; k < settings.repetitions; ++k) {
      std::seed_seq seeds{static_cast<std::uint32_t>(settings.seed), static_cast<std::uint32_t>(settings.seed >> 32),
                          static_cast<std::uint32_t>(k)};
      std::mt19937_64 random(seeds);
      paths.push_back(simulate(scenario, settings, &random, options.record_events && k == 0));
    }
    return forecast(scenario, settings, paths, options);
  }
  using Model::run;

 private:
  static Settings read_settings(const Parameters& parameters) {
    Settings settings;
    settings.rule = parameters.text("rule") == "random-rate" ? Rule::random_rate : Rule::equal_gain;
    const long rounds = parameters.integer("rounds");
    const long repetitions = parameters.integer("repetitions");
    const long seed = parameters.integer("seed");
    if (rounds < 0 || rounds > 100000) throw ParameterError("parameter 'rounds' must be between 0 and 100000");
    if (repetitions < 1 || repetitions > 1000000)
      throw ParameterError("parameter 'repetitions' must be between 1 and 1000000");
    if (seed < 0) throw ParameterError("parameter 'seed' must be 0 or more");
    settings.rounds = static_cast<int>(rounds);
    settings.repetitions = settings.rule == Rule::random_rate ? static_cast<int>(repetitions) : 1;
    settings.seed = static_cast<std::uint64_t>(seed);
    settings.decimal = parameters.text("arithmetic") == "decimal";
    settings.within_groups = parameters.text("scope") == "group";
    return settings;
  }

  static Forecast forecast(const Scenario& scenario, const Settings& settings, const std::vector<Path>& paths,
                           const RunOptions& options) {
    Forecast result;
    result.model = "exchange";
    const auto repetitions = static_cast<double>(paths.size());
    for (std::size_t i = 0; i < scenario.issue_count(); ++i) {
      IssueForecast issue;
      issue.issue = scenario.issues[i].id;
      double sum = 0.0;
      double squares = 0.0;
      double lowest = paths.front().outcomes.back()[i];
      double highest = lowest;
      for (const Path& path : paths) {
        const double outcome = path.outcomes.back()[i];
        sum += outcome;
        squares += outcome * outcome;
        lowest = std::min(lowest, outcome);
        highest = std::max(highest, outcome);
      }
      issue.forecast = sum / repetitions;
      nlohmann::json nbs = nlohmann::json::array();
      for (std::size_t r = 0; r < paths.front().outcomes.size(); ++r) {
        double mean = 0.0;
        for (const Path& path : paths) mean += path.outcomes[r][i];
        nbs.push_back(mean / repetitions);
        if (!options.record_rounds) continue;
        RoundPositions round{static_cast<int>(r), std::vector<double>(scenario.actor_count(), 0.0)};
        for (const Path& path : paths)
          for (std::size_t a = 0; a < scenario.actor_count(); ++a) round.positions[a] += path.positions[r][i][a] / repetitions;
        issue.rounds.push_back(std::move(round));
      }
      issue.details["nbs"] = std::move(nbs);
      if (settings.rule == Rule::random_rate) {
        const double variance = std::max(0.0, squares / repetitions - issue.forecast * issue.forecast);
        issue.details["forecast_sd"] = std::sqrt(variance);
        issue.details["forecast_min"] = lowest;
        issue.details["forecast_max"] = highest;
        issue.details["repetitions"] = paths.size();
      }
      result.issues.push_back(std::move(issue));
    }
    const Path& first = paths.front();
    for (std::size_t r = 0; r < first.logs.size(); ++r)
      for (const auto& x : first.logs[r].exchanges)
        result.events.push_back(exchange_event(scenario, static_cast<int>(r + 1), x));
    if (options.record_events) result.details["externalities"] = externalities_json(scenario, first);
    result.details["arithmetic"] = settings.decimal ? "decimal" : "double";
    result.details["rule"] = settings.rule == Rule::random_rate ? "random-rate" : "equal-gain";
    return result;
  }
};

}  // namespace

void register_exchange(Registry& registry) { registry.add(std::make_unique<ExchangeModel>()); }

}  // namespace parley
