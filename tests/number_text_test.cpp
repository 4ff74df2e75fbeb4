// The sentences' number text against printf itself, the format the helpers promise to reproduce.
#include "parley/number_text.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace {

std::string printf_text(const char* format, int precision, double value) {
  std::vector<char> buffer(400);
  std::snprintf(buffer.data(), buffer.size(), format, precision, value);
  return buffer.data();
}

std::vector<double> awkward_values() {
  const double inf = std::numeric_limits<double>::infinity();
  return {0.0,      -0.0,     1.0,    -1.0,    0.5,     0.125,   2.5,         99.995,  99.99499999999999,
          100.0,    12.345,   1e-5,   1e-4,    9.9995e-5, 123456.0, 1234567.0, 1e15,    1e16,
          5e-324,   2.2250738585072014e-308, std::numeric_limits<double>::max(), 0.1 + 0.2,
          1.0 / 3.0, 2.0 / 3.0, 0.00049999999999999, 0.0005, 0.0015, 1e21, inf, -inf, std::nan("")};
}

TEST(NumberText, GeneralIsPrintfG) {
  for (const double value : awkward_values())
    for (const int precision : {1, 3, 4, 6, 17})
      EXPECT_EQ(parley::general_text(value, precision), printf_text("%.*g", precision, value))
          << value << " at precision " << precision;
}

TEST(NumberText, FixedIsPrintfF) {
  for (const double value : awkward_values())
    for (const int precision : {0, 2, 6})
      EXPECT_EQ(parley::fixed_text(value, precision), printf_text("%.*f", precision, value))
          << value << " at precision " << precision;
}

TEST(NumberText, RandomValuesOnTheModelsScalesAndBeyond) {
  std::mt19937_64 random(20261129);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::uniform_int_distribution<std::uint64_t> bits;
  for (int k = 0; k < 50000; ++k) {
    const double on_scale = 100.0 * unit(random) - (k % 7 == 0 ? 50.0 : 0.0);
    double any = 0.0;
    const std::uint64_t pattern = bits(random);
    std::memcpy(&any, &pattern, sizeof any);
    for (const double value : {on_scale, any}) {
      ASSERT_EQ(parley::general_text(value, 4), printf_text("%.*g", 4, value)) << value;
      ASSERT_EQ(parley::general_text(value, 3), printf_text("%.*g", 3, value)) << value;
      ASSERT_EQ(parley::fixed_text(value, 2), printf_text("%.*f", 2, value)) << value;
    }
  }
}

// Every precision, magnitudes across the plain range and both its ends, and values a hair from a
// half-way point, where the digits the fast path computes must still round as printf does.
TEST(NumberText, GeneralAtEveryPrecisionNearHalves) {
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> decade(-7.0, 17.0);
  std::uniform_int_distribution<int> nudge(-3, 3);
  for (int k = 0; k < 200000; ++k) {
    const int precision = 1 + k % 17;
    double value = std::pow(10.0, decade(random));
    if (k % 2 == 1) {  // (digits + 1/2) at the precision's last place, then a few ulps either way
      const double unit = std::pow(10.0, std::floor(std::log10(value)) - precision + 1);
      value = (std::floor(value / unit) + 0.5) * unit;
      for (int step = nudge(random); step != 0; step += step > 0 ? -1 : 1)
        value = std::nextafter(value, step > 0 ? INFINITY : 0.0);
    }
    if (k % 3 == 0) value = -value;
    ASSERT_EQ(parley::general_text(value, precision), printf_text("%.*g", precision, value))
        << value << " at precision " << precision;
  }
}

TEST(NumberText, GeneralExactHalvesRoundToEven) {
  for (const double value : {0.125, 0.375, 2.5, 3.5, 0.5, 1.5, 12.5, 0.0625, 1.125, 99.5, 4.5e-4, 6.25e-3})
    for (int precision = 1; precision <= 4; ++precision)
      EXPECT_EQ(parley::general_text(value, precision), printf_text("%.*g", precision, value))
          << value << " at precision " << precision;
}

TEST(NumberText, AppendsAfterWhatIsThere) {
  std::string text = "(";
  parley::append_general(text, 12.3456, 4);
  text += ", ";
  parley::append_general(text, -0.000123456, 4);
  EXPECT_EQ(text, "(12.35, -0.0001235");
}

}  // namespace
