// Model `ensemble-mean`: the plain mean of the other models' forecasts.
//
// Members: every registered model that is not itself an ensemble (see ensemble_members() in
// parley/scoring.hpp), each run with its default parameters; models merged later join
// automatically. Forecast of an issue = (1/M) Σ_m f_m. Each issue's JSON output lists the
// members' forecasts under "members". No parameters. Averaging forecasts with uncorrelated
// errors lowers the error of the average (Bates & Granger 1969; Clemen 1989).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "parley/forecast.hpp"
#include "parley/model.hpp"
#include "parley/scoring.hpp"

namespace parley {

// The forecast Σ_m w_m f_m of each issue, with the members' own forecasts under
// details["members"]. Shared by the ensembles; `weights` has one entry per member.
[[nodiscard]] Forecast combine_members(const std::string& name, const Scenario& scenario,
                                       const std::vector<const Model*>& members, const std::vector<double>& weights);

}  // namespace parley
