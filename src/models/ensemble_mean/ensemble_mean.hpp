// Model `ensemble-mean`: the plain mean of the other models' forecasts.
//
// Members: every registered model that is not itself an ensemble (see ensemble_members() in
// parley/scoring.hpp), each run with its default parameters; models merged later join
// automatically. Forecast of an issue = (1/M) Σ_m f_m. Each issue's JSON output lists the
// members' forecasts under "members". No parameters. Averaging forecasts with uncorrelated
// errors lowers the error of the average (Bates & Granger 1969; Clemen 1989).
#pragma once

#include <string>

#include "parley/forecast.hpp"
#include "parley/model.hpp"

namespace parley {

// Runs the members and forecasts each issue as combined_forecast() of theirs, with the members'
// own forecasts under details["members"]. Shared by the ensembles.
[[nodiscard]] Forecast run_combination(const std::string& name, const Scenario& scenario,
                                       const Combination& combination);

}  // namespace parley
