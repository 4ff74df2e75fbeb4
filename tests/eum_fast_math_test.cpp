// The branch-free exp and log of the fast evaluation against std::exp and std::log.
#include <cmath>
#include <limits>
#include <random>

#include "eum/fast_math.hpp"
#include "test_support.hpp"

namespace parley {
namespace {

double relative_error(double value, double reference) { return std::abs(value - reference) / std::abs(reference); }

TEST(EumFastMath, ExpWithinTwoUlpOnItsRange) {
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> argument(-708.0, 709.0);
  std::uniform_real_distribution<double> small(-2.0, 0.5);  // where the model's exponents live
  double worst = 0.0;
  for (int k = 0; k < 200000; ++k) {
    const double x = k % 2 == 0 ? argument(random) : small(random);
    worst = std::max(worst, relative_error(eum::fast_math::exp(x), std::exp(x)));
  }
  EXPECT_LT(worst, 4.5e-16);  // 2 ulp
  EXPECT_EQ(eum::fast_math::exp(0.0), 1.0);
  EXPECT_EQ(eum::fast_math::exp(-709.0), 0.0);
  EXPECT_EQ(eum::fast_math::exp(-std::numeric_limits<double>::infinity()), 0.0);
}

TEST(EumFastMath, LogWithinOneUlpOnPositiveNormals) {
  std::mt19937_64 random(11);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::uniform_real_distribution<double> exponent(-1000.0, 1000.0);
  double worst = 0.0;
  for (int k = 0; k < 200000; ++k) {
    // Alternately: bases of the model's powers (0, 1], and numbers of any size.
    const double x = k % 2 == 0 ? 1.0 - unit(random) : std::exp2(exponent(random)) * (1.0 + unit(random));
    const double reference = std::log(x);
    if (reference == 0.0) continue;
    worst = std::max(worst, relative_error(eum::fast_math::log(x), reference));
  }
  EXPECT_LT(worst, 2.3e-16);  // 1 ulp
  EXPECT_EQ(eum::fast_math::log(1.0), 0.0);
  EXPECT_EQ(eum::fast_math::log(0.0), -std::numeric_limits<double>::infinity());
  EXPECT_NEAR(eum::fast_math::log(0.5), -std::log(2.0), 1e-16);
}

}  // namespace
}  // namespace parley
