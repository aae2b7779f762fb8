// Shared helpers for the libFuzzer harnesses in test/fuzz/ (built by CMake with -DNVW_FUZZ=ON,
// run by scripts/fuzz.js). A failed check aborts, which libFuzzer reports as a crash.
#pragma once
#include <cstdio>
#include <cstdlib>

#define NVW_FUZZ_CHECK(cond, ...)                                                     \
  do {                                                                                \
    if (!(cond)) {                                                                    \
      std::fprintf(stderr, "%s:%d: check failed: %s\n  ", __FILE__, __LINE__, #cond); \
      std::fprintf(stderr, __VA_ARGS__);                                              \
      std::fprintf(stderr, "\n");                                                     \
      std::abort();                                                                   \
    }                                                                                 \
  } while (0)
