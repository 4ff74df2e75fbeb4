// The fast evaluation's loops vectorise; on x86-64 with GCC the functions marked with this are
// compiled twice, for x86-64-v3 (AVX2 and FMA) and for the baseline, and the loader picks one.
// Fused multiply-adds are written out (std::fma), never contracted by the compiler
// (-ffp-contract=off), so the baseline clone, which calls the C library's correctly rounded fma
// instead, gives the same bits.
// Not under ThreadSanitizer, which instruments the loader's clone resolvers: they run before it
// has started, and the program would crash on loading.
#pragma once

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(__SANITIZE_THREAD__)
#define PARLEY_VECTOR_CLONES __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define PARLEY_VECTOR_CLONES
#endif
