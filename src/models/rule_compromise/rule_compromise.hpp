// Model `rule-compromise`: the compromise model (capability × salience weighted mean) with the
// weights set by the decision rule, from institutional facts rather than fitted to outcomes:
//   - unanimity (decision rule starting "Unan"): every actor holds a veto, so capabilities do not
//     differ: weight = salience (capability power 0);
//   - qualified majority: weight = capability × salience, as in the compromise model;
//   - consultation (procedure "CNS"): the Parliament gives an opinion but holds no veto: weight 0.
// Issues without a decision rule or procedure are treated as the compromise model treats them.
// It is `compromise` with unanimity_capability_power = 0 and consultation_parliament_factor = 0
// as defaults (see compromise/compromise.hpp for every parameter). Scores: docs/accuracy.md.
#pragma once
