// The recursive Fibonacci kernel of the original JS-vs-native-vs-WASM study.
#pragma once
#include <cstdint>

namespace nvw {

// fib(47) = 2971215073 does not fit in int32, so 46 is the largest n the kernel accepts.
constexpr int32_t kFibonacciMaxN = 46;

// Recursive, exactly as the study wrote it: 0 for n < 1, 1 for n <= 2, else fib(n-1) + fib(n-2).
// Precondition: n <= kFibonacciMaxN (callers validate; the JS front ends throw RangeError).
int32_t fibonacci(int32_t n);

}  // namespace nvw
