#include "exchange/exchange.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <random>

#include "exchange/exchange_engine.hpp"
#include "parley/number_text.hpp"
#include "parley/registry.hpp"
#include "parley/workers.hpp"

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
  std::size_t threads = 0;  // a round's calculations, the repetitions, the events (0: all cores)
};

// One repetition's path: the nbs and (when recorded) the positions after every round.
struct Trajectory {
  std::vector<double> outcomes;   // [round * issue_count + issue]
  std::vector<double> positions;  // [(round * issue_count + issue) * actor_count + actor]; absent: 0
  std::vector<RoundLog> logs;     // [round - 1], when events are recorded
};

// What the forecast reports, summed over the repetitions in repetition order.
struct Paths {
  std::size_t issue_count = 0;
  std::size_t actor_count = 0;
  int repetitions = 0;
  bool with_positions = false;
  std::vector<double> outcome_sums;   // [round * issue_count + issue]: Σ of the nbs
  std::vector<double> position_sums;  // [(round * issue_count + issue) * actor_count + actor]: Σ x / repetitions
  std::vector<double> squares;        // [issue]: Σ of the last nbs squared
  std::vector<double> lowest;         // [issue]: the least last nbs
  std::vector<double> highest;        // [issue]: the greatest last nbs
  std::vector<RoundLog> logs;         // [round - 1], of the first repetition when events are recorded

  Paths(const Scenario& scenario, const Settings& settings, bool positions)
      : issue_count(scenario.issue_count()),
        actor_count(scenario.actor_count()),
        repetitions(settings.repetitions),
        with_positions(positions),
        outcome_sums(static_cast<std::size_t>(settings.rounds + 1) * issue_count, 0.0),
        position_sums(positions ? outcome_sums.size() * actor_count : 0, 0.0),
        squares(issue_count, 0.0),
        lowest(issue_count, 0.0),
        highest(issue_count, 0.0) {}

  [[nodiscard]] double last(std::size_t round, std::size_t issue) const {
    return outcome_sums[round * issue_count + issue];
  }

  // Adds repetition `repetition`'s path; repetitions must come in order for the sums' bits.
  void add(Trajectory& path, int repetition) {
    const double share = static_cast<double>(repetitions);
    for (std::size_t k = 0; k < outcome_sums.size(); ++k) outcome_sums[k] += path.outcomes[k];
    for (std::size_t k = 0; k < position_sums.size(); ++k) position_sums[k] += path.positions[k] / share;
    const double* final_outcomes = &path.outcomes[path.outcomes.size() - issue_count];
    for (std::size_t i = 0; i < issue_count; ++i) {
      const double outcome = final_outcomes[i];
      squares[i] += outcome * outcome;
      lowest[i] = repetition == 0 ? outcome : std::min(lowest[i], outcome);
      highest[i] = repetition == 0 ? outcome : std::max(highest[i], outcome);
    }
    if (repetition == 0) logs = std::move(path.logs);
  }
};

template <class Engine>
void record(const Engine& engine, std::size_t round, bool with_positions, Trajectory& path) {
  const std::size_t issues = engine.issue_count();
  const std::size_t actors = engine.actor_count();
  for (std::size_t i = 0; i < issues; ++i) {
    path.outcomes[round * issues + i] = engine.outcome(i);
    if (!with_positions) continue;
    double* positions = &path.positions[(round * issues + i) * actors];
    for (std::size_t a = 0; a < actors; ++a) positions[a] = engine.present(i, a) ? engine.position(i, a) : 0.0;
  }
}

// One engine per thread and number type, reused from run to run for its buffers.
template <class N>
ExchangeEngine<N>& thread_engine() {
  thread_local ExchangeEngine<N> engine;
  return engine;
}

template <class N>
void simulate(const Scenario& scenario, const Settings& settings, std::size_t threads, std::mt19937_64* random,
              bool with_logs, bool with_positions, Trajectory& path) {
  const std::size_t size = static_cast<std::size_t>(settings.rounds + 1) * scenario.issue_count();
  path.outcomes.assign(size, 0.0);
  path.positions.assign(with_positions ? size * scenario.actor_count() : 0, 0.0);
  path.logs.clear();
  ExchangeEngine<N>& engine = thread_engine<N>();
  engine.set_threads(threads);
  engine.reset(scenario, settings.rule, random, settings.within_groups);
  record(engine, 0, with_positions, path);
  for (int round = 1; round <= settings.rounds; ++round) {
    RoundLog log;
    engine.run_round(with_logs ? &log : nullptr);
    record(engine, static_cast<std::size_t>(round), with_positions, path);
    if (with_logs) path.logs.push_back(std::move(log));
  }
}

// Repetition k of the run: equal gain draws nothing; random rate draws from (seed, k).
void simulate(const Scenario& scenario, const Settings& settings, std::size_t threads, int repetition,
              bool with_logs, bool with_positions, Trajectory& path) {
  std::optional<std::mt19937_64> random;
  if (settings.rule == Rule::random_rate) {
    std::seed_seq seeds{static_cast<std::uint32_t>(settings.seed), static_cast<std::uint32_t>(settings.seed >> 32),
                        static_cast<std::uint32_t>(repetition)};
    random.emplace(seeds);
  }
  std::mt19937_64* stream = random ? &*random : nullptr;
  if (settings.decimal)
    simulate<exchange::Decimal>(scenario, settings, threads, stream, with_logs, with_positions, path);
  else simulate<double>(scenario, settings, threads, stream, with_logs, with_positions, path);
}

// Every repetition, added up in order. With several threads and repetitions the repetitions run
// side by side (each on one thread), a block at a time so that the paths held stay small; a
// single repetition gives its threads to the engine instead.
void simulate_all(const Scenario& scenario, const Settings& settings, bool with_logs, Paths& paths) {
  const auto repetitions = static_cast<std::size_t>(settings.repetitions);
  const bool side_by_side = repetitions > 1 && settings.threads != 1;
  const std::size_t path_size = std::max<std::size_t>(paths.outcome_sums.size() + paths.position_sums.size(), 1);
  const std::size_t block = side_by_side ? std::clamp<std::size_t>((std::size_t{1} << 22) / path_size, 1, 64) : 1;
  const std::size_t engine_threads = side_by_side ? 1 : settings.threads;
  std::vector<Trajectory> paths_of_block(std::min(block, repetitions));
  const Workers workers(settings.threads);
  for (std::size_t first = 0; first < repetitions; first += block) {
    const std::size_t count = std::min(block, repetitions - first);
    workers.for_each_index(count, 2, [&](std::size_t n) {
      const auto k = static_cast<int>(first + n);
      simulate(scenario, settings, engine_threads, k, with_logs && k == 0, paths.with_positions, paths_of_block[n]);
    });
    for (std::size_t n = 0; n < count; ++n) paths.add(paths_of_block[n], static_cast<int>(first + n));
  }
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
  const auto number = [](double value) { return general_text(value, 4); };
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

nlohmann::json externalities_json(const Scenario& scenario, const Paths& path) {
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
          "decimal: 28-digit decimal, exact parity with the reference; double: about 4× faster, but it decides "
          "ties between equal gains differently, which changes many forecasts (docs/models/exchange.md)",
          {"decimal", "double"}},
         {"scope", "group",
          "group: exchanges pair only issues of the same group (e.g. one legislative proposal; issues without a "
          "group are one negotiation); all: any two issues",
          {"group", "all"}},
         {"threads", "0",
          "threads calculating a round's exchanges, random-rate's repetitions and the events (0: all cores); the "
          "results do not depend on it",
          {}}}};
    return info;
  }

  [[nodiscard]] Forecast run(const Scenario& scenario, const Parameters& parameters,
                             const RunOptions& options) const override {
    Settings settings = read_settings(parameters);
    settings.threads = run_threads(options, settings.threads);
    Paths paths(scenario, settings, options.record_rounds);
    simulate_all(scenario, settings, options.record_events, paths);
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
    const long threads = parameters.integer("threads");
    if (rounds < 0 || rounds > 100000) throw ParameterError("parameter 'rounds' must be between 0 and 100000");
    if (repetitions < 1 || repetitions > 1000000)
      throw ParameterError("parameter 'repetitions' must be between 1 and 1000000");
    if (seed < 0) throw ParameterError("parameter 'seed' must be 0 or more");
    if (threads < 0) throw ParameterError("parameter 'threads' must be 0 or more");
    settings.rounds = static_cast<int>(rounds);
    settings.repetitions = settings.rule == Rule::random_rate ? static_cast<int>(repetitions) : 1;
    settings.seed = static_cast<std::uint64_t>(seed);
    settings.decimal = parameters.text("arithmetic") == "decimal";
    settings.within_groups = parameters.text("scope") == "group";
    settings.threads = static_cast<std::size_t>(threads);
    return settings;
  }

  static Forecast forecast(const Scenario& scenario, const Settings& settings, const Paths& paths,
                           const RunOptions& options) {
    Forecast result;
    result.model = "exchange";
    const auto repetitions = static_cast<double>(paths.repetitions);
    const auto rounds = static_cast<std::size_t>(settings.rounds);
    for (std::size_t i = 0; i < scenario.issue_count(); ++i) {
      IssueForecast issue;
      issue.issue = scenario.issues[i].id;
      issue.forecast = paths.last(rounds, i) / repetitions;
      nlohmann::json nbs = nlohmann::json::array();
      for (std::size_t r = 0; r <= rounds; ++r) {
        nbs.push_back(paths.last(r, i) / repetitions);
        if (!options.record_rounds) continue;
        const double* sums = &paths.position_sums[(r * paths.issue_count + i) * paths.actor_count];
        issue.rounds.push_back({static_cast<int>(r), std::vector<double>(sums, sums + paths.actor_count)});
      }
      issue.details["nbs"] = std::move(nbs);
      if (settings.rule == Rule::random_rate) {
        const double variance = std::max(0.0, paths.squares[i] / repetitions - issue.forecast * issue.forecast);
        issue.details["forecast_sd"] = std::sqrt(variance);
        issue.details["forecast_min"] = paths.lowest[i];
        issue.details["forecast_max"] = paths.highest[i];
        issue.details["repetitions"] = static_cast<std::size_t>(paths.repetitions);
      }
      result.issues.push_back(std::move(issue));
    }
    std::vector<std::pair<int, const exchange::RealisedExchange*>> realised;
    for (std::size_t r = 0; r < paths.logs.size(); ++r)
      for (const auto& x : paths.logs[r].exchanges) realised.emplace_back(static_cast<int>(r + 1), &x);
    result.events.resize(realised.size());
    // Side by side from 1,024 events (cop21 has 1,309); fewer are quicker written than the
    // threads are started.
    Workers(settings.threads).for_each_index(realised.size(), 1024, [&](std::size_t k) {
      result.events[k] = exchange_event(scenario, realised[k].first, *realised[k].second);
    });
    if (options.record_events) result.details["externalities"] = externalities_json(scenario, paths);
    result.details["arithmetic"] = settings.decimal ? "decimal" : "double";
    result.details["rule"] = settings.rule == Rule::random_rate ? "random-rate" : "equal-gain";
    return result;
  }
};

}  // namespace

void register_exchange(Registry& registry) { registry.add(std::make_unique<ExchangeModel>()); }

}  // namespace parley
