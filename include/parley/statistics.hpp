// Central positions shared by the models. Every function returns a defined, finite value for
// legal input: an empty input throws, all-zero weights fall back to equal weights.
#pragma once

#include <span>

namespace parley {

[[nodiscard]] double mean(std::span<const double> values);

// Σ w x / Σ w; with Σ w = 0, the plain mean.
[[nodiscard]] double weighted_mean(std::span<const double> values, std::span<const double> weights);

// The position x such that at most half the weight lies strictly on either side. When the
// cumulative weight reaches exactly half at a position, the median is the midpoint between it
// and the next higher position (the usual convention for an even split). With Σ w = 0, the plain
// median.
[[nodiscard]] double weighted_median(std::span<const double> values, std::span<const double> weights);

}  // namespace parley
