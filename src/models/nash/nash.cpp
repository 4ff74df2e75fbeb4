#include "nash/nash.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "parley/registry.hpp"
#include "parley/static_model.hpp"

namespace parley {
namespace {

struct Bargainer {
  double ideal;
  double reach;  // D_i: the distance from the ideal at which the actor is as well off as at d
  double power;
};

// dF/dx of the log Nash product; strictly decreasing on the feasible interval.
double slope(const std::vector<Bargainer>& bargainers, double x) {
  double result = 0.0;
  for (const auto& b : bargainers) {
    const double offset = x - b.ideal;
    result -= b.power * 2.0 * offset / (b.reach * b.reach - offset * offset);
  }
  return result;
}

class NashModel final : public StaticIssueModel {
 public:
  NashModel()
      : StaticIssueModel({"nash",
                          "Nash bargaining solution, quadratic utilities, status quo as disagreement point",
                          {{"disagreement", "status-quo",
                            "disagreement point: the issue's status quo (else the worst scale end), or each actor's "
                            "worst scale end",
                            {"status-quo", "worst"}}}}) {}

 protected:
  double forecast_issue(const IssueData& data, const Issue& issue, const Parameters& parameters) const override {
    const bool use_status_quo = parameters.text("disagreement") == "status-quo";
    return nash_bargaining_solution(data.positions, data.weights(),
                                    use_status_quo ? issue.status_quo : std::nullopt, issue.scale_min, issue.scale_max);
  }
};

}  // namespace

double nash_bargaining_solution(std::span<const double> positions, std::span<const double> weights,
                                std::optional<double> status_quo, double scale_min, double scale_max) {
  double weight_sum = 0.0;
  for (double w : weights) weight_sum += w;
  std::vector<Bargainer> bargainers;
  for (std::size_t k = 0; k < positions.size(); ++k) {
    const double power = weight_sum > 0.0 ? weights[k] : 1.0;
    if (!(power > 0.0)) continue;  // an actor without weight has no say in the product
    const double x = positions[k];
    const double reach = status_quo ? std::abs(*status_quo - x) : std::max(x - scale_min, scale_max - x);
    bargainers.push_back({x, reach, power});
  }

  double low = scale_min;
  double high = scale_max;
  for (const auto& b : bargainers) {
    low = std::max(low, b.ideal - b.reach);
    high = std::min(high, b.ideal + b.reach);
  }
  if (!(low < high)) return status_quo ? *status_quo : low;  // nothing beats disagreement for all

  // Bisection on the slope: robust, and exact to the last bits that matter.
  for (int step = 0; step < 200 && low < high; ++step) {
    const double middle = low + (high - low) / 2.0;
    if (middle <= low || middle >= high) break;
    if (slope(bargainers, middle) > 0.0) low = middle;
    else high = middle;
  }
  return low + (high - low) / 2.0;
}

void register_nash(Registry& registry) { registry.add(std::make_unique<NashModel>()); }

}  // namespace parley
