// exp and log without branches or tables, so that loops calling them vectorise. Both follow the
// classic fdlibm reductions and evaluate their polynomials with fused multiply-adds (one rounding
// per step: fewer instructions and smaller errors; see vector_clones.hpp for why std::fma gives
// the same bits everywhere). tests/eum_fast_math_test.cpp checks them against std::exp/std::log.
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

namespace parley::eum::fast_math {

inline constexpr double ln2_hi = 6.93147180369123816490e-01;  // ln 2 with 32 trailing zero bits
inline constexpr double ln2_lo = 1.90821492927058770002e-10;  // ln 2 − ln2_hi

// Within 2 ulp of e^x for −708 ≤ x ≤ 709. Below −708 it gives 0 (e^x < 3.4e−308 there, under
// the normal range); −inf gives 0.
inline double exp(double x) {
  // x = k ln 2 + r, |r| ≤ ln 2 / 2; adding 1.5·2^52 rounds x/ln 2 to an integer k held in the low
  // mantissa bits, from where it goes straight into the exponent field of 2^k.
  constexpr double shifter = 0x1.8p52;
  const double shifted = x * 1.4426950408889634 + shifter;
  const std::uint64_t k_bits = std::bit_cast<std::uint64_t>(shifted);
  const double k = shifted - shifter;
  const double r = std::fma(-k, ln2_lo, std::fma(-k, ln2_hi, x));
  // e^r by a polynomial of degree 11: the Chebyshev interpolant of e^r on |r| ≤ ln 2 / 2 in powers
  // of r (coefficients computed in 80-digit arithmetic; relative error below 2e−16, against
  // 4e−18 for the 13 terms of the Taylor series, which cost two more steps).
  double p = 2.5110037605963777e-08;
  p = std::fma(p, r, 2.763263963904103e-07);
  p = std::fma(p, r, 2.755724091857897e-06);
  p = std::fma(p, r, 2.4801485482328494e-05);
  p = std::fma(p, r, 0.00019841269890047113);
  p = std::fma(p, r, 0.0013888888952314775);
  p = std::fma(p, r, 0.008333333333319601);
  p = std::fma(p, r, 0.0416666666664881);
  p = std::fma(p, r, 0.1666666666666668);
  p = std::fma(p, r, 0.5000000000000019);
  p = std::fma(p, r, 1.0);
  p = std::fma(p, r, 1.0);
  const double scale = std::bit_cast<double>((k_bits + 1023) << 52);
  return x < -708.0 ? 0.0 : p * scale;
}

// Within 1 ulp of ln x for positive normal x; 0 gives −inf.
inline double log(double x) {
  // x = 2^k (1 + f) with 1 + f in [√½, √2): shifting the bits by (1 − √½)'s offset makes the
  // exponent field carry k directly.
  constexpr std::uint64_t sqrt_half_high = 0x3fe6a09eULL << 32;
  const std::uint64_t shifted = std::bit_cast<std::uint64_t>(x) + ((0x3ff00000ULL << 32) - sqrt_half_high);
  const std::uint64_t biased_k = shifted >> 52;
  // k as a double without an integer conversion (which does not vectorise before AVX-512).
  const double k = (std::bit_cast<double>(0x4330000000000000ULL | biased_k) - 0x1p52) - 1023.0;
  const double m = std::bit_cast<double>((shifted & 0x000fffffffffffffULL) + sqrt_half_high);
  const double f = m - 1.0;
  const double half_f2 = 0.5 * f * f;
  const double s = f / (2.0 + f);
  const double z = s * s;
  const double w = z * z;
  const double odd = w * std::fma(w, std::fma(w, 1.531383769920937332e-01, 2.222219843214978396e-01), 3.999999999940941908e-01);
  const double even =
      z * std::fma(w, std::fma(w, std::fma(w, 1.479819860511658591e-01, 1.818357216161805012e-01), 2.857142874366239149e-01),
                   6.666666666666735130e-01);
  const double series = odd + even;
  const double value = std::fma(k, ln2_hi, (std::fma(s, half_f2 + series, k * ln2_lo) - half_f2) + f);
  return x == 0.0 ? -std::numeric_limits<double>::infinity() : value;
}

}  // namespace parley::eum::fast_math
