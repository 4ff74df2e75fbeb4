// Decimal floating point with the semantics of Python's `decimal` default context: 28 significant
// digits, every + - * / correctly rounded once with round-half-even, operands never rounded
// before an operation. The exchange model needs exactly this arithmetic to reproduce
// decide-exchange-model: its choice between exchanges with mathematically equal gains depends on
// how those 28-digit values round (docs/models/exchange.md).
//
// Values are sign × coefficient × 10^exponent with a coefficient below 10^28, so they fit two
// 64-bit limbs; wider intermediates live on the stack and are handled by GMP's mpn layer, so no
// operation allocates.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace parley::exchange {

__extension__ using Uint128 = unsigned __int128;

// An exact decimal of up to 76 digits, never rounded: the binary doubles the reference uses as
// weights (0.4, 0.1) and thresholds (1e-10) enter its arithmetic at their exact binary value.
class WideDecimal {
 public:
  static constexpr int limb_count = 4;

  // The exact value of the double (finite). Throws std::invalid_argument otherwise.
  [[nodiscard]] static WideDecimal from_double(double value);
  // The exact value of decimal text: [sign] digits [. digits] [e exponent]. Throws
  // std::invalid_argument on anything else or on more than 76 significant digits.
  [[nodiscard]] static WideDecimal parse(std::string_view text);

  std::uint64_t limbs[limb_count] = {};  // coefficient, least significant limb first
  int size = 0;                          // limbs in use; 0 means the value zero
  int digits = 0;                        // decimal digits of the coefficient
  std::int64_t exponent = 0;
  bool negative = false;
};

class Decimal {
 public:
  Decimal() = default;
  // NOLINTNEXTLINE(google-explicit-constructor): integers are exact, as in Python
  Decimal(int value)
      : lo_(static_cast<std::uint64_t>(value < 0 ? -static_cast<std::int64_t>(value) : value)), negative_(value < 0) {}

  // The text's exact value rounded to 28 digits. Throws std::invalid_argument on bad text.
  [[nodiscard]] static Decimal parse(std::string_view text);
  // The shortest decimal that reads back as `value` (what a person wrote in the input file).
  [[nodiscard]] static Decimal from_double_shortest(double value);
  [[nodiscard]] static Decimal round(const WideDecimal& value);

  // The double nearest to the exact value.
  [[nodiscard]] double to_double() const;
  // The value within a relative 2^-50, not correctly rounded, or NaN when the exponent lies
  // beyond ±66: cheap, for filters that fall back to exact arithmetic when it cannot decide.
  [[nodiscard, gnu::always_inline]] double approximate() const {
    // Two roundings for the coefficient (hi_ < 2^30 converts exactly), at most two in the power
    // of ten (exact up to 10^22, then products of those), one to scale: 5 · 2^-53 < 2^-50.
    static constexpr int max_exponent = 66;
    static constexpr auto powers_of_ten = [] {
      std::array<double, max_exponent + 1> powers{};
      powers[0] = 1.0;
      for (std::size_t k = 1; k <= 22; ++k) powers[k] = powers[k - 1] * 10.0;
      for (std::size_t k = 23; k < powers.size(); ++k) powers[k] = powers[k - 22] * powers[22];
      return powers;
    }();
    if (exponent_ < -max_exponent || exponent_ > max_exponent) return std::numeric_limits<double>::quiet_NaN();
    const double coefficient = static_cast<double>(hi_) * 0x1p64 + static_cast<double>(lo_);
    const double value = exponent_ >= 0 ? coefficient * powers_of_ten[static_cast<std::size_t>(exponent_)]
                                        : coefficient / powers_of_ten[static_cast<std::size_t>(-exponent_)];
    return negative_ ? -value : value;
  }
  // Coefficient and exponent, e.g. "-5000000000000000000000000002E-28".
  [[nodiscard]] std::string to_string() const;

  [[nodiscard]] bool is_zero() const { return lo_ == 0 && hi_ == 0; }
  [[nodiscard]] bool is_negative() const { return negative_; }
  [[nodiscard]] Decimal abs() const {
    Decimal result = *this;
    result.negative_ = false;
    return result;
  }
  Decimal operator-() const {
    Decimal result = *this;
    result.negative_ = !negative_ && !is_zero();
    return result;
  }

  // The commonest cases are decided inline; the rest, out of line, take 128/192-bit fast paths
  // where they can and GMP (general_path below) otherwise.
  friend Decimal operator+(const Decimal& a, const Decimal& b) {
    Decimal result;
    if (a.exponent_ == b.exponent_ && add_exact(a, b, result)) return result;
    return add_rounded(a, b);
  }
  friend Decimal operator-(const Decimal& a, const Decimal& b) { return a + (-b); }
  friend Decimal operator*(const Decimal& a, const Decimal& b);
  // Throws std::domain_error when b is zero.
  friend Decimal operator/(const Decimal& a, const Decimal& b);
  friend std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) {
    const int sign_a = a.sign();
    const int sign_b = b.sign();
    if (sign_a != sign_b || sign_a == 0) return sign_a <=> sign_b;
    if (a.exponent_ == b.exponent_) return sign_a > 0 ? a.coefficient() <=> b.coefficient() : b.coefficient() <=> a.coefficient();
    return compare_unaligned(a, b);
  }
  friend bool operator==(const Decimal& a, const Decimal& b) { return (a <=> b) == 0; }

  friend Decimal operator*(const Decimal& a, const WideDecimal& b);
  friend Decimal operator*(const WideDecimal& a, const Decimal& b) { return b * a; }
  friend Decimal operator-(const Decimal& a, const WideDecimal& b);
  friend std::strong_ordering operator<=>(const Decimal& a, const WideDecimal& b);
  friend bool operator==(const Decimal& a, const WideDecimal& b) { return (a <=> b) == 0; }

  Decimal& operator+=(const Decimal& b) { return *this = *this + b; }

 private:
  friend struct DecimalAccess;

  static constexpr Uint128 ten_to_the_28 = static_cast<Uint128>(10'000'000'000'000ULL) * 1'000'000'000'000'000ULL;

  [[nodiscard]] Uint128 coefficient() const { return (static_cast<Uint128>(hi_) << 64) | lo_; }
  [[nodiscard]] int sign() const { return is_zero() ? 0 : (negative_ ? -1 : 1); }

  // a + b for equal exponents when it needs no rounding (as the general sum: a zero sum is
  // Decimal{}, with exponent 0). False when the sum has a 29th digit.
  static bool add_exact(const Decimal& a, const Decimal& b, Decimal& result) {
    const Uint128 ca = a.coefficient();
    const Uint128 cb = b.coefficient();
    Uint128 sum = 0;
    bool negative = a.negative_;
    if (a.negative_ == b.negative_) {
      sum = ca + cb;
      if (sum >= ten_to_the_28) return false;
    } else if (ca == cb) {
      result = Decimal{};
      return true;
    } else {
      sum = ca > cb ? ca - cb : cb - ca;
      negative = ca > cb ? a.negative_ : b.negative_;
    }
    result.lo_ = static_cast<std::uint64_t>(sum);
    result.hi_ = static_cast<std::uint64_t>(sum >> 64);
    result.exponent_ = a.exponent_;
    result.negative_ = negative && sum != 0;
    return true;
  }
  static Decimal add_rounded(const Decimal& a, const Decimal& b);
  static std::strong_ordering compare_unaligned(const Decimal& a, const Decimal& b);

  std::uint64_t lo_ = 0;  // coefficient < 10^28, low limb
  std::uint64_t hi_ = 0;  // high limb
  std::int32_t exponent_ = 0;
  bool negative_ = false;
};

// The arbitrary-width (GMP) evaluation of each operation, without the 128/192-bit fast paths
// that the operators take whenever they can. Every fast path must give exactly these results;
// the tests compare the two.
namespace general_path {
[[nodiscard]] Decimal add(const Decimal& a, const Decimal& b);
[[nodiscard]] Decimal multiply(const Decimal& a, const Decimal& b);
[[nodiscard]] Decimal divide(const Decimal& a, const Decimal& b);  // throws std::domain_error when b is zero
[[nodiscard]] std::strong_ordering compare(const Decimal& a, const Decimal& b);
[[nodiscard]] double to_double(const Decimal& value);  // by text, as strtod reads it
}  // namespace general_path

}  // namespace parley::exchange
