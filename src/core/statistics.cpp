#include "parley/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace parley {
namespace {

void require_values(std::span<const double> values) {
  if (values.empty()) throw std::invalid_argument("no values to average");
}

double total(std::span<const double> weights) { return std::accumulate(weights.begin(), weights.end(), 0.0); }

}  // namespace

double mean(std::span<const double> values) {
  require_values(values);
  return total(values) / static_cast<double>(values.size());
}

double weighted_mean(std::span<const double> values, std::span<const double> weights) {
  require_values(values);
  const double weight_sum = total(weights);
  if (!(weight_sum > 0.0)) return mean(values);
  double sum = 0.0;
  for (std::size_t k = 0; k < values.size(); ++k) sum += values[k] * weights[k];
  // Rounding can push the ratio a hair outside the range of the values; clamp it back.
  const auto [low, high] = std::minmax_element(values.begin(), values.end());
  return std::clamp(sum / weight_sum, *low, *high);
}

double weighted_median(std::span<const double> values, std::span<const double> weights) {
  require_values(values);
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });

  std::vector<double> equal;
  double weight_sum = total(weights);
  if (!(weight_sum > 0.0)) {
    equal.assign(values.size(), 1.0);
    weights = equal;
    weight_sum = static_cast<double>(values.size());
  }
  const double half = weight_sum / 2.0;
  double cumulative = 0.0;
  for (std::size_t k = 0; k < order.size(); ++k) {
    cumulative += weights[order[k]];
    if (cumulative < half) continue;
    const double here = values[order[k]];
    if (cumulative > half) return here;
    // Exactly half the weight at or below `here`: split the difference with the next position
    // that carries weight.
    for (std::size_t next = k + 1; next < order.size(); ++next)
      if (weights[order[next]] > 0.0) return (here + values[order[next]]) / 2.0;
    return here;
  }
  return values[order.back()];
}

}  // namespace parley
