#include "exchange/decimal.hpp"

#include <gmp.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <stdexcept>

namespace parley::exchange {

static_assert(sizeof(mp_limb_t) == sizeof(std::uint64_t) && GMP_NAIL_BITS == 0, "64-bit GMP limbs expected");

namespace {

constexpr int precision = 28;
constexpr int big_limbs = 12;          // 768 bits: the widest intermediate needs about 360
constexpr int max_power_of_ten = 200;  // 10^200 needs 665 bits

// A non-negative integer on the stack, normalised: limb[size - 1] != 0, size 0 is zero. The
// limbs from `size` on are left uninitialised: zeroing 96 bytes would cost more than most
// operations.
struct Big {
  mp_limb_t limb[big_limbs];
  mp_size_t size = 0;

  void normalise() {
    while (size > 0 && limb[size - 1] == 0) --size;
  }
};

// An exact operand: a Decimal or a WideDecimal, by value.
struct Operand {
  mp_limb_t limb[WideDecimal::limb_count] = {};
  mp_size_t size = 0;
  std::int64_t exponent = 0;
  bool negative = false;

  [[nodiscard]] bool is_zero() const { return size == 0; }
};

const std::array<Big, max_power_of_ten + 1>& powers_of_ten() {
  static const auto table = [] {
    std::array<Big, max_power_of_ten + 1> powers{};
    powers[0].limb[0] = 1;
    powers[0].size = 1;
    for (int k = 1; k <= max_power_of_ten; ++k) {
      Big& next = powers[static_cast<std::size_t>(k)];
      const Big& previous = powers[static_cast<std::size_t>(k - 1)];
      const mp_limb_t carry = mpn_mul_1(next.limb, previous.limb, previous.size, 10);
      next.size = previous.size;
      if (carry != 0) next.limb[next.size++] = carry;
    }
    return powers;
  }();
  return table;
}

const Big& power_of_ten(std::int64_t k) {
  if (k < 0 || k > max_power_of_ten) throw std::overflow_error("decimal: exponents too far apart");
  return powers_of_ten()[static_cast<std::size_t>(k)];
}

int compare_magnitude(const mp_limb_t* a, mp_size_t a_size, const mp_limb_t* b, mp_size_t b_size) {
  if (a_size != b_size) return a_size < b_size ? -1 : 1;
  return a_size == 0 ? 0 : mpn_cmp(a, b, a_size);
}

int digit_count(const mp_limb_t* limb, mp_size_t size) {
  if (size == 0) return 0;
  // mpn_sizeinbase is exact or one too large.
  auto digits = static_cast<int>(mpn_sizeinbase(limb, size, 10));
  const Big& lower = power_of_ten(digits - 1);
  if (compare_magnitude(limb, size, lower.limb, lower.size) < 0) --digits;
  return digits;
}

Big product(const mp_limb_t* a, mp_size_t a_size, const mp_limb_t* b, mp_size_t b_size) {
  Big result;
  if (a_size == 0 || b_size == 0) return result;
  if (a_size + b_size > big_limbs) throw std::overflow_error("decimal: intermediate too wide");
  if (a_size >= b_size) mpn_mul(result.limb, a, a_size, b, b_size);
  else mpn_mul(result.limb, b, b_size, a, a_size);
  result.size = a_size + b_size;
  result.normalise();
  return result;
}

Big scaled(const Operand& value, std::int64_t power) {
  const Big& scale = power_of_ten(power);
  return product(value.limb, value.size, scale.limb, scale.size);
}

Big to_big(const Operand& value) {
  Big result;
  std::copy(value.limb, value.limb + value.size, result.limb);
  result.size = value.size;
  return result;
}

Uint128 to_uint128(const mp_limb_t* limb, mp_size_t size) {
  Uint128 value = size > 0 ? limb[0] : 0;
  if (size > 1) value |= static_cast<Uint128>(limb[1]) << 64;
  return value;
}


// Fast paths: coefficients that fit 128 bits, powers of ten up to 10^38.
constexpr int max_power_128 = 38;
constexpr std::array<Uint128, max_power_128 + 1> powers_128 = [] {
  std::array<Uint128, max_power_128 + 1> powers{};
  powers[0] = 1;
  for (std::size_t k = 1; k < powers.size(); ++k) powers[k] = powers[k - 1] * 10;
  return powers;
}();

int bit_length(Uint128 value) {
  const auto high = static_cast<std::uint64_t>(value >> 64);
  if (high != 0) return 128 - __builtin_clzll(high);
  const auto low = static_cast<std::uint64_t>(value);
  return low != 0 ? 64 - __builtin_clzll(low) : 0;
}

// By bit length b: a value of b bits has `digits` decimal digits (those of 2^(b-1)), or one more
// when it exceeds `below_next`, the largest value of that many digits. One comparison, no loop.
struct DigitCountStep {
  Uint128 below_next = 0;
  int digits = 0;
};

constexpr std::array<DigitCountStep, 129> digit_count_steps = [] {
  std::array<DigitCountStep, 129> steps{};
  for (std::size_t bits = 1; bits < steps.size(); ++bits) {
    const Uint128 power = static_cast<Uint128>(1) << (bits - 1);
    int count = 0;
    while (count <= max_power_128 && power >= powers_128[static_cast<std::size_t>(count)]) ++count;
    steps[bits].digits = count;
    // 10^39 > 2^128: a value of 39 digits never has a 40th.
    steps[bits].below_next = count <= max_power_128 ? powers_128[static_cast<std::size_t>(count)] - 1 : ~Uint128{0};
  }
  return steps;
}();

int digit_count_128(Uint128 value) {
  const DigitCountStep& step = digit_count_steps[static_cast<std::size_t>(bit_length(value))];
  return step.digits + (value > step.below_next ? 1 : 0);
}

// (high·2^64 + low) / divisor and its remainder; high < divisor, so the quotient fits 64 bits.
// One hardware division: a 128-bit `/` would call a library routine for the general case.
std::uint64_t divide_two_limbs(std::uint64_t high, std::uint64_t low, std::uint64_t divisor, std::uint64_t& remainder) {
#if defined(__x86_64__) && defined(__GNUC__)
  std::uint64_t quotient = 0;
  __asm__("divq %[d]" : "=a"(quotient), "=d"(remainder) : [d] "rm"(divisor), "a"(low), "d"(high));
  return quotient;
#else
  const Uint128 value = (static_cast<Uint128>(high) << 64) | low;
  remainder = static_cast<std::uint64_t>(value % divisor);
  return static_cast<std::uint64_t>(value / divisor);
#endif
}

// value / divisor and its remainder.
Uint128 divide_128(Uint128 value, std::uint64_t divisor, std::uint64_t& remainder) {
  const auto high = static_cast<std::uint64_t>(value >> 64);
  const std::uint64_t quotient_high = high / divisor;
  const std::uint64_t low = divide_two_limbs(high % divisor, static_cast<std::uint64_t>(value), divisor, remainder);
  return (static_cast<Uint128>(quotient_high) << 64) | low;
}

// 192-bit product of a coefficient below 10^28 and a factor below 2^127 (a coefficient, or a
// power of ten up to 10^38), least significant limb first; the caller keeps it below 2^192.
std::array<std::uint64_t, 3> product_192(Uint128 a, Uint128 b) {
  const auto a0 = static_cast<std::uint64_t>(a), a1 = static_cast<std::uint64_t>(a >> 64);
  const auto b0 = static_cast<std::uint64_t>(b), b1 = static_cast<std::uint64_t>(b >> 64);
  const Uint128 low = static_cast<Uint128>(a0) * b0;
  // a1 < 2^30 and b1 < 2^63, so the middle terms and their sum stay below 2^128.
  const Uint128 middle = static_cast<Uint128>(a0) * b1 + static_cast<Uint128>(a1) * b0 + (low >> 64);
  const Uint128 high = static_cast<Uint128>(a1) * b1 + (middle >> 64);
  return {static_cast<std::uint64_t>(low), static_cast<std::uint64_t>(middle), static_cast<std::uint64_t>(high)};
}

// 10^k as three limbs, least significant first: the digit counts of 192-bit products.
constexpr int max_power_192 = 57;  // 10^57 < 2^192
constexpr std::array<std::array<std::uint64_t, 3>, max_power_192 + 1> powers_192 = [] {
  std::array<std::array<std::uint64_t, 3>, max_power_192 + 1> powers{};
  powers[0] = {1, 0, 0};
  for (std::size_t k = 1; k < powers.size(); ++k) {
    Uint128 carry = 0;
    for (std::size_t limb = 0; limb < 3; ++limb) {
      const Uint128 product = static_cast<Uint128>(powers[k - 1][limb]) * 10 + carry;
      powers[k][limb] = static_cast<std::uint64_t>(product);
      carry = product >> 64;
    }
  }
  return powers;
}();

constexpr bool less_192(const std::array<std::uint64_t, 3>& a, const std::array<std::uint64_t, 3>& b) {
  if (a[2] != b[2]) return a[2] < b[2];
  if (a[1] != b[1]) return a[1] < b[1];
  return a[0] < b[0];
}

// By the bit length of the top limb of a value of 129 to 192 bits: its digit count is `digits`
// (those of its least value) or one more, when it reaches 10^digits. One comparison, no loop.
constexpr std::array<int, 65> digit_counts_192 = [] {
  std::array<int, 65> counts{};
  for (std::size_t top_bits = 1; top_bits < counts.size(); ++top_bits) {
    const std::array<std::uint64_t, 3> least = {0, 0, std::uint64_t{1} << (top_bits - 1)};
    int count = 0;
    while (count < max_power_192 && !less_192(least, powers_192[static_cast<std::size_t>(count)])) ++count;
    counts[top_bits] = count;  // 2^191 has 58 digits: clamped to 57, beyond any product
  }
  return counts;
}();

constexpr int max_step_64 = 19;  // 10^19 < 2^64

// Digits that round_off drops from a 38-digit value, leaving 28.
constexpr int max_dropped_128 = max_power_128 - precision;

// Divides the limbs in place by d, returning the remainder.
std::uint64_t divide_in_place(std::array<std::uint64_t, 3>& limbs, std::uint64_t d) {
  std::uint64_t remainder = 0;
  for (std::size_t k = limbs.size(); k-- > 0;) limbs[k] = divide_two_limbs(remainder, limbs[k], d, remainder);
  return remainder;
}

// value · 10^scale as three limbs; the caller keeps the product below 2^192.
std::array<std::uint64_t, 3> scaled_192(Uint128 value, int scale) {
  std::array<std::uint64_t, 3> limbs = {static_cast<std::uint64_t>(value), static_cast<std::uint64_t>(value >> 64), 0};
  for (; scale > 0; scale -= max_step_64) {
    const auto factor = static_cast<std::uint64_t>(powers_128[static_cast<std::size_t>(std::min(scale, max_step_64))]);
    Uint128 carry = 0;
    for (std::uint64_t& limb : limbs) {
      const Uint128 product = static_cast<Uint128>(limb) * factor + carry;
      limb = static_cast<std::uint64_t>(product);
      carry = product >> 64;
    }
  }
  return limbs;
}

// (remainder·2^64 + next) / divisor, for a divisor with its top bit set and remainder < divisor
// (so the quotient fits 64 bits); remainder becomes the new remainder. Schoolbook division by two
// limbs (Knuth's algorithm D): estimate from the top limbs with one hardware division, then
// correct with the low divisor limb, which for a two-limb divisor makes the estimate exact.
std::uint64_t divide_step(Uint128& remainder, std::uint64_t next, Uint128 divisor) {
  const auto d1 = static_cast<std::uint64_t>(divisor >> 64);
  const auto d0 = static_cast<std::uint64_t>(divisor);
  const auto r1 = static_cast<std::uint64_t>(remainder >> 64);
  const auto r0 = static_cast<std::uint64_t>(remainder);
  std::uint64_t quotient = ~std::uint64_t{0};
  Uint128 top_remainder = 0;  // (r1·2^64 + r0) - quotient·d1
  if (r1 < d1) {
    std::uint64_t low_remainder = 0;
    quotient = divide_two_limbs(r1, r0, d1, low_remainder);
    top_remainder = low_remainder;
  } else {  // r1 == d1: the estimate saturates
    top_remainder = static_cast<Uint128>(r0) + d1;
  }
  while ((top_remainder >> 64) == 0 &&
         static_cast<Uint128>(quotient) * d0 > ((top_remainder << 64) | next)) {
    --quotient;
    top_remainder += d1;
  }
  // The new remainder is below the divisor, so arithmetic modulo 2^128 gives it exactly.
  remainder = ((static_cast<Uint128>(r0) << 64) | next) - static_cast<Uint128>(quotient) * d0 -
              (static_cast<Uint128>(quotient * d1) << 64);
  return quotient;
}

// limbs / divisor, for a divisor in [2^64, 2^127) and a quotient below 2^128; `inexact` tells
// whether a remainder is left. Both are shifted so that the divisor's top bit is set (the
// remainder is then shifted too, which keeps it non-zero exactly when it was).
Uint128 divide_by_wide(const std::array<std::uint64_t, 3>& limbs, Uint128 divisor, bool& inexact) {
  // divisor < 2^127: the shift is at least 1, never 0 (which would shift by 64 below).
  const int shift = __builtin_clzll(static_cast<std::uint64_t>(divisor >> 64));
  const int back = 64 - shift;
  const Uint128 normalised = divisor << shift;
  Uint128 remainder = (static_cast<Uint128>(limbs[2] >> back) << 64) | ((limbs[2] << shift) | (limbs[1] >> back));
  const std::uint64_t high = divide_step(remainder, (limbs[1] << shift) | (limbs[0] >> back), normalised);
  const std::uint64_t low = divide_step(remainder, limbs[0] << shift, normalised);
  inexact = remainder != 0;
  return (static_cast<Uint128>(high) << 64) | low;
}

// limbs / divisor, for a non-zero divisor below 2^127 and a quotient below 2^128; `inexact`
// tells whether a remainder is left. The limbs are used up.
Uint128 divide_192(std::array<std::uint64_t, 3>& limbs, Uint128 divisor, bool& inexact) {
  if ((divisor >> 64) != 0) return divide_by_wide(limbs, divisor, inexact);
  inexact = divide_in_place(limbs, static_cast<std::uint64_t>(divisor)) != 0;
  return (static_cast<Uint128>(limbs[1]) << 64) | limbs[0];
}

}  // namespace

struct DecimalAccess {
  static Decimal make(bool negative, Uint128 coefficient, std::int64_t exponent) {
    Decimal result;
    result.lo_ = static_cast<std::uint64_t>(coefficient);
    result.hi_ = static_cast<std::uint64_t>(coefficient >> 64);
    result.exponent_ = static_cast<std::int32_t>(exponent);
    result.negative_ = negative && coefficient != 0;
    return result;
  }

  static Operand operand(const Decimal& value) {
    Operand result;
    result.limb[0] = value.lo_;
    result.limb[1] = value.hi_;
    result.size = value.hi_ != 0 ? 2 : (value.lo_ != 0 ? 1 : 0);
    result.exponent = value.exponent_;
    result.negative = value.negative_;
    return result;
  }

  static Operand operand(const WideDecimal& value) {
    Operand result;
    std::copy(value.limbs, value.limbs + value.size, result.limb);
    result.size = value.size;
    result.exponent = value.exponent;
    result.negative = value.negative;
    return result;
  }

  static Uint128 coefficient(const Decimal& value) { return (static_cast<Uint128>(value.hi_) << 64) | value.lo_; }

  // Rounds the kept digits (one more than 28) with `sticky` for the non-zero tail below them.
  static Decimal round_kept(bool negative, Uint128 kept, std::int64_t exponent, std::int64_t dropped, bool sticky) {
    std::uint64_t rounding_digit = 0;
    kept = divide_128(kept, 10, rounding_digit);
    if (rounding_digit > 5 || (rounding_digit == 5 && (sticky || (kept & 1) != 0))) ++kept;
    if (kept == Decimal::ten_to_the_28) {
      kept /= 10;
      ++dropped;
    }
    return make(negative, kept, exponent + dropped);
  }

  // Drops the last `dropped` digits (1 to 19) of value, rounding with `sticky` for a non-zero tail
  // below value. One division: the dropped digits are above half exactly when the remainder is
  // (round_kept's rounding digit and sticky remainder, taken together).
  static Decimal round_off(bool negative, Uint128 value, std::int64_t exponent, int dropped, bool sticky) {
    const auto divisor = static_cast<std::uint64_t>(powers_128[static_cast<std::size_t>(dropped)]);
    std::uint64_t remainder = 0;
    const Uint128 kept = divide_128(value, divisor, remainder);
    return round_by_remainder(negative, kept, remainder, exponent, dropped, sticky);
  }

  // kept · 10^dropped + remainder (+ a sticky tail below), remainder < 10^dropped, rounded to kept
  // or kept + 1 (at most 28 digits after the carry below).
  static Decimal round_by_remainder(bool negative, Uint128 kept, std::uint64_t remainder, std::int64_t exponent,
                                    int dropped, bool sticky) {
    const std::uint64_t half = static_cast<std::uint64_t>(powers_128[static_cast<std::size_t>(dropped)]) / 2;
    if (remainder > half || (remainder == half && (sticky || (kept & 1) != 0))) ++kept;
    if (kept == Decimal::ten_to_the_28) {
      kept /= 10;
      ++dropped;
    }
    return make(negative, kept, exponent + dropped);
  }

  static Decimal round_128(bool negative, Uint128 value, std::int64_t exponent, bool sticky) {
    if (value < Decimal::ten_to_the_28) return make(negative, value, exponent);  // 28 digits or fewer: exact
    return round_off(negative, value, exponent, digit_count_128(value) - precision, sticky);  // drops at most 11
  }

  static Decimal round_192(bool negative, std::array<std::uint64_t, 3> limbs, std::int64_t exponent) {
    if (limbs[2] == 0) return round_128(negative, (static_cast<Uint128>(limbs[1]) << 64) | limbs[0], exponent, false);
    const int least_digits = digit_counts_192[static_cast<std::size_t>(64 - __builtin_clzll(limbs[2]))];
    const int digits = least_digits + (less_192(limbs, powers_192[static_cast<std::size_t>(least_digits)]) ? 0 : 1);
    // At least 39 digits (the value is 2^128 or more), at most 56 (two 28-digit coefficients).
    if (digits - precision <= max_step_64) {  // one division by a 64-bit power of ten
      const int dropped = digits - precision;
      const std::uint64_t remainder =
          divide_in_place(limbs, static_cast<std::uint64_t>(powers_128[static_cast<std::size_t>(dropped)]));
      return round_by_remainder(negative, (static_cast<Uint128>(limbs[1]) << 64) | limbs[0], remainder, exponent,
                                dropped, false);
    }
    // Truncate to 38 digits (128 bits), keeping a sticky tail, then round off the last 10.
    const int first = digits - precision - max_dropped_128;
    const bool sticky = divide_in_place(limbs, static_cast<std::uint64_t>(powers_128[static_cast<std::size_t>(first)])) != 0;
    return round_off(negative, (static_cast<Uint128>(limbs[1]) << 64) | limbs[0], exponent + first, max_dropped_128, sticky);
  }

  // Both operands are Decimals: exact sum in 128 bits when the aligned coefficient fits.
  static bool add_fast(const Decimal& x, const Decimal& y, Decimal& result) {
    if (x.is_zero() || y.is_zero()) {  // exact: both have at most 28 digits
      result = x.is_zero() ? y : x;
      return true;
    }
    const bool x_higher = x.exponent_ >= y.exponent_;
    const Decimal& a = x_higher ? x : y;
    const Decimal& b = x_higher ? y : x;
    const Uint128 ca = coefficient(a);
    const Uint128 cb = coefficient(b);
    const std::int64_t shift = static_cast<std::int64_t>(a.exponent_) - b.exponent_;
    // ca < 10^28, so a shift of up to 10 digits always fits; beyond that it depends on ca.
    if (shift > max_power_128 - precision && shift + digit_count_128(ca) > max_power_128) return false;
    const Uint128 aligned = ca * powers_128[static_cast<std::size_t>(shift)];
    if (a.negative_ == b.negative_) {
      result = round_128(a.negative_, aligned + cb, b.exponent_, false);
    } else if (aligned == cb) {
      result = Decimal{};
    } else {
      result = aligned > cb ? round_128(a.negative_, aligned - cb, b.exponent_, false)
                            : round_128(b.negative_, cb - aligned, b.exponent_, false);
    }
    return true;
  }

  static Decimal multiply_fast(const Decimal& a, const Decimal& b) {
    return round_192(a.negative_ != b.negative_, product_192(coefficient(a), coefficient(b)),
                     static_cast<std::int64_t>(a.exponent_) + b.exponent_);
  }

  // Decimal / Decimal as the general path computes it (the same scale, so the same quotient and
  // remainder), in 192 bits: ca·10^scale has at most 57 digits and the quotient at most 30.
  static Decimal divide_fast(const Decimal& a, const Decimal& b) {
    const Uint128 ca = coefficient(a);
    const Uint128 cb = coefficient(b);
    const int scale = std::max(0, precision + 1 + digit_count_128(cb) - digit_count_128(ca));
    std::array<std::uint64_t, 3> dividend =
        scale <= max_power_128 ? product_192(ca, powers_128[static_cast<std::size_t>(scale)]) : scaled_192(ca, scale);
    bool inexact = false;
    const Uint128 quotient = divide_192(dividend, cb, inexact);
    return round_128(a.negative_ != b.negative_, quotient,
                     static_cast<std::int64_t>(a.exponent_) - b.exponent_ - scale, inexact);
  }

  // Same sign, both non-zero, different exponents (operator<=> decides the rest inline).
  static std::strong_ordering compare_unaligned(const Decimal& a, const Decimal& b) {
    const Uint128 ca = coefficient(a);
    const Uint128 cb = coefficient(b);
    const std::int64_t shift = static_cast<std::int64_t>(a.exponent_) - b.exponent_;
    std::strong_ordering magnitude = std::strong_ordering::equal;
    if (shift >= -(max_power_128 - precision) && shift <= max_power_128 - precision) {
      // Coefficients below 10^28 shifted by up to 10 digits stay below 10^38: align exactly.
      magnitude = shift > 0 ? ca * powers_128[static_cast<std::size_t>(shift)] <=> cb
                            : ca <=> cb * powers_128[static_cast<std::size_t>(-shift)];
    } else {
      const std::int64_t top_a = digit_count_128(ca) + static_cast<std::int64_t>(a.exponent_);
      const std::int64_t top_b = digit_count_128(cb) + static_cast<std::int64_t>(b.exponent_);
      magnitude = top_a <=> top_b;
      if (top_a == top_b) {
        // Equal tops: the exponents differ by at most the digit counts' difference (< 29).
        magnitude = shift > 0 ? ca * powers_128[static_cast<std::size_t>(shift)] <=> cb
                              : ca <=> cb * powers_128[static_cast<std::size_t>(-shift)];
      }
    }
    return a.negative_ ? 0 <=> magnitude : magnitude;
  }

  // As compare(), without aligning the coefficients: decides unless both have the same sign and
  // their leading digits stand at the same power of ten.
  static bool compare_wide_fast(const Decimal& a, const WideDecimal& b, std::strong_ordering& result) {
    const Uint128 ca = coefficient(a);
    const int sign_a = ca == 0 ? 0 : (a.negative_ ? -1 : 1);
    const int sign_b = b.size == 0 ? 0 : (b.negative ? -1 : 1);
    if (sign_a != sign_b || sign_a == 0) {
      result = sign_a <=> sign_b;
      return true;
    }
    const std::int64_t top_a = digit_count_128(ca) + static_cast<std::int64_t>(a.exponent_);
    const std::int64_t top_b = b.digits + b.exponent;
    if (top_a == top_b) return false;
    const int magnitude = top_a < top_b ? -1 : 1;
    result = (sign_a < 0 ? -magnitude : magnitude) <=> 0;
    return true;
  }

  // The exact value ±coefficient × 10^exponent (+ a sticky non-zero tail below the last digit),
  // rounded once to 28 digits, half to even.
  static Decimal round(bool negative, const Big& coefficient, std::int64_t exponent, bool sticky) {
    if (coefficient.size == 0) return {};
    const int digits = digit_count(coefficient.limb, coefficient.size);
    if (digits <= precision) return make(negative, to_uint128(coefficient.limb, coefficient.size), exponent);
    std::int64_t dropped = digits - precision;
    // Keep one digit more than needed: it decides the rounding, with `sticky` for what is below.
    mp_limb_t kept[big_limbs];
    mp_size_t kept_size = coefficient.size;
    const Big& divisor = power_of_ten(dropped - 1);
    if (divisor.size == 1) {
      const mp_limb_t remainder = mpn_divrem_1(kept, 0, coefficient.limb, coefficient.size, divisor.limb[0]);
      sticky = sticky || remainder != 0;
    } else {
      mp_limb_t remainder[big_limbs];
      mpn_tdiv_qr(kept, remainder, 0, coefficient.limb, coefficient.size, divisor.limb, divisor.size);
      kept_size = coefficient.size - divisor.size + 1;
      sticky = sticky || !mpn_zero_p(remainder, divisor.size);
    }
    while (kept_size > 0 && kept[kept_size - 1] == 0) --kept_size;
    return round_kept(negative, to_uint128(kept, kept_size), exponent, dropped, sticky);
  }

  static Decimal round(const Operand& value) { return round(value.negative, to_big(value), value.exponent, false); }

  static Decimal add(Operand a, Operand b) {
    if (a.is_zero()) return round(b);
    if (b.is_zero()) return round(a);
    if (a.exponent < b.exponent) std::swap(a, b);
    const std::int64_t shift = a.exponent - b.exponent;
    // b lies far below a's last digit: a + b rounds to a (b cannot reach half a unit of the result).
    if (shift > digit_count(b.limb, b.size) + 30) return round(a);
    const Big aligned = scaled(a, shift);
    Big sum;
    bool negative = a.negative;
    if (a.negative == b.negative) {
      // mpn_add wants the longer operand first.
      const bool aligned_longer = aligned.size >= b.size;
      const mp_limb_t carry = aligned_longer ? mpn_add(sum.limb, aligned.limb, aligned.size, b.limb, b.size)
                                             : mpn_add(sum.limb, b.limb, b.size, aligned.limb, aligned.size);
      sum.size = std::max(aligned.size, b.size);
      if (carry != 0) sum.limb[sum.size++] = carry;
    } else {
      const int order = compare_magnitude(aligned.limb, aligned.size, b.limb, b.size);
      if (order == 0) return {};
      if (order > 0) {
        mpn_sub(sum.limb, aligned.limb, aligned.size, b.limb, b.size);
        sum.size = aligned.size;
      } else {
        mpn_sub(sum.limb, b.limb, b.size, aligned.limb, aligned.size);
        sum.size = b.size;
        negative = b.negative;
      }
      sum.normalise();
    }
    return round(negative, sum, b.exponent, false);
  }

  static Decimal multiply(const Operand& a, const Operand& b) {
    const Big result = product(a.limb, a.size, b.limb, b.size);
    return round(a.negative != b.negative, result, a.exponent + b.exponent, false);
  }

  static Decimal divide(const Operand& a, const Operand& b) {
    if (b.is_zero()) throw std::domain_error("decimal: division by zero");
    if (a.is_zero()) return {};
    // Scale the dividend so that the integer quotient has at least 29 digits.
    const std::int64_t scale =
        std::max<std::int64_t>(0, precision + 1 + digit_count(b.limb, b.size) - digit_count(a.limb, a.size));
    const Big dividend = scaled(a, scale);
    Big quotient;
    mp_limb_t remainder[big_limbs];
    mpn_tdiv_qr(quotient.limb, remainder, 0, dividend.limb, dividend.size, b.limb, b.size);
    quotient.size = dividend.size - b.size + 1;
    quotient.normalise();
    const bool inexact = !mpn_zero_p(remainder, b.size);
    return round(a.negative != b.negative, quotient, a.exponent - b.exponent - scale, inexact);
  }

  static std::strong_ordering compare(const Operand& a, const Operand& b) {
    const int sign_a = a.is_zero() ? 0 : (a.negative ? -1 : 1);
    const int sign_b = b.is_zero() ? 0 : (b.negative ? -1 : 1);
    if (sign_a != sign_b || sign_a == 0) return sign_a <=> sign_b;
    const int magnitude = compare_magnitudes(a, b);
    return (sign_a < 0 ? -magnitude : magnitude) <=> 0;
  }

  static int compare_magnitudes(const Operand& a, const Operand& b) {
    const std::int64_t top_a = digit_count(a.limb, a.size) + a.exponent;
    const std::int64_t top_b = digit_count(b.limb, b.size) + b.exponent;
    if (top_a != top_b) return top_a < top_b ? -1 : 1;
    if (a.exponent >= b.exponent) {
      const Big aligned = scaled(a, a.exponent - b.exponent);
      return compare_magnitude(aligned.limb, aligned.size, b.limb, b.size);
    }
    const Big aligned = scaled(b, b.exponent - a.exponent);
    return compare_magnitude(a.limb, a.size, aligned.limb, aligned.size);
  }

  static std::string coefficient_digits(const Decimal& value) {
    Operand copy = operand(value);
    if (copy.is_zero()) return "0";
    unsigned char raw[64];
    const std::size_t count = mpn_get_str(raw, 10, copy.limb, copy.size);
    std::string digits;
    for (std::size_t k = 0; k < count; ++k) digits.push_back(static_cast<char>('0' + raw[k]));
    return digits;
  }

  static std::int32_t exponent(const Decimal& value) { return value.exponent_; }

  // The double nearest to value, half to even, by integer arithmetic: for exponents from -38
  // (10^38 < 2^127) to -1, and for small integers. False otherwise.
  static bool to_double_fast(const Decimal& value, double& result) {
    const Uint128 c = coefficient(value);
    if (c == 0) {
      result = 0.0;
      return true;
    }
    constexpr int mantissa_bits = 53;
    if (value.exponent_ >= 0) {  // exact operands, one rounding
      if (value.exponent_ > 22 || c >= (Uint128{1} << mantissa_bits)) return false;
      result = static_cast<double>(static_cast<std::uint64_t>(c)) * static_cast<double>(powers_128[static_cast<std::size_t>(value.exponent_)]);
      if (value.negative_) result = -result;
      return true;
    }
    if (value.exponent_ < -max_power_128) return false;
    // q = floor(c·2^shift / 10^k) with at least 55 bits, and whether a remainder is left; c < 2^94
    // and shift <= 55 + 127 - 1, so c·2^shift < 2^182 fits three limbs.
    const Uint128 divisor = powers_128[static_cast<std::size_t>(-value.exponent_)];
    const int shift = std::max(0, mantissa_bits + 2 + bit_length(divisor) - bit_length(c));
    const std::array<std::uint64_t, 3> source = {static_cast<std::uint64_t>(c), static_cast<std::uint64_t>(c >> 64), 0};
    std::array<std::uint64_t, 3> limbs = {0, 0, 0};
    const int limb_shift = shift / 64;
    const int bit_shift = shift % 64;
    for (int k = limb_shift; k < 3; ++k) {
      const auto from = static_cast<std::size_t>(k - limb_shift);
      limbs[static_cast<std::size_t>(k)] = source[from] << bit_shift;
      if (from > 0 && bit_shift != 0) limbs[static_cast<std::size_t>(k)] |= source[from - 1] >> (64 - bit_shift);
    }
    bool inexact = false;
    const Uint128 quotient = divide_192(limbs, divisor, inexact);
    // Round the quotient to 53 bits: the dropped bits against half, the remainder as a sticky tail.
    const int dropped = bit_length(quotient) - mantissa_bits;
    const Uint128 rest = quotient & ((Uint128{1} << dropped) - 1);
    const Uint128 half = Uint128{1} << (dropped - 1);
    auto mantissa = static_cast<std::uint64_t>(quotient >> dropped);
    if (rest > half || (rest == half && (inexact || (mantissa & 1) != 0))) ++mantissa;  // 2^53 is exact too
    result = std::ldexp(static_cast<double>(mantissa), dropped - shift);
    if (value.negative_) result = -result;
    return true;
  }

  // The coefficient's decimal digits (at most 28; "0" for zero) at `out`; returns their end.
  static char* write_coefficient(const Decimal& value, char* out) {
    Uint128 rest = coefficient(value);
    char reversed[40];
    int count = 0;
    do {
      reversed[count++] = static_cast<char>('0' + static_cast<int>(rest % 10));
      rest /= 10;
    } while (rest != 0);
    while (count > 0) *out++ = reversed[--count];
    return out;
  }
};

// ---------------------------------------------------------------------------------------------

WideDecimal WideDecimal::parse(std::string_view text) {
  WideDecimal result;
  std::size_t at = 0;
  if (at < text.size() && (text[at] == '+' || text[at] == '-')) result.negative = text[at++] == '-';
  Big coefficient;
  int significant = 0;
  int digits = 0;
  bool seen_point = false;
  for (; at < text.size(); ++at) {
    const char c = text[at];
    if (c == '.' && !seen_point) {
      seen_point = true;
      continue;
    }
    if (c < '0' || c > '9') break;
    ++digits;
    if (seen_point) --result.exponent;
    if (significant == 0 && c == '0') continue;
    if (++significant > 76) throw std::invalid_argument("decimal: more than 76 digits");
    mp_limb_t carry = coefficient.size > 0 ? mpn_mul_1(coefficient.limb, coefficient.limb, coefficient.size, 10) : 0;
    if (carry != 0) coefficient.limb[coefficient.size++] = carry;
    const auto digit = static_cast<mp_limb_t>(c - '0');
    if (coefficient.size == 0) {
      coefficient.limb[0] = digit;
      coefficient.size = digit != 0 ? 1 : 0;
    } else if (mpn_add_1(coefficient.limb, coefficient.limb, coefficient.size, digit) != 0) {
      coefficient.limb[coefficient.size++] = 1;
    }
  }
  if (digits == 0) throw std::invalid_argument("decimal: no digits in '" + std::string(text) + "'");
  if (at < text.size() && (text[at] == 'e' || text[at] == 'E')) {
    long long power = 0;
    const char* first = text.data() + at + 1;
    const char* last = text.data() + text.size();
    if (first < last && *first == '+') ++first;
    const auto [end, error] = std::from_chars(first, last, power);
    if (error != std::errc{} || end != last || power > 100000 || power < -100000)
      throw std::invalid_argument("decimal: bad exponent in '" + std::string(text) + "'");
    result.exponent += power;
    at = text.size();
  }
  if (at != text.size()) throw std::invalid_argument("decimal: not a number: '" + std::string(text) + "'");
  std::copy(coefficient.limb, coefficient.limb + coefficient.size, result.limbs);
  result.size = static_cast<int>(coefficient.size);
  result.digits = digit_count(coefficient.limb, coefficient.size);
  if (result.size == 0) result.negative = false;
  return result;
}

WideDecimal WideDecimal::from_double(double value) {
  if (!std::isfinite(value)) throw std::invalid_argument("decimal: not a finite number");
  WideDecimal result;
  if (value == 0.0) return result;
  int binary_exponent = 0;
  const double fraction = std::frexp(std::fabs(value), &binary_exponent);
  auto mantissa = static_cast<std::uint64_t>(std::ldexp(fraction, 53));
  binary_exponent -= 53;
  while ((mantissa & 1) == 0) {
    mantissa >>= 1;
    ++binary_exponent;
  }
  Big coefficient;
  coefficient.limb[0] = mantissa;
  coefficient.size = 1;
  // m × 2^e: for e >= 0 the integer m·2^e; for e < 0, m·5^-e × 10^e.
  const mp_limb_t factor = binary_exponent >= 0 ? 2 : 5;
  for (int k = 0; k < std::abs(binary_exponent); ++k) {
    const mp_limb_t carry = mpn_mul_1(coefficient.limb, coefficient.limb, coefficient.size, factor);
    if (carry != 0) {
      if (coefficient.size == limb_count) throw std::invalid_argument("decimal: double too wide to hold exactly");
      coefficient.limb[coefficient.size++] = carry;
    }
  }
  std::copy(coefficient.limb, coefficient.limb + coefficient.size, result.limbs);
  result.size = static_cast<int>(coefficient.size);
  result.digits = digit_count(coefficient.limb, coefficient.size);
  result.exponent = binary_exponent >= 0 ? 0 : binary_exponent;
  result.negative = value < 0.0;
  return result;
}

Decimal Decimal::parse(std::string_view text) { return round(WideDecimal::parse(text)); }

Decimal Decimal::from_double_shortest(double value) {
  char buffer[64];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (error != std::errc{}) throw std::invalid_argument("decimal: cannot format number");
  return parse(std::string_view(buffer, static_cast<std::size_t>(end - buffer)));
}

Decimal Decimal::round(const WideDecimal& value) { return DecimalAccess::round(DecimalAccess::operand(value)); }

double Decimal::to_double() const {
  double value = 0.0;
  if (DecimalAccess::to_double_fast(*this, value)) return value;
  return general_path::to_double(*this);
}

double general_path::to_double(const Decimal& decimal) {
  // "-<coefficient>e<exponent>" on the stack, read back correctly rounded as strtod would.
  char text[64];
  char* end = text;
  if (decimal.is_negative()) *end++ = '-';
  end = DecimalAccess::write_coefficient(decimal, end);
  *end++ = 'e';
  end = std::to_chars(end, text + sizeof text, DecimalAccess::exponent(decimal)).ptr;
  double value = 0.0;
  if (std::from_chars(text, end, value).ec == std::errc{}) return value;
  *end = '\0';
  return std::strtod(text, nullptr);  // beyond the range of double: strtod's infinity or zero
}

std::string Decimal::to_string() const {
  return (negative_ ? "-" : "") + DecimalAccess::coefficient_digits(*this) + "E" + std::to_string(exponent_);
}

Decimal Decimal::add_rounded(const Decimal& a, const Decimal& b) {
  Decimal result;
  if (DecimalAccess::add_fast(a, b, result)) return result;
  return DecimalAccess::add(DecimalAccess::operand(a), DecimalAccess::operand(b));
}

Decimal operator*(const Decimal& a, const Decimal& b) {
  if (a.is_zero() || b.is_zero()) return {};
  return DecimalAccess::multiply_fast(a, b);
}

Decimal operator/(const Decimal& a, const Decimal& b) {
  if (b.is_zero()) throw std::domain_error("decimal: division by zero");
  if (a.is_zero()) return {};
  return DecimalAccess::divide_fast(a, b);
}

std::strong_ordering Decimal::compare_unaligned(const Decimal& a, const Decimal& b) {
  return DecimalAccess::compare_unaligned(a, b);
}

Decimal operator*(const Decimal& a, const WideDecimal& b) {
  return DecimalAccess::multiply(DecimalAccess::operand(a), DecimalAccess::operand(b));
}

Decimal operator-(const Decimal& a, const WideDecimal& b) {
  Operand negated = DecimalAccess::operand(b);
  negated.negative = !negated.negative && !negated.is_zero();
  return DecimalAccess::add(DecimalAccess::operand(a), negated);
}

std::strong_ordering operator<=>(const Decimal& a, const WideDecimal& b) {
  std::strong_ordering result = std::strong_ordering::equal;
  if (DecimalAccess::compare_wide_fast(a, b, result)) return result;
  return DecimalAccess::compare(DecimalAccess::operand(a), DecimalAccess::operand(b));
}

namespace general_path {

Decimal add(const Decimal& a, const Decimal& b) {
  return DecimalAccess::add(DecimalAccess::operand(a), DecimalAccess::operand(b));
}

Decimal multiply(const Decimal& a, const Decimal& b) {
  return DecimalAccess::multiply(DecimalAccess::operand(a), DecimalAccess::operand(b));
}

Decimal divide(const Decimal& a, const Decimal& b) {
  return DecimalAccess::divide(DecimalAccess::operand(a), DecimalAccess::operand(b));
}

std::strong_ordering compare(const Decimal& a, const Decimal& b) {
  return DecimalAccess::compare(DecimalAccess::operand(a), DecimalAccess::operand(b));
}

}  // namespace general_path

}  // namespace parley::exchange
