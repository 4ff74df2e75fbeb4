// The exchange model's 28-digit decimal against results of Python's decimal module (default
// context), the arithmetic decide-exchange-model computes in (vectors from the model's spec).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "exchange/decimal.hpp"
#include "test_support.hpp"

namespace parley::exchange {
namespace {

Decimal d(const char* text) { return Decimal::parse(text); }
WideDecimal wide(const char* text) { return WideDecimal::parse(text); }

// Equal value and, since the expected text has 28 digits or fewer, the exact rounded result.
void expect_value(const Decimal& actual, const char* expected) {
  EXPECT_TRUE(actual == d(expected)) << actual.to_string() << " != " << expected;
}

TEST(ExchangeDecimal, DivisionIsCorrectlyRounded) {
  expect_value(Decimal(100) / d("6.5"), "15.38461538461538461538461538");
  expect_value(Decimal(2) / Decimal(3), "0.6666666666666666666666666667");
  expect_value(Decimal(10) / Decimal(4), "2.5");
}

TEST(ExchangeDecimal, EveryOperationRoundsOnce) {
  expect_value((d("3.0") - d("0.5")) * (Decimal(100) / d("6.5")), "38.46153846153846153846153845");
  expect_value((Decimal(1) / Decimal(3)) + Decimal(100), "100.3333333333333333333333333");
}

TEST(ExchangeDecimal, BinaryConstantsEnterAtTheirExactValue) {
  EXPECT_TRUE(Decimal(0) == WideDecimal::from_double(0.0));
  const WideDecimal point_four = WideDecimal::from_double(0.4);
  const WideDecimal point_one = WideDecimal::from_double(0.1);
  const WideDecimal epsilon = WideDecimal::from_double(1e-10);
  EXPECT_TRUE(Decimal(1) * point_four == d("0.4000000000000000222044604925"));
  EXPECT_EQ(point_one.exponent, -55);
  EXPECT_TRUE(Decimal(1) * epsilon == d("1.000000000000000036432197315E-10"));
  expect_value((Decimal(1) - d("0.95")) * point_four, "0.02000000000000000111022302463");
  expect_value(point_one * (Decimal(1) / Decimal(3)), "0.03333333333333333518370504104");
  // 1e-10 itself lies just below the double 1e-10; the 28-digit value above it lies above.
  EXPECT_TRUE(d("1E-10") < epsilon);
  EXPECT_TRUE(d("1.000000000000000036432197316E-10") > epsilon);
}

TEST(ExchangeDecimal, HalfEvenRounding) {
  expect_value(wide("0.50000000000000000000000000005") * Decimal(1), "0.5000000000000000000000000000");
  expect_value(wide("0.50000000000000000000000000015") * Decimal(1), "0.5000000000000000000000000002");
  expect_value(wide("-0.50000000000000000000000000025") * Decimal(1), "-0.5000000000000000000000000002");
  expect_value(wide("9999999999999999999999999999.5") * Decimal(1), "1.000000000000000000000000000E+28");
  EXPECT_EQ((wide("9999999999999999999999999999.5") * Decimal(1)).to_string(), "1000000000000000000000000000E1");
}

TEST(ExchangeDecimal, SubtractionNearOne) {
  expect_value(Decimal(1) - d("1e-29"), "1.000000000000000000000000000");
  expect_value(Decimal(1) - d("1e-28"), "0.9999999999999999999999999999");
  // Far below the last digit: the tiny operand cannot change the result.
  expect_value(d("123.5") + d("1e-90"), "123.5");
  expect_value(d("1") - d("1e-90"), "1");
}

TEST(ExchangeDecimal, ComparisonIsExactAndIgnoresRepresentation) {
  EXPECT_TRUE(d("2.50") == d("2.5"));
  EXPECT_TRUE(d("-0") == Decimal(0));
  EXPECT_TRUE(d("0.3") < wide("0.30000000000000000000000000001"));
  EXPECT_TRUE(d("0.30000000000000000000000000001") == d("0.3"));  // parse rounds to 28 digits
  EXPECT_TRUE(d("-2") < d("-1.5"));
  EXPECT_TRUE(-d("1.5") < Decimal(0));
  EXPECT_TRUE(d("-3.25").abs() == d("3.25"));
}

TEST(ExchangeDecimal, ConversionsToAndFromDouble) {
  EXPECT_TRUE(Decimal::from_double_shortest(0.95) == d("0.95"));
  EXPECT_TRUE(Decimal::from_double_shortest(-7.0) == Decimal(-7));
  EXPECT_DOUBLE_EQ(d("2.999999999999999999999999999").to_double(), 3.0);
  EXPECT_EQ(d("0.1").to_double(), 0.1);
  EXPECT_EQ((Decimal(2) / Decimal(3)).to_double(), 2.0 / 3.0);
}

TEST(ExchangeDecimal, DivisionByZeroThrows) {
  EXPECT_THROW((void)(Decimal(1) / Decimal(0)), std::domain_error);
  EXPECT_THROW((void)d("abc"), std::invalid_argument);
}

// 4000 random operations with 1–28 digit operands, evaluated by Python's decimal module
// (tests/data/exchange/make_decimal_vectors.py): every fast and general path of the type.
TEST(ExchangeDecimal, RandomOperationsMatchPythonDecimal) {
  std::ifstream in(test::source_path("tests/data/exchange/decimal_vectors.tsv"));
  ASSERT_TRUE(in) << "missing decimal_vectors.tsv";
  std::string line;
  int checked = 0;
  while (std::getline(in, line)) {
    std::istringstream fields(line);  // a, operator, b, result: tab-separated, no blanks inside
    std::string a, op, b, expected;
    fields >> a >> op >> b >> expected;
    const Decimal x = d(a.c_str());
    const Decimal y = d(b.c_str());
    if (op == "<") {
      const auto order = x <=> y;
      EXPECT_EQ(order < 0 ? 1 : (order > 0 ? -1 : 0), std::stoi(expected)) << line;
    } else {
      const Decimal result = op == "+" ? x + y : op == "-" ? x - y : op == "*" ? x * y : x / y;
      EXPECT_TRUE(result == d(expected.c_str())) << line << " gave " << result.to_string();
    }
    ++checked;
  }
  EXPECT_EQ(checked, 4000);
}

}  // namespace
}  // namespace parley::exchange
