// The fast evaluation's loops vectorise; on x86-64 with GCC the functions marked with this are
// compiled twice, for AVX2 and for the baseline, and the loader picks one. Neither uses fused
// multiply-add, so both give the same bits.
#pragma once

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define PARLEY_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define PARLEY_VECTOR_CLONES
#endif
