#include "fibonacci.h"

#include <gtest/gtest.h>

namespace {

TEST(Fibonacci, IsZeroBelowOne) {
  EXPECT_EQ(nvw::fibonacci(0), 0);
  EXPECT_EQ(nvw::fibonacci(-5), 0);
  EXPECT_EQ(nvw::fibonacci(INT32_MIN), 0);
}

TEST(Fibonacci, IsOneForOneAndTwo) {
  EXPECT_EQ(nvw::fibonacci(1), 1);
  EXPECT_EQ(nvw::fibonacci(2), 1);
}

TEST(Fibonacci, FollowsTheRecurrence) {
  EXPECT_EQ(nvw::fibonacci(3), 2);
  EXPECT_EQ(nvw::fibonacci(10), 55);
  EXPECT_EQ(nvw::fibonacci(30), 832040);
  for (int32_t n = 3; n <= 25; ++n) {
    EXPECT_EQ(nvw::fibonacci(n), nvw::fibonacci(n - 1) + nvw::fibonacci(n - 2)) << "n = " << n;
  }
}

TEST(Fibonacci, LargestAcceptedValueFitsInInt32) {
  EXPECT_EQ(nvw::kFibonacciMaxN, 46);
  EXPECT_EQ(nvw::fibonacci(nvw::kFibonacciMaxN), 1836311903);
}

}  // namespace
