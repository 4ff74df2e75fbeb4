// The decimal operators' 128/192-bit fast paths against the general (GMP) path they shortcut:
// the same coefficient and exponent (sums: the same value, see expect_same_value) on seeded random operands chosen
// to reach every branch (carries into a 29th digit, ties at half, far-apart exponents, 64-bit
// boundaries, zeros), plus values worked out by Python's decimal module.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "exchange/decimal.hpp"

namespace parley::exchange {
namespace {

Decimal d(const char* text) { return Decimal::parse(text); }

class Operands {
 public:
  explicit Operands(std::uint64_t seed) : random_(seed) {}

  // A random decimal: 1–28 digits (often 28, or near 2^64 and 10^28), exponents near those of
  // positions on a 0–100 scale or anywhere in [-60, 20], either sign.
  Decimal next() {
    std::string text = pick(8) == 0 ? "-" : "";
    const int kind = pick(10);
    if (kind == 0) {
      text += std::to_string(std::uint64_t{18446744073709551615ULL} - pick(3));  // around 2^64
    } else if (kind == 1) {
      text += std::string(28, '9');  // 10^28 - 1: any carry makes a 29th digit
    } else {
      const int digits = kind < 6 ? 28 : 1 + pick(28);
      text += static_cast<char>('1' + pick(9));
      for (int k = 1; k < digits; ++k) text += static_cast<char>('0' + pick(10));
    }
    const int exponent = pick(2) == 0 ? -26 - pick(4) : -60 + pick(81);
    return Decimal::parse(text + "E" + std::to_string(exponent));
  }

  // An operand that makes `a op b` land on or next to a rounding boundary: a half unit of a's
  // last digit, a's own value (sums cancel to zero), or small integers (exact halves in * and /).
  Decimal near(const Decimal& a) {
    switch (pick(5)) {
      case 0: return -a;
      case 1: return a;
      case 2: return Decimal(pick(2) == 0 ? 2 : 5);
      case 3: return d(pick(2) == 0 ? "0.5" : "20");
      default: {
        const std::string digits = a.to_string();  // "<coefficient>E<exponent>"
        const int exponent = std::stoi(digits.substr(digits.find('E') + 1));
        return Decimal::parse((pick(2) == 0 ? "5E" : "-5E") + std::to_string(exponent - 1 - pick(3)));
      }
    }
  }

  int pick(int n) { return static_cast<int>(random_() % static_cast<std::uint64_t>(n)); }

 private:
  std::mt19937_64 random_;
};

void expect_same(const Decimal& fast, const Decimal& general, const Decimal& a, const char* op, const Decimal& b) {
  ASSERT_EQ(fast.to_string(), general.to_string()) << a.to_string() << ' ' << op << ' ' << b.to_string();
}

// The same value. The general sum returns an operand unchanged when the other lies far below
// its last digit (e.g. 425E11 + 9971E-24 → 425E11), where the fast path gives the same value
// with 28 digits, as Python does (42500000000000.00000000000000).
void expect_same_value(const Decimal& fast, const Decimal& general, const Decimal& a, const char* op,
                       const Decimal& b) {
  ASSERT_TRUE(general_path::compare(fast, general) == 0)
      << a.to_string() << ' ' << op << ' ' << b.to_string() << ": " << fast.to_string() << " != " << general.to_string();
}

TEST(ExchangeDecimalFastPath, MatchesTheGeneralPathOnRandomOperands) {
  Operands operands(20260601);
  for (int k = 0; k < 200000; ++k) {
    const Decimal a = operands.next();
    const Decimal b = operands.pick(4) == 0 ? operands.near(a) : operands.next();
    expect_same_value(a + b, general_path::add(a, b), a, "+", b);
    expect_same_value(a - b, general_path::add(a, -b), a, "-", b);
    expect_same(a * b, general_path::multiply(a, b), a, "*", b);
    if (!b.is_zero()) expect_same(a / b, general_path::divide(a, b), a, "/", b);
    ASSERT_TRUE((a <=> b) == general_path::compare(a, b)) << a.to_string() << " <=> " << b.to_string();
  }
}

__extension__ using Uint128 = unsigned __int128;

std::string digits_of(Uint128 value) {
  std::string reversed;
  do {
    reversed += static_cast<char>('0' + static_cast<int>(value % 10));
    value /= 10;
  } while (value != 0);
  return {reversed.rbegin(), reversed.rend()};
}

// Products of 39 to 56 digits, which drop 11 to 28 digits: X · 5·10^t with X odd leaves exactly
// half a unit in the dropped digits (a tie, rounded to even), X even none, and X near 10^28
// carries into a 29th digit when rounded up. Covers the one-division path (up to 19 dropped
// digits) and the two-step path beyond it.
TEST(ExchangeDecimalFastPath, WideProductsRoundLikeTheGeneralPath) {
  std::mt19937_64 random(11);
  constexpr Uint128 limit = static_cast<Uint128>(10'000'000'000'000ULL) * 1'000'000'000'000'000ULL;  // 10^28
  for (int t = 0; t <= 27; ++t) {
    const Decimal five = Decimal::parse("5" + std::string(static_cast<std::size_t>(t), '0') + "E-40");  // coefficient 5·10^t
    std::vector<Uint128> coefficients = {limit - 1, limit - 2, limit - 3, limit / 2 + 1, limit / 10 + 1};
    for (int k = 0; k < 200; ++k)
      coefficients.push_back((((static_cast<Uint128>(random()) << 64) | random()) % (limit - limit / 10)) + limit / 10);
    for (const Uint128 c : coefficients) {
      const Decimal a = Decimal::parse(digits_of(c) + "E-" + std::to_string(random() % 40));
      const Decimal b = Decimal::parse(digits_of(c / 3 + 1) + "E-27");
      expect_same(a * five, general_path::multiply(a, five), a, "*", five);
      expect_same(-a * five, general_path::multiply(-a, five), -a, "*", five);
      expect_same(a * b, general_path::multiply(a, b), a, "*", b);
    }
  }
}

// Divisors of two 64-bit limbs at the limb boundaries (low limb 0, 1, 2^63, 2^64 - 1; high limb
// from 1 to the largest below 10^28), against dividends that make the quotient exact, one off
// exact, or a tie: the two-limb division's estimate corrections and the rounding after it.
TEST(ExchangeDecimalFastPath, TwoLimbDivisorsMatchTheGeneralPath) {
  constexpr Uint128 limit = static_cast<Uint128>(10'000'000'000'000ULL) * 1'000'000'000'000'000ULL;  // 10^28
  const std::uint64_t highs[] = {1, 2, 3, 0xffff, 0x1000'0000, 0x2000'0000, 0x204f'ce5e};  // 0x204fce5e·2^64 < 10^28
  const std::uint64_t lows[] = {0, 1, 2, 0x8000'0000'0000'0000ULL, 0xffff'ffff'ffff'fffeULL, 0xffff'ffff'ffff'ffffULL};
  std::mt19937_64 random(7);
  for (const std::uint64_t high : highs)
    for (const std::uint64_t low : lows) {
      const Uint128 divisor = (static_cast<Uint128>(high) << 64) | low;
      if (divisor >= limit) continue;
      std::vector<Uint128> dividends = {divisor, divisor - 1, divisor + 1, limit - 1, 1, 5, divisor / 2, divisor / 2 + 1};
      for (Uint128 factor = 2; factor * divisor < limit; factor = factor * 3 + 1) {
        dividends.push_back(factor * divisor);
        dividends.push_back(factor * divisor - 1);
        dividends.push_back(factor * divisor + divisor / 2);
      }
      for (int k = 0; k < 20; ++k) dividends.push_back((((static_cast<Uint128>(random()) << 64) | random()) % (limit - 1)) + 1);
      for (const Uint128 dividend : dividends)
        for (const char* exponents : {"E0", "E-26", "E-29"}) {
          const Decimal a = Decimal::parse(digits_of(dividend) + exponents);
          const Decimal b = Decimal::parse(digits_of(divisor) + "E-27");
          expect_same(a / b, general_path::divide(a, b), a, "/", b);
          expect_same(-a / b, general_path::divide(-a, b), -a, "/", b);
        }
    }
}

// Decimal::approximate, which the engine uses to decide crossings without exact sums, stays
// within its documented relative 2^-50 of the correctly rounded double (itself within 2^-53 of
// the exact value), and gives NaN beyond exponents of ±66.
TEST(ExchangeDecimalFastPath, ApproximationsStayWithinTheirBound) {
  Operands operands(20260602);
  for (int k = 0; k < 100000; ++k) {
    const Decimal a = operands.next();
    const double nearest = a.to_double();
    EXPECT_LE(std::abs(a.approximate() - nearest), (0x1p-50 + 0x1p-53) * std::abs(nearest)) << a.to_string();
  }
  EXPECT_EQ(d("0").approximate(), 0.0);
  EXPECT_EQ(d("-37.5").approximate(), -37.5);
  EXPECT_FALSE(std::isnan(d("9999999999999999999999999999E-66").approximate()));
  EXPECT_FALSE(std::isnan(d("1E66").approximate()));
  EXPECT_TRUE(std::isnan(d("1E-67").approximate()));
  EXPECT_TRUE(std::isnan(d("1E67").approximate()));
}

// to_double's integer-arithmetic conversion against reading the decimal text back (strtod's
// correctly rounded result), including values exactly halfway between two doubles.
TEST(ExchangeDecimalFastPath, ConversionsToDoubleMatchTheGeneralPath) {
  Operands operands(20260603);
  for (int k = 0; k < 200000; ++k) {
    const Decimal a = operands.next();
    ASSERT_EQ(a.to_double(), general_path::to_double(a)) << a.to_string();
  }
  for (const char* text : {"45035996273704965E-1", "45035996273704975E-1", "450359962737049650000000001E-11",
                           "-45035996273704965E-1", "9007199254740993", "9007199254740991", "12345E3", "1E22",
                           "1E-38", "1E-39", "9999999999999999999999999999E-38", "0.1", "0E-30", "5E-324"}) {
    const Decimal a = d(text);
    EXPECT_EQ(a.to_double(), general_path::to_double(a)) << text;
  }
  EXPECT_EQ(d("45035996273704965E-1").to_double(), 4503599627370496.0);
  EXPECT_EQ(d("45035996273704975E-1").to_double(), 4503599627370498.0);
  EXPECT_EQ(d("450359962737049650000000001E-11").to_double(), 4503599627370497.0);
}

TEST(ExchangeDecimalFastPath, ZerosAndSignsMatchTheGeneralPath) {
  const std::vector<Decimal> values = {d("0"), d("-0"), d("0E-30"), d("1"), d("-1"), d("1E-28"), d("-9.5E-27")};
  for (const Decimal& a : values)
    for (const Decimal& b : values) {
      expect_same_value(a + b, general_path::add(a, b), a, "+", b);
      expect_same(a * b, general_path::multiply(a, b), a, "*", b);
      if (!b.is_zero()) expect_same(a / b, general_path::divide(a, b), a, "/", b);
      EXPECT_TRUE((a <=> b) == general_path::compare(a, b)) << a.to_string() << " <=> " << b.to_string();
    }
}

// Expected values from Python 3's decimal module, default context (28 digits, ROUND_HALF_EVEN):
//   python3 -c 'from decimal import *; print(Decimal("<a>") <op> Decimal("<b>"))'
TEST(ExchangeDecimalFastPath, EdgeCasesMatchPythonDecimal) {
  // A carry into the 29th digit, rounded back to 28 (a tie, to even).
  EXPECT_EQ((d("9999999999999999999999999999") + d("0.5")).to_string(), "1000000000000000000000000000E1");
  EXPECT_TRUE(d("9999999999999999999999999999") + d("0.5") == d("1.000000000000000000000000000E+28"));
  // Ties at half: to the even neighbour, up or down.
  EXPECT_TRUE(d("1234567890123456789012345678") + d("0.5") == d("1234567890123456789012345678"));
  EXPECT_TRUE(d("1234567890123456789012345677") + d("0.5") == d("1234567890123456789012345678"));
  EXPECT_TRUE(d("1234567890123456789012345677") / Decimal(2) == d("617283945061728394506172838.5"));
  EXPECT_TRUE(d("2469135780246913578024691357") / Decimal(2) == d("1234567890123456789012345678"));
  EXPECT_TRUE(d("1234567890123456789012345677") * d("0.5") == d("617283945061728394506172838.5"));
  // Same exponent, cancelling digits: exact.
  EXPECT_TRUE(d("45.12345678901234567890123456") - d("45.12345678901234567890123455") == d("1E-26"));
  // Exponents 16 apart: b reaches only the rounding digit's neighbourhood of a.
  EXPECT_TRUE(d("50.00000000000000000000000001") + d("1.234567890123456789012345678E-15") ==
              d("50.00000000000000123456789013"));
  // Divisors of 20 and 28 digits (one and two 64-bit limbs).
  EXPECT_TRUE(d("37.5") / d("18446744073709551617") == d("2.032879073410320813653771406E-18"));
  EXPECT_TRUE(d("100") / d("6.666666666666666666666666667") == d("15.00000000000000000000000000"));
  EXPECT_TRUE(d("1E-30") / d("3.333333333333333333333333333E+20") == d("3.000000000000000000000000000E-51"));
  // 28-digit products, one of them needing 57 digits before rounding.
  EXPECT_TRUE(d("9999999999999999999999999999") * d("9999999999999999999999999999") ==
              d("9.999999999999999999999999998E+55"));
  EXPECT_TRUE(d("0.1111111111111111111111111111") * d("-0.9") == d("-0.09999999999999999999999999999"));
  // Comparison of equal values written differently, and of neighbours 1 ulp apart.
  EXPECT_TRUE(d("2.50") == d("2.5"));
  EXPECT_TRUE(d("0.9999999999999999999999999999") < Decimal(1));
  EXPECT_TRUE(-d("0.9999999999999999999999999999") > Decimal(-1));
}

}  // namespace
}  // namespace parley::exchange
