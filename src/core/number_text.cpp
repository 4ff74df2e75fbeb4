#include "parley/number_text.hpp"

#include <cmath>
#include <cstdint>

namespace parley {
namespace {

constexpr int most_exact_power = 22;  // 10^22 is the largest power of ten a double holds exactly
constexpr int fast_precision = 15;    // 10^15 < 2^53: every candidate digit string is an exact integer

double power_of_ten(int k) {
  static const auto powers = [] {
    std::array<double, most_exact_power + 1> table{};
    double power = 1.0;
    for (double& entry : table) {
      entry = power;
      power *= 10.0;
    }
    return table;
  }();
  return powers[static_cast<std::size_t>(k)];
}

// floor(log10(magnitude)) for magnitude in [1e-5, 1e15), or one off near a power of ten (the
// negative powers are rounded), without a call to log10.
int decimal_exponent(double magnitude) {
  int exponent = 0;
  if (magnitude >= 1.0) {
    while (exponent < most_exact_power && magnitude >= power_of_ten(exponent + 1)) ++exponent;
  } else {
    while (exponent > -most_exact_power && magnitude < 1.0 / power_of_ten(-exponent)) --exponent;
  }
  return exponent;
}

// The digits printf keeps of |value| scaled by 10^k: |value|·10^k rounded to the nearest integer,
// half to even, decided on the exact product. 0 when the product lies too near a half to decide
// in doubles (the caller then leaves the number to std::to_chars).
std::uint64_t rounded_digits(double magnitude, int k) {
  const double scale = power_of_ten(k);
  const double product = magnitude * scale;
  const double error = std::fma(magnitude, scale, -product);  // product + error is exact
  const double nearest = std::nearbyint(product);
  const double beyond = (product - nearest) + error;  // product - nearest is exact; one rounding here
  if (!(std::fabs(beyond) < 0.5 - 0x1p-30)) return 0;
  return static_cast<std::uint64_t>(nearest);
}

// printf's "%.Ng" for values it writes without an exponent (decimal exponent X of the rounded
// value within [-4, N)), precision N at most fast_precision; false when it leaves the value to
// std::to_chars (zero, non-finite, an exponent form, a near tie).
bool append_general_plain(std::string& text, double value, int precision) {
  const double magnitude = std::fabs(value);
  if (!(magnitude >= 1e-5 && magnitude < 1e15) || precision < 1 || precision > fast_precision) return false;
  const auto lowest = static_cast<std::uint64_t>(power_of_ten(precision - 1));
  int exponent = decimal_exponent(magnitude);  // may be one off: corrected below
  std::uint64_t digits = 0;
  for (int attempt = 0; attempt < 3; ++attempt) {
    const int k = precision - 1 - exponent;
    if (exponent < -4 || exponent >= precision || k > most_exact_power) return false;
    digits = rounded_digits(magnitude, k);
    if (digits == 0) return false;
    if (digits >= 10 * lowest) ++exponent;   // rounded up to the next power of ten, or log10 low
    else if (digits < lowest) --exponent;    // log10 high
    else break;
  }
  if (digits < lowest || digits >= 10 * lowest) return false;

  std::array<char, fast_precision> written{};
  for (int d = precision - 1; d >= 0; --d, digits /= 10)
    written[static_cast<std::size_t>(d)] = static_cast<char>('0' + digits % 10);
  int kept = precision;  // printf's %g drops trailing zeros of the fraction, and a bare point
  const int whole = exponent >= 0 ? exponent + 1 : 0;
  while (kept > whole && written[static_cast<std::size_t>(kept - 1)] == '0') --kept;

  if (value < 0) text += '-';
  if (exponent >= 0) {
    text.append(written.data(), static_cast<std::size_t>(whole));
    if (kept > whole) {
      text += '.';
      text.append(written.data() + whole, static_cast<std::size_t>(kept - whole));
    }
  } else {
    text += "0.";
    text.append(static_cast<std::size_t>(-exponent - 1), '0');
    text.append(written.data(), static_cast<std::size_t>(kept));
  }
  return true;
}

}  // namespace

void append_general(std::string& text, double value, int precision) {
  if (append_general_plain(text, value, precision)) return;
  std::array<char, 32> buffer{};  // "-d.dddddddddddddddde-308" at most
  const auto end =
      std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::general, precision).ptr;
  text.append(buffer.data(), end);
}

}  // namespace parley
