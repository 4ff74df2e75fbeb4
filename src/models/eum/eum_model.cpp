// The `eum` model as parley sees it: parameters and variants, the round loop per issue, and
// what it records (positions per round, events told in words, perspectives, risk exponents).
#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <string_view>
#include <utility>
#include <stdexcept>
#include <string>

#include "eum/eum.hpp"
#include "parley/number_text.hpp"
#include "parley/registry.hpp"
#include "parley/workers.hpp"

namespace parley {
namespace {

using eum::Options;

constexpr const char* from_variant = "variant";
// Perspective charts are n × n; beyond this many actors they are left out of the details.
constexpr std::size_t perspective_actor_limit = 500;

// An option parameter: "variant" (the default) or one of the named values.
ParameterSpec option_spec(const std::string& name, const std::string& description, std::vector<std::string> values) {
  if (!values.empty()) values.insert(values.begin(), from_variant);
  return {name, from_variant, description + " (default: the variant's value)", std::move(values)};
}

ModelInfo eum_info() {
  return {"eum",
          "Bueno de Mesquita's expected-utility model: challenges, conflicts, compromises round by round",
          {
              {"variant", "scholz", "option set: scholz (clean reading of Scholz et al. 2011), jmckib or masad2014 "
                                    "(the two Python replications)", {"scholz", "jmckib", "masad2014"}},
              {"rounds", "10", "the most rounds played", {}},
              {"tolerance", "0", "stop when the forecast moves less than this in a round (0: never)", {}},
              {"decision", "median", "decision rule of the forecast: weighted median or weighted mean of the final positions",
               {"median", "mean"}},
              option_spec("range", "R, the length normalising distances: the initial positions' span, the issue "
                                   "scale, or the current span", {"initial", "scale", "current"}),
              option_spec("vote_exponent", "exponent on a voter's distances: 1, or the voter's risk exponent",
                          {"one", "voter_r"}),
              option_spec("prob_numerator", "P's numerator: positive votes (negative ones clipped per voter) or "
                                            "the net vote clipped at 0", {"positive_votes", "clipped_net"}),
              option_spec("prob_denominator", "P's denominator: |votes| on the pair, or over all pairs",
                          {"pair", "all_pairs"}),
              option_spec("eu_risk", "whose risk exponent values the other actor's EU of challenging: the "
                                     "deciding actor's (receiver) or the other's (own)", {"receiver", "own"}),
              option_spec("Q", "status-quo probability Q, a number in [0, 1]", {}),
              option_spec("T", "probability T that an unchallenged move helps the challenger: a number in "
                               "[0, 1], or case (1 when mu is nearer than the target)", {}),
              option_spec("nc_sign", "sign of the (1 − Q) no-challenge term", {"minus", "plus"}),
              option_spec("mu_risk", "mu in the security (risk) pass", {"median", "mean"}),
              option_spec("mu", "mu in the decision pass", {"median", "mean"}),
              option_spec("median_ties", "tie in the weighted median: lowest position or first actor",
                          {"lowest", "first_actor"}),
              option_spec("offer_protocol", "receiver_eval: each actor reviews all challenges; sender_push: only "
                                            "the one with the highest EU", {"receiver_eval", "sender_push"}),
              option_spec("capitulation", "whether an actor that expects to lose more than the challenger "
                                          "gains gives in fully", {"true", "false"}),
              option_spec("compromise_select", "which compromise an actor takes: the least move, or the "
                                               "replication's smallest weighted-average key",
                          {"least_move", "jmckib_key"}),
              {"evaluation", "auto", "exact: voter-by-voter sums and std::pow, bit-identical to the replications; "
                                     "fast: sorted prefix sums and exp/log, O(n²) per round (linear votes over "
                                     "the pair only); auto: fast from 128 actors where allowed",
               {"auto", "exact", "fast"}},
              {"threads", "0",
               "threads of the fast evaluation, and of the issues side by side from 16 actors (0: all cores); "
               "the results do not depend on it",
               {}},
          }};
}

template <typename Enum>
Enum choice(const Parameters& p, const std::string& name, Enum current,
            std::initializer_list<std::pair<std::string_view, Enum>> values) {
  const std::string& value = p.text(name);
  if (value == from_variant) return current;
  for (const auto& [text, option] : values)
    if (text == value) return option;
  throw ParameterError("parameter '" + name + "' is '" + value + "'");  // the declared choices rule this out
}

double probability_parameter(const Parameters& p, const std::string& name, double current) {
  if (p.text(name) == from_variant) return current;
  const double value = p.number(name);
  if (value < 0.0 || value > 1.0) throw ParameterError("parameter '" + name + "' must lie in [0, 1]");
  return value;
}

Options resolve_options(const Parameters& p) {
  Options o = eum::variant_options(p.text("variant"));
  using namespace eum;
  o.range = choice(p, "range", o.range,
                   {{"initial", RangeRule::initial}, {"scale", RangeRule::scale}, {"current", RangeRule::current}});
  o.vote_exponent =
      choice(p, "vote_exponent", o.vote_exponent, {{"one", VoteExponent::one}, {"voter_r", VoteExponent::voter_risk}});
  o.numerator = choice(p, "prob_numerator", o.numerator,
                       {{"positive_votes", ProbabilityNumerator::positive_votes},
                        {"clipped_net", ProbabilityNumerator::clipped_net}});
  o.denominator = choice(p, "prob_denominator", o.denominator,
                         {{"pair", ProbabilityDenominator::pair}, {"all_pairs", ProbabilityDenominator::all_pairs}});
  o.eu_risk = choice(p, "eu_risk", o.eu_risk, {{"receiver", EuRisk::receiver}, {"own", EuRisk::own}});
  o.q = probability_parameter(p, "Q", o.q);
  if (p.text("T") == "case") o.t.reset();
  else if (p.text("T") != from_variant) o.t = probability_parameter(p, "T", 0.0);
  o.nc_sign = choice(p, "nc_sign", o.nc_sign, {{"minus", NoChallengeSign::minus}, {"plus", NoChallengeSign::plus}});
  o.mu_risk = choice(p, "mu_risk", o.mu_risk, {{"median", Centre::median}, {"mean", Centre::mean}});
  o.mu_decide = choice(p, "mu", o.mu_decide, {{"median", Centre::median}, {"mean", Centre::mean}});
  o.median_ties = choice(p, "median_ties", o.median_ties,
                         {{"lowest", MedianTies::lowest}, {"first_actor", MedianTies::first_actor}});
  o.protocol = choice(p, "offer_protocol", o.protocol,
                      {{"receiver_eval", OfferProtocol::receiver_eval}, {"sender_push", OfferProtocol::sender_push}});
  o.capitulation = choice(p, "capitulation", o.capitulation, {{"true", true}, {"false", false}});
  o.compromise_select = choice(p, "compromise_select", o.compromise_select,
                               {{"least_move", CompromiseSelect::least_move},
                                {"jmckib_key", CompromiseSelect::jmckib_key}});
  o.evaluation = choice(p, "evaluation", o.evaluation,
                        {{"auto", Evaluation::automatic}, {"exact", Evaluation::exact}, {"fast", Evaluation::fast}});
  const long threads = p.integer("threads");
  if (threads < 0) throw ParameterError("parameter 'threads' must be 0 or more");
  o.threads = static_cast<std::size_t>(threads);
  return o;
}

// A position for a sentence: two decimals, trailing zeros dropped but one kept (12.0, 8.42).
std::string position_text(double x) {
  std::string text = fixed_text(x, 2);
  while (text.size() > 1 && text.back() == '0' && text[text.size() - 2] != '.') text.pop_back();
  return text;
}

const char* outcome_kind(eum::Outcome outcome) {
  switch (outcome) {
    case eum::Outcome::confrontation: return "confrontation";
    case eum::Outcome::compromise: return "compromise";
    case eum::Outcome::capitulation: return "capitulation";
  }
  return "";
}

// Everything one issue's run needs to name things.
struct IssueContext {
  const Scenario& scenario;
  const Issue& issue;
  const IssueData& data;
  const std::string& name(std::size_t k) const { return scenario.actors[data.actors[k]].name; }
  const std::string& id(std::size_t k) const { return scenario.actors[data.actors[k]].id; }
};

Event move_event(const IssueContext& c, int round, const eum::Move& m) {
  const std::string& challenger = c.name(m.partner);
  const std::string& mover = c.name(m.mover);
  std::string how;
  switch (m.outcome) {
    case eum::Outcome::confrontation: how = mover + " loses the conflict and moves to "; break;
    case eum::Outcome::compromise: how = mover + " compromises and moves to "; break;
    case eum::Outcome::capitulation: how = mover + " gives in and moves to "; break;
  }
  Event e;
  e.round = round;
  e.kind = outcome_kind(m.outcome);
  e.actors = {c.id(m.partner), c.id(m.mover)};
  e.issues = {c.issue.id};
  e.text = challenger + " challenges " + mover + " on " + c.issue.label + "; " + how + position_text(m.to) +
           " (from " + position_text(m.from) + ").";
  e.values = {{"eu_challenger", m.eu_partner}, {"eu_mover", m.eu_mover}, {"from", m.from}, {"to", m.to}};
  return e;
}

Event round_event(const IssueContext& c, int round, std::size_t moves, double median, double mean) {
  Event e;
  e.round = round;
  e.kind = "round";
  e.issues = {c.issue.id};
  const std::string head = "Round " + std::to_string(round) + " on " + c.issue.label + " ends: ";
  const std::string who = moves == 0   ? "nobody moves"
                          : moves == 1 ? "1 actor moves"
                                       : std::to_string(moves) + " actors move";
  e.text = head + who + "; the weighted median is " + position_text(median) + " (mean " + position_text(mean) + ").";
  e.values = {{"moves", static_cast<double>(moves)}, {"median", median}, {"mean", mean}};
  return e;
}

// Every actor's chart: its own estimate of its EU of challenging each other actor, against
// its estimate of that actor's EU of challenging it (both with its own risk exponent).
nlohmann::json perspectives(const IssueContext& c, const eum::Bargaining& b, int round) {
  const auto charts = b.perspectives();
  const std::size_t n = b.size();
  nlohmann::json actors = nlohmann::json::array();
  for (std::size_t i = 0; i < n; ++i) {
    nlohmann::json others = nlohmann::json::array();
    for (std::size_t j = 0; j < n; ++j) {
      if (j == i) continue;
      others.push_back({{"other", c.id(j)},
                        {"eu_i_challenges_j", charts.challenge[i * n + j]},
                        {"eu_j_challenges_i", charts.challenged[i * n + j]}});
    }
    actors.push_back({{"actor", c.id(i)}, {"risk", b.risk()[i]}, {"others", std::move(others)}});
  }
  return {{"round", round}, {"actors", std::move(actors)}};
}

double initial_range(const Options& o, const Issue& issue, const std::vector<double>& positions) {
  if (o.range == eum::RangeRule::scale) return issue.scale_max - issue.scale_min;
  const auto [low, high] = std::minmax_element(positions.begin(), positions.end());
  return *high - *low;
}

RoundPositions round_positions(const Scenario& scenario, const IssueData& data, int round,
                               const std::vector<double>& positions) {
  RoundPositions r{round, std::vector<double>(scenario.actor_count(), 0.0)};
  for (std::size_t k = 0; k < data.size(); ++k) r.positions[data.actors[k]] = positions[k];
  return r;
}

class EumModel final : public Model {
 public:
  EumModel() : info_(eum_info()) {}
  [[nodiscard]] const ModelInfo& info() const override { return info_; }
  using Model::run;

  [[nodiscard]] Forecast run(const Scenario& scenario, const Parameters& parameters,
                             const RunOptions& options) const override {
    Options o = resolve_options(parameters);
    o.threads = run_threads(options, o.threads);
    const long rounds = parameters.integer("rounds");
    if (rounds < 0) throw ParameterError("parameter 'rounds' must be 0 or more");
    const double tolerance = parameters.number("tolerance");
    const bool by_mean = parameters.text("decision") == "mean";
    Forecast forecast;
    forecast.model = info_.name;
    // The issues are bargained over separately, so they run side by side (each writes its own
    // forecast) when there are enough actors to outweigh waking the threads.
    constexpr std::size_t parallel_minimum_actors = 16;
    forecast.issues.resize(scenario.issue_count());
    const Workers workers(scenario.actor_count() < parallel_minimum_actors ? 1 : o.threads);
    workers.for_each_index(scenario.issue_count(), 2, [&](std::size_t i) {
      const IssueData data = issue_data(scenario, i);
      const IssueContext context{scenario, scenario.issues[i], data};
      forecast.issues[i] = run_issue(context, o, static_cast<int>(rounds), tolerance, by_mean, options);
    });
    return forecast;
  }

 private:
  static IssueForecast run_issue(const IssueContext& c, const Options& o, int rounds, double tolerance, bool by_mean,
                                 const RunOptions& options) {
    IssueForecast result;
    result.issue = c.issue.id;
    eum::Bargaining bargaining(c.data.positions, c.data.saliences, c.data.capabilities,
                               initial_range(o, c.issue, c.data.positions), o);
    auto outcome = [&] { return by_mean ? bargaining.mean() : bargaining.median(); };
    nlohmann::json summary = nlohmann::json::array();
    nlohmann::json risk = nlohmann::json::array();
    // A run that records nothing (Monte Carlo draws) needs the forecast only: no summary either.
    const bool summarise = options.record_rounds || options.record_events;
    auto record = [&](int round) {
      if (options.record_rounds) result.rounds.push_back(round_positions(c.scenario, c.data, round, bargaining.positions()));
      if (summarise)
        summary.push_back({{"round", round}, {"median", bargaining.median()}, {"mean", bargaining.mean()}});
    };
    record(0);
    double current = outcome();
    for (int round = 1; round <= rounds; ++round) {
      const double before = current;
      const std::vector<double> positions_before = bargaining.positions();
      bargaining.assess();
      if (round == 1 && options.record_events && bargaining.size() <= perspective_actor_limit)
        result.details["perspectives"] = perspectives(c, bargaining, round);
      const auto moves = bargaining.decide();
      bargaining.apply(moves);
      if (options.record_events) {
        for (const auto& move : moves) result.events.push_back(move_event(c, round, move));
        result.events.push_back(round_event(c, round, moves.size(), bargaining.median(), bargaining.mean()));
        nlohmann::json values = nlohmann::json::object();
        for (std::size_t k = 0; k < bargaining.size(); ++k) values[c.id(k)] = bargaining.risk()[k];
        risk.push_back({{"round", round}, {"risk", std::move(values)}});
      }
      record(round);
      current = outcome();
      const bool settled = bargaining.positions() == positions_before;
      if (settled || std::abs(current - before) < tolerance) break;
    }
    result.forecast = current;
    if (summarise) result.details["summary"] = std::move(summary);
    if (options.record_events) result.details["risk_exponents"] = std::move(risk);
    return result;
  }

  ModelInfo info_;
};

}  // namespace

void register_eum(Registry& registry) { registry.add(std::make_unique<EumModel>()); }

}  // namespace parley
