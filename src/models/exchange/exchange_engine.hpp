// The exchange model's dynamics, written once over its number type N: exchange::Decimal (the
// reference's 28-digit arithmetic, exact parity) or double (fast). The formulas, their evaluation
// order and the tie rules are decide-exchange-model's (docs/models/exchange.md, "Formulas").
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>
#include <type_traits>
#include <vector>

#include "exchange/decimal.hpp"
#include "parley/scenario.hpp"
#include "parley/workers.hpp"

namespace parley::exchange {

// What differs between the number types: conversions and the reference's binary constants.
template <class N>
struct Arithmetic;

template <>
struct Arithmetic<Decimal> {
  using Constant = WideDecimal;  // exact binary value, never rounded
  static Decimal from_input(double value) { return Decimal::from_double_shortest(value); }
  static double to_double(const Decimal& value) { return value.to_double(); }
  static Decimal abs(const Decimal& value) { return value.abs(); }
  static bool negative(const Decimal& value) { return value.is_negative(); }  // never set on a zero
  static bool positive(const Decimal& value) { return !value.is_negative() && !value.is_zero(); }
  static Constant constant(double value) { return WideDecimal::from_double(value); }
};

template <>
struct Arithmetic<double> {
  using Constant = double;
  static double from_input(double value) { return value; }
  static double to_double(double value) { return value; }
  static double abs(double value) { return value < 0 ? -value : value; }
  static bool negative(double value) { return value < 0; }
  static bool positive(double value) { return value > 0; }
  static Constant constant(double value) { return value; }
};

enum class Rule { equal_gain, random_rate };

// One realised exchange, in double for output. Side 0 (the reference's "I") gives way on
// supply_issue[0] and demands supply_issue[1]; side 1 ("J") the other way round.
struct RealisedExchange {
  std::array<std::size_t, 2> actor{};
  std::array<std::size_t, 2> supply_issue{};
  std::array<double, 2> from{};  // supply positions before and after, on the issue's own scale
  std::array<double, 2> to{};
  double gain = 0.0;
  // Sums over third actors of ext_k (docs: Externalities): inner positive, inner negative, outer positive, outer negative.
  std::array<double, 4> externalities{};
};

// Per actor per round: own gains, then the four externality classes as above.
using ActorExternalities = std::array<double, 5>;

struct RoundLog {
  std::vector<RealisedExchange> exchanges;
  std::vector<ActorExternalities> externalities;  // by scenario actor
};

template <class N>
class ExchangeEngine {
  using A = Arithmetic<N>;
  using Constant = typename A::Constant;
  static constexpr std::size_t none = static_cast<std::size_t>(-1);
  // The reference's binary threshold for negligible moves and gains, and how near to it a double
  // approximation (within a relative 2^-50) must not lie to decide a comparison with it.
  static constexpr double epsilon_value = 1e-10;
  static constexpr double epsilon_margin = 0x1p-47 * epsilon_value;

 public:
  // Call reset() before the first round.
  ExchangeEngine()
      : salience_weight_(A::constant(0.4)), fixed_weight_(A::constant(0.1)), epsilon_(A::constant(epsilon_value)) {}

  // Starts over on `scenario` from its input positions; `random` is used by Rule::random_rate
  // only and must outlive the run. The engine keeps the capacity of its buffers, so a reused
  // engine runs small scenarios without allocating.
  // within_groups: exchanges pair only issues of the same group (separate negotiations).
  void reset(const Scenario& scenario, Rule rule, std::mt19937_64* random, bool within_groups) {
    scenario_ = &scenario;
    rule_ = rule;
    within_groups_ = within_groups;
    random_ = random;
    issue_count_ = scenario.issue_count();
    actor_count_ = scenario.actor_count();
    slot_.assign(issue_count_ * actor_count_, none);
    salience_ratio_.resize(actor_count_);
    issues_.resize(issue_count_);
    for (std::size_t i = 0; i < issue_count_; ++i) set_up_issue(i);
    compute_outcomes();
    report();
  }

  // Threads a round may use to calculate exchanges (0: all cores, 1: none besides the caller's).
  // The results do not depend on it: each calculation reads the round's shared state and writes
  // only its own exchange.
  void set_threads(std::size_t threads) { workers_.set_threads(threads); }

  // One round: find, calculate and realise exchanges, then move the positions.
  void run_round(RoundLog* log) {
    if (!outcomes_current_) compute_outcomes();
    classify_sides();
    exchange_count_ = 0;
    for (std::size_t p = 0; p < issue_count_; ++p)
      for (std::size_t q = p + 1; q < issue_count_; ++q)
        if (!within_groups_ || scenario_->issues[p].group == scenario_->issues[q].group) create_exchanges(p, q);
    for_each_index(exchange_count_, [this](std::size_t k) { calculate(exchanges_[k]); });
    realise_exchanges(log);
    finish_round();
  }

  [[nodiscard]] std::size_t issue_count() const { return issue_count_; }
  [[nodiscard]] std::size_t actor_count() const { return actor_count_; }
  [[nodiscard]] bool present(std::size_t issue, std::size_t actor) const {
    return slot_[issue * actor_count_ + actor] != none;
  }
  // The input before the first round, the last round's voting positions after; on the issue's scale.
  [[nodiscard]] double position(std::size_t issue, std::size_t actor) const {
    return to_scale(issue, reported_x_[issue * actor_count_ + actor]);
  }
  // The nbs: the capability × salience weighted mean of the reported positions.
  [[nodiscard]] double outcome(std::size_t issue) const { return to_scale(issue, reported_outcome_[issue]); }

 private:
  struct Member {
    std::size_t actor;
    N x, s, c;            // position (0–100), salience, power
    bool left = false;    // at or left of the round-start outcome
    bool eligible = false;  // may exchange: salience and power both positive
    // finish_round's weights, which depend on s only: (1 - s)·0.4 and (1 - pull) - 0.1, with the
    // binary constants.
    N pull{}, start_weight{};
  };

  struct IssueState {
    std::vector<Member> members;  // scenario actor order
    N lower, step;                // x = (X - lower) * step
    N weight_sum, outcome;        // Σ s·c and the nbs, at the round start
    // At the round start: each member's (x·s)·c and the running sum of these in member order, so
    // an outcome with a few positions changed re-adds only from the first changed member on.
    std::vector<N> terms, running;
    // Decimal runs: the round-start terms, each member's s·c, their sum, the sum of their
    // magnitudes and the weights, as doubles (Decimal::approximate), for approximate_signs.
    std::vector<double> approximate_terms, approximate_weights;
    double approximate_total = 0.0, approximate_magnitude = 0.0, approximate_weight_sum = 0.0;
  };

  // A side's listed moves in the round. A stack (moves are pushed and popped at the end only), so
  // each entry can keep the sum of the list up to it, in list order, and whether all moves up to
  // it are negative or all positive: move_ok reads these instead of going through the list.
  class MoveList {
   public:
    void clear() { entries_.clear(); }
    void push(const N& move) {
      const bool negative = A::negative(move);
      const bool positive = A::positive(move);
      if (entries_.empty()) {
        entries_.push_back({move, move, negative, positive});
        return;
      }
      const Entry& last = entries_.back();
      entries_.push_back({move, last.total + move, last.all_negative && negative, last.all_positive && positive});
    }
    void pop() { entries_.pop_back(); }
    [[nodiscard]] const N& back() const { return entries_.back().move; }
    [[nodiscard]] const N& total() const { return entries_.back().total; }
    // All listed moves point the same way (none is zero). The list is not empty.
    [[nodiscard]] bool one_way() const { return entries_.back().all_negative || entries_.back().all_positive; }

   private:
    struct Entry {
      N move, total;
      bool all_negative, all_positive;  // every move up to this one
    };
    std::vector<Entry> entries_;
  };

  struct Side {
    std::size_t actor, supply, demand;
    N sx, ss, sc;   // position on the supply issue (may change, see recalculate), salience, power
    N dx, ds;       // own position and salience on the demand issue, frozen
    N start;        // sx when created
    N weight;       // sc·ss, the divisor of shift_to_move
    N shift_ratio;  // equal gain: partner_shift's factor from this side's shift to the partner's
    N y, move;
    N proposed_y, proposed_move;  // y and move as propose() left them, before limit_to_partner
    MoveList moves;
    // The externalities of a realised exchange compare the supply outcome with the actor at sx
    // and at nbs1_y, the voting position as limit_to_partner left it. Both are computed when
    // needed: they depend only on these, the exchange's updates and the round-start positions,
    // none of which changes before the exchange is recalculated.
    N nbs1_y;
  };

  struct Update {
    std::size_t issue, actor;
    N x;
  };

  struct Exchange {
    std::array<Side, 2> side;  // [0] = I (supplies q, demands p), [1] = J (supplies p, demands q)
    std::size_t p, q;
    bool inner_groups_ad;      // formed from groups A and D (else B and C)
    N gain;
    N proposed_gain;           // the gain as propose() left it
    N rate;                    // random-rate: dq / dp
    bool valid = true;
    std::vector<Update> updates;
  };

  // ------------------------------------------------------------------------------ set-up

  void set_up_issue(std::size_t i) {
    const Issue& issue = scenario_->issues[i];
    IssueState& state = issues_[i];
    state.members.clear();
    state.lower = A::from_input(issue.scale_min);
    const N delta = A::from_input(issue.scale_max) - state.lower;
    state.step = delta == N(0) ? N(0) : N(100) / delta;
    for (std::size_t a = 0; a < actor_count_; ++a) {
      const Stance& stance = scenario_->stance(a, i);
      if (!stance.present) continue;
      Member member{a, (A::from_input(stance.position) - state.lower) * state.step, A::from_input(stance.salience),
                    A::from_input(scenario_->capability(a, i))};
      member.eligible = member.s > N(0) && member.c > N(0);
      member.pull = (N(1) - member.s) * salience_weight_;
      member.start_weight = (N(1) - member.pull) - fixed_weight_;
      slot_[i * actor_count_ + a] = state.members.size();
      state.members.push_back(member);
    }
  }

  [[nodiscard]] double to_scale(std::size_t issue, const N& x) const {
    const IssueState& state = issues_[issue];
    if (x == N(0) || state.step == N(0)) return A::to_double(state.lower);
    return A::to_double(x / state.step + state.lower);
  }

  // Keeps the current positions and outcomes as what position() and outcome() report.
  void report() {
    reported_x_.resize(issue_count_ * actor_count_);
    reported_outcome_.resize(issue_count_);
    for (std::size_t i = 0; i < issue_count_; ++i) {
      reported_outcome_[i] = issues_[i].outcome;
      for (const Member& m : issues_[i].members) reported_x_[i * actor_count_ + m.actor] = m.x;
    }
  }

  Member& member(std::size_t issue, std::size_t actor) { return issues_[issue].members[slot_[issue * actor_count_ + actor]]; }

  // ------------------------------------------------------------------------------ outcomes

  void compute_outcomes() {
    for (IssueState& state : issues_) {
      N weights(0);
      for (const Member& m : state.members) weights = weights + m.s * m.c;
      N total(0);
      state.terms.clear();
      state.running.clear();
      for (const Member& m : state.members) {
        state.terms.push_back(m.x * m.s * m.c);
        total = total + state.terms.back();
        state.running.push_back(total);
      }
      state.weight_sum = weights;
      state.outcome = weights == N(0) ? N(0) : total / weights;
      if constexpr (std::is_same_v<N, Decimal>) approximate_outcomes(state);
    }
    outcomes_current_ = true;
  }

  static void approximate_outcomes(IssueState& state) {
    state.approximate_terms.clear();
    state.approximate_weights.clear();
    state.approximate_total = state.approximate_magnitude = 0.0;
    for (std::size_t k = 0; k < state.members.size(); ++k) {
      const Member& m = state.members[k];
      const double term = state.terms[k].approximate();
      state.approximate_terms.push_back(term);
      state.approximate_weights.push_back(m.s.approximate() * m.c.approximate());
      state.approximate_total += term;
      state.approximate_magnitude += std::abs(term);
    }
    state.approximate_weight_sum = state.weight_sum.approximate();
  }

  void classify_sides() {
    for (IssueState& state : issues_)
      for (Member& m : state.members) m.left = m.x <= state.outcome;
  }

  // Σ (x·s)·c on `issue` in member order, with e's updates applied and `actor` at each of
  // `actor_x` in turn: one total per value, summed side by side in one pass. When
  // `update_beats_actor`, an update of `actor` itself wins over `actor_x` (limit_to_partner sums that way).
  template <std::size_t count>
  std::array<N, count> weighted_totals(std::size_t issue, const Exchange& e, std::size_t actor,
                                       const std::array<const N*, count>& actor_x, bool update_beats_actor) const {
    const IssueState& state = issues_[issue];
    // The members whose position differs from the round start, by member index; the actor's
    // entry has no position of its own (nullptr).
    // One list per thread, kept for its capacity: exchanges are calculated in parallel.
    thread_local std::vector<std::pair<std::size_t, const N*>> changed;
    changed.clear();
    bool actor_updated = false;
    for (const Update& u : e.updates) {
      if (u.issue != issue) continue;
      if (u.actor == actor) actor_updated = true;
      if (u.actor != actor || update_beats_actor) changed.emplace_back(slot_[issue * actor_count_ + u.actor], &u.x);
    }
    if (!(actor_updated && update_beats_actor)) changed.emplace_back(slot_[issue * actor_count_ + actor], nullptr);
    // By member index; insertion sort, as the list is short. Each member appears once.
    for (std::size_t k = 1; k < changed.size(); ++k)
      for (std::size_t j = k; j > 0 && changed[j].first < changed[j - 1].first; --j) std::swap(changed[j], changed[j - 1]);
    const std::size_t first = changed.front().first;
    std::array<N, count> totals;
    totals.fill(first == 0 ? N(0) : state.running[first - 1]);
    auto next = changed.begin();
    for (std::size_t k = first; k < state.members.size(); ++k) {
      if (next != changed.end() && next->first == k) {
        const Member& m = state.members[k];
        if (next->second != nullptr) {
          const N term = *next->second * m.s * m.c;
          for (N& total : totals) total = total + term;
        } else {
          for (std::size_t t = 0; t < count; ++t) totals[t] = totals[t] + *actor_x[t] * m.s * m.c;
        }
        ++next;
      } else {
        for (N& total : totals) total = total + state.terms[k];
      }
    }
    return totals;
  }

  N weighted_total(std::size_t issue, const Exchange& e, std::size_t actor, const N& actor_x,
                   bool update_beats_actor) const {
    return weighted_totals<1>(issue, e, actor, {&actor_x}, update_beats_actor)[0];
  }

  // The outcome on s.supply with e's updates applied and s's actor at `v`; `v` beats an update.
  N outcome_with(const Exchange& e, const Side& s, const N& v) const { return outcomes_with<1>(e, s, {&v})[0]; }

  // outcome_with for each of `values`, in one pass.
  template <std::size_t count>
  std::array<N, count> outcomes_with(const Exchange& e, const Side& s, const std::array<const N*, count>& values) const {
    const IssueState& state = issues_[s.supply];
    const N& weights = state.weight_sum;
    const bool updated =
        std::any_of(e.updates.begin(), e.updates.end(), [&](const Update& u) { return u.issue == s.supply; });
    const N& x = state.members[slot_[s.supply * actor_count_ + s.actor]].x;
    // A value at the round-start position with no update: the same sum in the same order, the
    // round-start outcome. The others are summed together.
    std::array<N, count> outcomes;
    std::array<const N*, count> summed{};
    std::array<std::size_t, count> place{};
    std::size_t sums = 0;
    for (std::size_t t = 0; t < count; ++t) {
      if (!updated && *values[t] == x) outcomes[t] = state.outcome;
      else if (weights == N(0)) outcomes[t] = N(0);
      else summed[sums] = values[t], place[sums++] = t;
    }
    if (sums == count) {
      const std::array<N, count> totals = weighted_totals<count>(s.supply, e, s.actor, values, false);
      for (std::size_t t = 0; t < count; ++t) outcomes[t] = totals[t] / weights;
    } else {
      for (std::size_t k = 0; k < sums; ++k)
        outcomes[place[k]] = weighted_total(s.supply, e, s.actor, *summed[k], false) / weights;
    }
    return outcomes;
  }

  // ------------------------------------------------------------------------------ exchanges

  // Sets up every exchange over issues p and q; run_round calculates them.
  void create_exchanges(std::size_t p, std::size_t q) {
    auto& groups = groups_;  // A, B, C, D
    for (auto& group : groups) group.clear();
    for (std::size_t a = 0; a < actor_count_; ++a) {
      if (!present(p, a) || !present(q, a)) continue;
      const Member& on_p = member(p, a);
      const Member& on_q = member(q, a);
      if (!on_p.eligible || !on_q.eligible) continue;  // zero salience or power: no exchange (as documented)
      groups[(on_p.left ? 1u : 0u) + (on_q.left ? 2u : 0u)].push_back(a);
      // Decimal runs divide exactly only when the approximations cannot order two ratios (salience_ratio_below).
      if constexpr (std::is_same_v<N, Decimal>) salience_ratio_[a] = on_p.s.approximate() / on_q.s.approximate();
      else salience_ratio_[a] = on_p.s / on_q.s;
    }
    for (const auto& [first, second] : {std::pair{0, 3}, std::pair{1, 2}})
      for (std::size_t a : groups[static_cast<std::size_t>(first)])
        for (std::size_t b : groups[static_cast<std::size_t>(second)])
          set_up_exchange(next_exchange(), a, b, p, q, first == 0);
  }

  // Exchange objects are reused from round to round, so their move lists keep their capacity.
  Exchange& next_exchange() {
    if (exchange_count_ == exchanges_.size()) exchanges_.emplace_back();
    return exchanges_[exchange_count_++];
  }

  void set_up_side(Side& side, std::size_t actor, std::size_t supply, std::size_t demand) {
    const Member& s = member(supply, actor);
    const Member& d = member(demand, actor);
    side.actor = actor;
    side.supply = supply;
    side.demand = demand;
    side.sx = side.start = s.x;
    side.ss = s.s;
    side.sc = s.c;
    side.weight = side.sc * side.ss;
    side.dx = d.x;
    side.ds = d.s;
    side.y = side.move = side.nbs1_y = N(0);
    side.moves.clear();
  }

  // Whether a's s_p / s_q, rounded, is below b's. The approximate ratios lie within a relative
  // 2^-48 of the exact ones, which rounding to 28 digits moves by at most 5·10^-28: a relative gap
  // of 2^-45 between the approximations orders the rounded ratios strictly (NaN never decides).
  bool salience_ratio_below(std::size_t a, std::size_t b, std::size_t p, std::size_t q) {
    if constexpr (std::is_same_v<N, Decimal>) {
      const double ratio_a = salience_ratio_[a];
      const double ratio_b = salience_ratio_[b];
      if (ratio_a < ratio_b * (1.0 - 0x1p-45)) return true;
      if (ratio_a > ratio_b * (1.0 + 0x1p-45)) return false;
      return member(p, a).s / member(q, a).s < member(p, b).s / member(q, b).s;
    }
    return salience_ratio_[a] < salience_ratio_[b];
  }

  // Roles: whoever cares relatively more about q keeps q and gives way on p.
  void set_up_exchange(Exchange& e, std::size_t a, std::size_t b, std::size_t p, std::size_t q, bool groups_ad) {
    const bool b_keeps_q = salience_ratio_below(a, b, p, q);
    set_up_side(e.side[0], b_keeps_q ? b : a, q, p);
    set_up_side(e.side[1], b_keeps_q ? a : b, p, q);
    if (rule_ == Rule::equal_gain) {  // fixed for the exchange's life: saliences do not change
      for (std::size_t k = 0; k < 2; ++k) {
        Side& known = e.side[k];
        const Side& other = e.side[1 - k];
        known.shift_ratio = (known.ss + other.ds) / (known.ds + other.ss);
      }
    }
    e.p = p;
    e.q = q;
    e.inner_groups_ad = groups_ad;
    e.gain = N(0);
    e.valid = true;
    e.updates.clear();
    if (rule_ == Rule::random_rate) e.rate = draw_rate(e);
  }

  // A rate dq/dp drawn uniformly from the open interval in which both sides gain.
  N draw_rate(const Exchange& e) {
    const Side& i = e.side[0];
    const Side& j = e.side[1];
    const N low = j.ss / j.ds;   // J gains when dq·J.ds > dp·J.ss
    const N high = i.ds / i.ss;  // I gains when dp·I.ds > dq·I.ss
    const double u = static_cast<double>((*random_)() >> 11) * 0x1.0p-53;
    return low + A::from_input(u) * (high - low);
  }

  [[nodiscard]] bool is_i(const Exchange& e, const Side& s) const { return &s == &e.side[0]; }

  // The shift of the partner's supply outcome that matches a shift `r` of `known`'s.
  N partner_shift(const Exchange& e, const Side& known, const N& r) const {
    if (rule_ == Rule::equal_gain) return known.shift_ratio * r;
    return is_i(e, known) ? r / e.rate : e.rate * r;
  }

  static N utility(const Side& s, const N& r_supply, const N& r_demand) {
    return A::abs(r_supply * s.ss - r_demand * s.ds);
  }

  // The exchange's sort key. Equal gain: both sides gain the same. Random rate: the smaller gain.
  N gain(const Exchange& e, const Side& s, const N& r_own, const N& r_partner) const {
    const N own = utility(s, r_own, r_partner);
    if (rule_ == Rule::equal_gain) return own;
    const N partner = utility(e.side[is_i(e, s) ? 1 : 0], r_partner, r_own);
    return partner < own ? partner : own;
  }

  N shift_to_move(const Side& s, const N& r) const { return (r * issues_[s.supply].weight_sum) / s.weight; }

  // True only for an admissible move whose listed moves all point the same way.
  bool move_ok(const Side& s, const N& m) const {
    if constexpr (std::is_same_v<N, Decimal>) {
      const int verdict = approximate_move_ok(s, m);
      if (verdict >= 0) return verdict == 1 && s.moves.one_way();
    }
    const N size = A::abs(m);
    if (size > N(100) || size <= epsilon_) return false;
    const N target = s.sx + m;
    if (target < N(0) || target > N(100)) return false;
    if (s.moves.total() > N(100)) return false;
    return s.moves.one_way();
  }

  // move_ok's bounds (size within (1e-10, 100], s.sx + m within [0, 100], listed total at most
  // 100) from double approximations: 1 when all surely hold, 0 when one surely fails, -1 when
  // some lies too near its limit to tell. Each approximation is within 2^-50 (the target adds
  // one double rounding and the Decimal sum's rounding, far smaller), so a margin of 2^-47 of
  // the magnitudes involved is eight times more than they can err; NaN decides nothing.
  static int approximate_move_ok(const Side& s, const N& m) {
    const double size = std::abs(m.approximate());
    const double start = s.sx.approximate();
    const double target = start + m.approximate();
    const double total = s.moves.total().approximate();
    const double margin = 0x1p-47 * (size + std::abs(start) + std::abs(total) + 100.0);
    if (size > 100.0 + margin || size < epsilon_value - epsilon_margin || target < -margin ||
        target > 100.0 + margin || total > 100.0 + margin)
      return 0;
    if (size < 100.0 - margin && size > epsilon_value + epsilon_margin && target > margin &&
        target < 100.0 - margin && total < 100.0 - margin)
      return 1;
    return -1;
  }

  // gain < epsilon_. Decimal runs decide from the approximation (within a relative 2^-50) when it
  // lies more than 2^-47 of the threshold away from it, as approximate_move_ok does.
  bool below_epsilon(const N& gain) const {
    if constexpr (std::is_same_v<N, Decimal>) {
      const double approximate = gain.approximate();
      if (approximate < epsilon_value - epsilon_margin) return true;
      if (approximate > epsilon_value + epsilon_margin) return false;
    }
    return gain < epsilon_;
  }

  static void orient(Side& s, const Side& partner) {
    if (s.sx > partner.dx) s.move = -s.move;
  }

  void calculate(Exchange& e) {
    propose(e);
    if (e.valid) limit(e);
  }

  // The moves, voting positions and gain before limit_to_partner, checked; kept for
  // repropose().
  void propose(Exchange& e) {
    Side& i = e.side[0];
    Side& j = e.side[1];
    const N& sum_p = issues_[e.p].weight_sum;
    const N& sum_q = issues_[e.q].weight_sum;
    // Try: J moves all the way to I's position on p. If I would then pass J, I moves all the way
    // instead. Decimal runs skip the try when approximations already tell that I would pass.
    const N j_distance = A::abs(i.dx - j.sx);
    const N i_distance = A::abs(j.dx - i.sx);
    const int passes = approximate_passes(e, j_distance, i_distance);
    N dp, dq;
    if (passes != 1) {
      dp = ((j_distance * j.ss) * j.sc) / sum_p;
      dq = partner_shift(e, j, dp);
      i.move = shift_to_move(i, dq);
      j.move = j_distance;
    }
    if (passes == 1 || (passes == -1 && A::abs(i.move) > i_distance)) {
      dq = ((i_distance * i.ss) * i.sc) / sum_q;
      dp = partner_shift(e, i, dq);
      i.move = i_distance;
      j.move = shift_to_move(j, dp);
    }
    orient(i, j);
    orient(j, i);
    i.moves.push(i.move);
    j.moves.push(j.move);
    i.y = i.sx + i.move;
    j.y = j.sx + j.move;
    e.gain = gain(e, i, dq, dp);
    e.valid = move_ok(i, i.move) && move_ok(j, j.move);
    if (below_epsilon(e.gain)) e.valid = false;
    for (Side& s : e.side) {
      s.proposed_move = s.move;
      s.proposed_y = s.y;
    }
    e.proposed_gain = e.gain;
  }

  // Whether I's move in propose()'s try, ((j_distance·J.ss·J.sc) / Σ_p → J's shift → I's
  // move), exceeds i_distance: 1 surely, 0 surely not, -1 when double approximations cannot
  // tell (always in double runs, which compute the try). Eight approximations within 2^-50
  // each and six double operations put the move within 2^-47 and i_distance within 2^-50 of
  // the exact values (the try's six Decimal roundings, 10^-27 each, far less): a relative gap
  // of 2^-44 decides. Zero and NaN (an exponent beyond ±66) decide nothing, nor do magnitudes
  // beyond 2^±100, whose products could leave the range of normal doubles.
  int approximate_passes(const Exchange& e, const N& j_distance, const N& i_distance) const {
    if constexpr (std::is_same_v<N, Decimal>) {
      const Side& i = e.side[0];
      const Side& j = e.side[1];
      const double factor = rule_ == Rule::equal_gain ? j.shift_ratio.approximate() : e.rate.approximate();
      const std::array<double, 8> values = {j_distance.approximate(),
                                            j.ss.approximate(),
                                            j.sc.approximate(),
                                            issues_[e.p].approximate_weight_sum,
                                            factor,
                                            issues_[e.q].approximate_weight_sum,
                                            i.weight.approximate(),
                                            i_distance.approximate()};
      const auto usable = [](double x) { return std::abs(x) >= 0x1p-100 && std::abs(x) <= 0x1p100; };
      if (!std::all_of(values.begin(), values.end(), usable)) return -1;
      const auto [distance, ss, sc, sum_p, shift, sum_q, weight, limit] = values;
      const double move = std::abs(((((distance * ss) * sc) / sum_p) * shift) * sum_q / weight);
      if (move > limit * (1.0 + 0x1p-44)) return 1;
      if (move < limit * (1.0 - 0x1p-44)) return 0;
    }
    return -1;
  }

  // propose() again when neither side's position changed since the last: it reads only the
  // positions, values fixed for the round and the listed moves below its own, all as they were,
  // so it would give what it gave then. That proposal passed its checks: the exchange is listed.
  void repropose(Exchange& e) {
    for (Side& s : e.side) {
      s.move = s.proposed_move;
      s.moves.push(s.move);
      s.y = s.proposed_y;
    }
    e.gain = e.proposed_gain;
    e.valid = true;
  }

  void limit(Exchange& e) {
    Side& i = e.side[0];
    Side& j = e.side[1];
    const bool limited_i = limit_to_partner(e, i);
    const bool limited_j = limit_to_partner(e, j);
    // Unlimited moves are the proposal's, which passed these checks with the same listed moves.
    if (limited_i || limited_j) e.valid = move_ok(i, i.move) && move_ok(j, j.move);
  }

  // A move must not carry the outcome past the partner's position; shrink it to land there.
  // True if it did (both sides' moves changed).
  bool limit_to_partner(Exchange& e, Side& s) {
    Side& o = e.side[is_i(e, s) ? 1 : 0];
    s.nbs1_y = s.y;
    const N& x = o.dx;
    if (!crosses(e, s, x)) return false;
    const IssueState& state = issues_[s.supply];
    const N total = weighted_total(s.supply, e, s.actor, s.sx, true);
    const N delta = A::abs(((x * state.weight_sum) - total) / s.weight);  // s.weight: its member's s·c
    const N r_own = ((delta * s.ss) * s.sc) / state.weight_sum;
    const N r_partner = partner_shift(e, s, r_own);
    o.move = A::abs(shift_to_move(o, r_partner));
    s.move = delta;
    orient(o, s);
    orient(s, o);
    o.moves.pop();
    s.moves.pop();
    o.moves.push(o.move);
    s.moves.push(s.move);
    o.y = o.sx + o.move;
    s.y = s.sx + s.move;
    e.gain = gain(e, o, r_partner, r_own);
    s.nbs1_y = s.y;
    return true;
  }

  // Whether s's move carries the outcome on its supply issue from one side of x strictly to the
  // other: x - outcome_with(e, s, v) changes sign from v = s.sx to v = s.y (a zero is no crossing).
  bool crosses(const Exchange& e, const Side& s, const N& x) const {
    if constexpr (std::is_same_v<N, Decimal>) {
      const auto [before, after] = approximate_signs(e, s, x);
      if (before != 0 && after != 0) return before != after;
    }
    const auto [outcome_before, outcome_after] = outcomes_with<2>(e, s, {&s.sx, &s.y});
    const N before = x - outcome_before;
    const N after = x - outcome_after;
    return !((before >= N(0) && after >= N(0)) || (before <= N(0) && after <= N(0)));
  }

  // The signs (1 or -1) of x - outcome_with(e, s, v) for v = s.sx and s.y where double
  // approximations decide them, else 0. The approximate outcome, (Σ terms with e's updates and
  // the actor at v) / Σ s·c, adds the changed terms to the round-start sum instead of
  // re-summing in order; its error is below (members + 2·updates + 40)·2^-53 · (Σ|terms| /
  // |weights|) plus 7·2^-53·|x| (conversions within 2^-50, one rounding per operation, the
  // Decimal sum's own rounding far smaller). The bound used is eight times that and more, so
  // a sign outside it is the exact one.
  std::array<int, 2> approximate_signs(const Exchange& e, const Side& s, const N& x) const {
    const IssueState& state = issues_[s.supply];
    const std::size_t actor = slot_[s.supply * actor_count_ + s.actor];
    double rest = state.approximate_total - state.approximate_terms[actor];  // the sum without the actor
    double magnitude = state.approximate_magnitude;
    std::size_t operations = state.members.size() + 4;
    for (const Update& u : e.updates) {
      if (u.issue != s.supply || u.actor == s.actor) continue;  // the actor's own update loses to v
      const std::size_t k = slot_[s.supply * actor_count_ + u.actor];
      const double term = u.x.approximate() * state.approximate_weights[k];
      rest += term - state.approximate_terms[k];
      magnitude += std::abs(term);
      operations += 3;
    }
    const double at_x = x.approximate();
    const double weights = state.approximate_weight_sum;
    std::array<int, 2> signs{};
    const std::array<const N*, 2> values = {&s.sx, &s.y};
    for (std::size_t t = 0; t < 2; ++t) {
      const double term = values[t]->approximate() * state.approximate_weights[actor];
      const double difference = at_x - (rest + term) / weights;
      // NaN (an exponent out of range, zero weights) fails both tests: undecided.
      const double bound = static_cast<double>(operations + 64) * 0x1p-50 *
                           ((magnitude + std::abs(term)) / std::abs(weights) + std::abs(at_x) + std::abs(difference));
      signs[t] = difference > bound ? 1 : (difference < -bound ? -1 : 0);
    }
    return signs;
  }

  // ------------------------------------------------------------------------------ parallel work

  // work(k) for every k below count, on the round's threads when the round is large and there
  // are enough calls to outweigh starting them (a Decimal calculation costs a few µs, a double
  // one a tenth of that). A small round (sample_data has some 200 candidates) costs less than
  // waking the threads.
  template <class Work>
  void for_each_index(std::size_t count, const Work& work) const {
    constexpr std::size_t parallel_minimum = std::is_same_v<N, Decimal> ? 16 : 512;
    constexpr std::size_t smallest_parallel_round = 1000;
    if (exchange_count_ < smallest_parallel_round) {
      for (std::size_t k = 0; k < count; ++k) work(k);
      return;
    }
    workers_.for_each_index(count, parallel_minimum, work);
  }

  // ------------------------------------------------------------------------------ realisation

  // Realises the best listed exchange, recalculates the rest, and repeats. The reference
  // keeps a list that it stable-sorts by descending gain before each realisation, so equal gains
  // keep their list order. Here the list is a heap ordered by (gain descending, tie ascending),
  // where `tie` orders exchanges of equal gain as the list would: the initial place, and for a
  // recalculated exchange whose gain changed, a place before (gain fell) or after (gain rose)
  // every exchange already at its new gain, just as the stable sort moves it. Only exchanges
  // in which an actor of the realised one trades over one of its issues can change (see recalculate), so
  // only those are visited.
  void realise_exchanges(RoundLog* log) {
    prepare_realisation();
    realised_.clear();
    auto& changed = changed_;
    auto& affected_ones = affected_;
    while (!heap_.empty()) {
      std::pop_heap(heap_.begin(), heap_.end(), worse_);
      const Entry top = heap_.back();
      heap_.pop_back();
      if (status_[top.id] != Status::listed || top.version != versions_[top.id]) continue;  // stale entry
      const Exchange& r = exchanges_[top.id];
      status_[top.id] = Status::gone;
      realised_.push_back(top.id);
      affected_ones.clear();
      for (const Side& side : r.side)
        for (const std::size_t issue : {r.p, r.q})
          for (std::size_t k : by_actor_issue_[side.actor * issue_count_ + issue]) {
            if (status_[k] != Status::listed || visited_[k] == realised_.size()) continue;
            visited_[k] = realised_.size();
            if (affected(keys_[k], keys_[top.id])) affected_ones.push_back(k);
          }
      redone_.resize(affected_ones.size());
      for_each_index(affected_ones.size(),
                     [&](std::size_t n) { redone_[n] = recalculate(exchanges_[affected_ones[n]], r) ? 1 : 0; });
      changed.clear();
      for (std::size_t n = 0; n < affected_ones.size(); ++n) {
        const std::size_t k = affected_ones[n];
        if (!exchanges_[k].valid) status_[k] = Status::gone;
        else if (redone_[n] != 0) changed.push_back(k);
      }
      relist(changed);
    }
    if (log) log_round(*log);
  }

  void prepare_realisation() {
    status_.assign(exchange_count_, Status::gone);
    visited_.assign(exchange_count_, 0);
    versions_.assign(exchange_count_, 0);
    ties_.assign(exchange_count_, 0);
    by_actor_issue_.resize(actor_count_ * issue_count_);
    for (auto& list : by_actor_issue_) list.clear();
    keys_.clear();
    gains_.clear();
    heap_.clear();
    for (std::size_t k = 0; k < exchange_count_; ++k) {
      keys_.push_back(key_of(exchanges_[k]));
      gains_.push_back(exchanges_[k].gain);
      if (!exchanges_[k].valid) continue;
      status_[k] = Status::listed;
      for (const Side& side : exchanges_[k].side)
        for (const std::size_t issue : {side.supply, side.demand})
          by_actor_issue_[side.actor * issue_count_ + issue].push_back(k);
      // The reference's first sort is stable: equal gains keep the order of creation, so the
      // exchange's index serves as its tie.
      ties_[k] = static_cast<std::int64_t>(k);
      heap_.push_back(entry(gains_[k], ties_[k], k, 0));
    }
    std::make_heap(heap_.begin(), heap_.end(), worse_);
    front_tie_ = -1;
    back_tie_ = static_cast<std::int64_t>(exchange_count_);
  }

  // Puts recalculated exchanges back where the reference's stable sort would.
  void relist(std::vector<std::size_t>& changed) {
    // Their order in the list before: old gain descending, then tie.
    std::sort(changed.begin(), changed.end(), [this](std::size_t a, std::size_t b) {
      const auto order = gains_[a] <=> gains_[b];
      return order != 0 ? order > 0 : ties_[a] < ties_[b];
    });
    // Fallen gains go in front of their new peers, the earliest of them first...
    for (auto k = changed.rbegin(); k != changed.rend(); ++k)
      if (exchanges_[*k].gain < gains_[*k]) ties_[*k] = front_tie_--;
    // ...risen gains behind them, in list order.
    for (std::size_t k : changed)
      if (exchanges_[k].gain > gains_[k]) ties_[k] = back_tie_++;
    for (std::size_t k : changed) {
      gains_[k] = exchanges_[k].gain;
      heap_.push_back(entry(gains_[k], ties_[k], k, ++versions_[k]));
      std::push_heap(heap_.begin(), heap_.end(), worse_);
    }
  }

  // Who moves on what in an exchange, compact, to find the exchanges a realisation affects.
  struct Key {
    std::uint32_t actor_i, actor_j, q, p;  // I supplies q and demands p; J the other way round
  };

  static Key key_of(const Exchange& e) {
    return {static_cast<std::uint32_t>(e.side[0].actor), static_cast<std::uint32_t>(e.side[1].actor),
            static_cast<std::uint32_t>(e.q), static_cast<std::uint32_t>(e.p)};
  }

  // Whether realising r makes recalculate(e, r) do anything: conditions (a) and (b) of recalculate.
  static bool affected(const Key& e, const Key& r) {
    const auto moves_on = [](const Key& x, std::uint32_t actor, std::uint32_t issue) {
      return (x.actor_i == actor && x.q == issue) || (x.actor_j == actor && x.p == issue);
    };
    const auto demands = [](const Key& x, std::uint32_t actor, std::uint32_t issue) {
      return (x.actor_i == actor && x.p == issue) || (x.actor_j == actor && x.q == issue);
    };
    return moves_on(e, r.actor_i, r.q) || moves_on(e, r.actor_j, r.p) || demands(e, r.actor_j, r.q) ||
           demands(e, r.actor_i, r.p);
  }

  // True if e was recalculated.
  bool recalculate(Exchange& e, const Exchange& r) {
    bool redo = false;
    // (a) the same actor moving on the same issue continues from r's voting position.
    bool hit = false;
    for (Side& s : e.side)
      for (const Side& t : r.side)
        if (s.actor == t.actor && s.supply == t.supply) {
          s.sx = t.y;
          s.moves.push(t.moves.back());
          hit = true;
          break;
        }
    // As in the reference: r's move is listed on the matching side, then the last entry of both
    // sides is dropped before recalculating. Which moves stay listed decides move_ok's checks.
    if (hit) {
      e.side[0].moves.pop();
      e.side[1].moves.pop();
      redo = true;
    }
    // (b) r moved someone on an issue that one of e's actors demands.
    for (std::size_t g = 0; g < 2; ++g) {
      const Side& giver = r.side[g];
      const Side& taker = r.side[1 - g];
      const bool concerned = std::any_of(e.side.begin(), e.side.end(), [&](const Side& s) {
        return s.actor == taker.actor && s.demand == taker.demand;
      });
      if (!concerned) continue;
      record_update(e, giver);
      if (!redo) {
        e.side[0].moves.pop();
        e.side[1].moves.pop();
        redo = true;
      }
    }
    if (hit) {
      calculate(e);
    } else if (redo) {  // updates only
      repropose(e);
      limit(e);
    }
    return redo;
  }

  static void record_update(Exchange& e, const Side& giver) {
    for (Update& u : e.updates)
      if (u.issue == giver.supply && u.actor == giver.actor) {
        // Keep whichever of the two is nearer the giver's start.
        if (giver.start <= u.x) u.x = u.x < giver.y ? u.x : giver.y;
        else u.x = u.x > giver.y ? u.x : giver.y;
        return;
      }
    e.updates.push_back({giver.supply, giver.actor, giver.y});
  }

  // ------------------------------------------------------------------------------ end of round

  void finish_round() {
    for (std::size_t k : realised_)
      for (const Side& s : exchanges_[k].side) member(s.supply, s.actor).x = s.y;
    compute_outcomes();
    report();  // what the round reports: the voting positions and their outcome
    // The next round starts from each moved position pulled back towards where its side started.
    for (std::size_t k : realised_)
      for (const Side& s : exchanges_[k].side) {
        Member& m = member(s.supply, s.actor);  // m.s is s.ss
        m.x = ((m.pull * s.y) + (fixed_weight_ * s.y)) + (m.start_weight * s.start);
        outcomes_current_ = false;
      }
  }

  // ------------------------------------------------------------------------------ observers (externalities)

  // What a realised exchange did to each third actor: externality class (see RealisedExchange) and value.
  struct Effect {
    std::size_t actor, slot;
    double value;
  };

  struct LoggedExchange {
    RealisedExchange out;
    std::vector<Effect> effects;  // third actors in scenario order
  };

  // Logs the round's realised exchanges in order. Each is described on its own (in parallel on
  // large rounds): nothing it reads changes between its realisation and the end of the round.
  // The per-actor sums then add up in realisation order, as if logged one by one.
  void log_round(RoundLog& log) {
    if (realised_.empty()) return;
    if (logged_.size() < realised_.size()) logged_.resize(realised_.size());
    for_each_index(realised_.size(), [this](std::size_t n) { describe(exchanges_[realised_[n]], logged_[n]); });
    if (log.externalities.size() != actor_count_) log.externalities.assign(actor_count_, ActorExternalities{});
    for (std::size_t n = 0; n < realised_.size(); ++n) {
      const LoggedExchange& logged = logged_[n];
      for (const std::size_t actor : logged.out.actor) log.externalities[actor][0] += logged.out.gain;
      for (const Effect& effect : logged.effects) log.externalities[effect.actor][1 + effect.slot] += effect.value;
      log.exchanges.push_back(logged.out);
    }
  }

  void describe(const Exchange& r, LoggedExchange& logged) const {
    RealisedExchange& out = logged.out;
    out = RealisedExchange{};
    logged.effects.clear();
    for (std::size_t k = 0; k < 2; ++k) {
      const Side& s = r.side[k];
      out.actor[k] = s.actor;
      out.supply_issue[k] = s.supply;
      out.from[k] = to_scale(s.supply, s.sx);
      out.to[k] = to_scale(s.supply, s.y);
    }
    out.gain = A::to_double(r.gain);
    const Side& i = r.side[0];
    const Side& j = r.side[1];
    const auto [nbs0_i, nbs1_i] = outcomes_with<2>(r, i, {&i.sx, &i.nbs1_y});
    const auto [nbs0_j, nbs1_j] = outcomes_with<2>(r, j, {&j.sx, &j.nbs1_y});
    for (std::size_t k = 0; k < actor_count_; ++k) {
      if (k == i.actor || k == j.actor || !present(r.p, k) || !present(r.q, k)) continue;
      const Member& on_p = issues_[r.p].members[slot_[r.p * actor_count_ + k]];
      const Member& on_q = issues_[r.q].members[slot_[r.q * actor_count_ + k]];
      const N effect = (A::abs(nbs0_j - on_p.x) - A::abs(nbs1_j - on_p.x)) * on_p.s +
                       (A::abs(nbs0_i - on_q.x) - A::abs(nbs1_i - on_q.x)) * on_q.s;
      const std::size_t group = (on_p.left ? 1u : 0u) + (on_q.left ? 2u : 0u);
      const bool inner = r.inner_groups_ad == (group == 0 || group == 3);
      const double value = A::to_double(effect);
      const std::size_t slot = (inner ? 0u : 2u) + (value > 0.0 ? 0u : 1u);
      out.externalities[slot] += value;
      logged.effects.push_back({k, slot, value});
    }
  }

  const Scenario* scenario_ = nullptr;
  Rule rule_ = Rule::equal_gain;
  std::mt19937_64* random_ = nullptr;
  std::size_t issue_count_ = 0;
  std::size_t actor_count_ = 0;
  bool within_groups_ = false;
  Constant salience_weight_;
  Constant fixed_weight_;
  Constant epsilon_;
  std::vector<std::size_t> slot_;  // issue * actor_count + actor → index in members, or none
  std::vector<IssueState> issues_;
  bool outcomes_current_ = false;  // the issues' outcomes, terms and sums match the positions
  // What position() and outcome() report: the input, or after a round its voting positions.
  std::vector<N> reported_x_;  // issue * actor_count + actor
  std::vector<N> reported_outcome_;
  std::vector<Exchange> exchanges_;  // the first exchange_count_ are this round's
  std::size_t exchange_count_ = 0;
  struct Entry {
    N gain;
    double approximate_gain;  // Decimal runs: gain.approximate(), for Worse
    std::int64_t tie;
    std::size_t id;
    std::uint32_t version;
  };
  static Entry entry(const N& gain, std::int64_t tie, std::size_t id, std::uint32_t version) {
    if constexpr (std::is_same_v<N, Decimal>) return {gain, gain.approximate(), tie, id, version};
    else return {gain, 0.0, tie, id, version};
  }
  // Heap order: the top is the highest gain, then the lowest tie. Decimal gains are ordered by
  // their approximations (relative error at most 2^-50 each) when those differ by more than 2^-48
  // of their magnitudes, which their errors cannot bridge (NaN fails the test); exactly otherwise.
  struct Worse {
    bool operator()(const Entry& a, const Entry& b) const {
      if constexpr (std::is_same_v<N, Decimal>) {
        const double difference = a.approximate_gain - b.approximate_gain;
        if (std::abs(difference) > 0x1p-48 * (std::abs(a.approximate_gain) + std::abs(b.approximate_gain)))
          return difference < 0.0;
      }
      const auto order = a.gain <=> b.gain;
      return order != 0 ? order < 0 : a.tie > b.tie;
    }
  };
  static constexpr Worse worse_{};

  enum class Status : std::uint8_t { listed, gone };
  std::vector<Status> status_;        // by exchange
  std::vector<std::uint32_t> versions_;  // by exchange: heap entries of older versions are stale
  std::vector<std::int64_t> ties_;    // by exchange: order among equal gains
  std::vector<Entry> heap_;
  std::int64_t front_tie_ = -1;
  std::int64_t back_tie_ = 0;
  std::vector<Key> keys_;             // by exchange
  std::vector<N> gains_;              // by exchange: its gain, compact for sorting
  std::vector<std::size_t> visited_;  // by exchange: the realisation that last visited it
  // actor * issue_count + issue → the listed exchanges in which the actor trades over that issue
  std::vector<std::vector<std::size_t>> by_actor_issue_;
  std::vector<std::size_t> realised_;
  // Scratch, kept for its capacity.
  std::array<std::vector<std::size_t>, 4> groups_;  // create_exchanges
  // create_exchanges: by actor, s_p / s_q (Decimal runs: of the approximations, see salience_ratio_below)
  std::vector<double> salience_ratio_;
  std::vector<std::size_t> changed_;                // realise_exchanges
  std::vector<std::size_t> affected_;               // realise_exchanges: the exchanges to recalculate
  std::vector<char> redone_;                        // by affected_ entry: recalculate's answer
  std::vector<LoggedExchange> logged_;              // log_round, by realised_ entry
  Workers workers_;                                 // the round's threads
};

}  // namespace parley::exchange
