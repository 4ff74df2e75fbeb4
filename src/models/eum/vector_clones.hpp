// The fast evaluation's loops vectorise; on x86-64 with GCC the functions marked with this are
// compiled twice, for x86-64-v3 (AVX2 and FMA) and for the baseline, and the loader picks one.
// Fused multiply-adds are written out (std::fma), never contracted by the compiler
// (-ffp-contract=off), so the baseline clone, which calls the C library's correctly rounded fma
// instead, gives the same bits.
#pragma once

#include "target_clones.hpp"

#define PARLEY_VECTOR_CLONES PARLEY_TARGET_CLONES("arch=x86-64-v3", "default")
