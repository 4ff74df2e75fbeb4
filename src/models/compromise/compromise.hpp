// Model `compromise`: the compromise model with the refinements tried in docs/accuracy.md, each
// a parameter whose default switches it off (all defaults: exactly `weighted-mean`).
//
//   forecast = ( Σ_i w_i x_i + λ W q + κ_C W x_C + κ_P W x_P ) / ( W (1 + λ + κ_C + κ_P) )
//   w_i = c_i^a s_i^b,  W = Σ_i w_i
//
// x_i, c_i, s_i: position, capability, salience of the actors present; q the status quo.
// Parameters (defaults in brackets):
//   capability_power a [1]: a < 1 flattens the power differences (salience-dependent capability
//     with b: the weight's elasticity in capability vs salience).
//   salience_power b [1]
//   status_quo_weight λ [0]: the status quo as a pseudo-actor with λ times the actors' total
//     weight (the reversion point pulls the outcome; Tsebelis 2002). Issues without one: λ = 0.
//   status_quo_rule [any]: any | unanimity — with `unanimity` the status quo pulls only where
//     the decision rule starts with "Unan" (every member holds a veto).
//   commission_weight κ_C [0]: extra pull toward the actor `com` (the agenda setter).
//   parliament_weight κ_P [0]: extra pull toward the actor `ep`, under co-decision (procedure
//     "COD") only, where the Parliament is a veto player.
// An absent actor, or zero total weight, drops its term; all weights zero: the plain mean of
// positions (as weighted_mean()). Tune these only out-of-sample: `parley score --tune`.
#pragma once
