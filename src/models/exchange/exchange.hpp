// Model `exchange`: Stokman & Van Oosten's exchange of voting positions.
//
// Assumes: actors trade positions across pairs of issues. Two actors on opposite sides of the
// outcome (the capability × salience weighted mean position, the "nbs") on both issues, each
// caring relatively more about one of the two, can both gain if each moves towards the other on
// the issue it cares less about. Per round every such exchange is calculated, they are realised
// in order of gain (exchanges that conflict with a realised one are recalculated or dropped),
// the positions move, and actors drift partly back before the next round. Third actors feel
// externalities. The forecast per issue is the nbs after the last round. (Stokman & Van Oosten
// 1994, "The exchange of voting positions: an object-oriented model of policy networks", in
// Bueno de Mesquita & Stokman (eds), European Community Decision Making; Stokman & Van der Knoop;
// the rules match decide-exchange-model's EqualGainModel, see docs/models/exchange.md.)
//
// Parameters:
//   rule = equal-gain (default) | random-rate
//     equal-gain: the exchange rate gives both partners the same gain (deterministic).
//     random-rate: each exchange draws its rate uniformly from the range in which both gain; it
//       is ranked by the smaller of the two gains. Repeated `repetitions` times; the forecast is
//       the mean, with the standard deviation, minimum and maximum in the details.
//   rounds = 10: rounds of exchange (a round without exchanges changes nothing).
//   repetitions = 100: runs of random-rate (equal-gain runs once).
//   seed = 1: random-rate's seed; repetition k draws from std::mt19937_64 seeded with (seed, k).
//   threads = 0: threads of a run (0: all cores, 1: the caller's only): a large round's
//     calculations and event log, and random-rate's repetitions; the results do not depend on it.
//   arithmetic = decimal (default) | double
//     decimal: 28-digit decimal arithmetic, as the reference; reproduces it exactly.
//     double: IEEE doubles, much faster; may pick a different exchange among exchanges whose
//       gains are mathematically tied, so paths can differ from the reference.
//
// Defined answers: an actor with zero salience or power on an issue takes no part in exchanges
// over it (the reference divides by zero); one actor or one issue: no exchange, the forecast is
// the weighted mean; all weights on an issue zero: the outcome is the scale's lower end.
#pragma once

namespace parley {

class Registry;
void register_exchange(Registry& registry);

}  // namespace parley
