// PARLEY_TARGET_CLONES("target", ..., "default"): a function compiled once per target, the loader
// picking the best the processor runs. GCC on x86-64 Linux only (clang 14 does not multiversion
// function templates; the loader's choice needs glibc's ifunc). Not under ThreadSanitizer, which
// instruments the clone resolvers: they run before it has started, and the program would crash
// on loading. Elsewhere the function is compiled once, for the baseline.
#pragma once

#if defined(__x86_64__) && defined(__linux__) && defined(__GNUC__) && !defined(__clang__) && \
    !defined(__SANITIZE_THREAD__)
#define PARLEY_TARGET_CLONES(...) __attribute__((target_clones(__VA_ARGS__)))
#else
#define PARLEY_TARGET_CLONES(...)
#endif
