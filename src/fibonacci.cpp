#include "fibonacci.h"

namespace nvw {

int32_t fibonacci(int32_t n) {
  if (n < 1) return 0;
  if (n <= 2) return 1;
  return fibonacci(n - 1) + fibonacci(n - 2);
}

}  // namespace nvw
