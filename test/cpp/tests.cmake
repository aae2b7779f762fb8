# The C++ tests (included by CMakeLists.txt under plain cmake): GoogleTest via ctest, and the
# sanitizer and libFuzzer builds.
find_package(GTest REQUIRED)
include(GoogleTest)
enable_testing()
add_executable(nvw_cpp_tests
  test/cpp/fibonacci_test.cpp
  test/cpp/ip_table_test.cpp
  test/cpp/ip_search_test.cpp
  test/cpp/regression_test.cpp  # inputs the fuzzers found
  test/cpp/cases_test.cpp       # the JS suites' conformance cases (test/cases/*.json)
)
find_package(nlohmann_json 3 REQUIRED)
target_compile_definitions(nvw_cpp_tests PRIVATE NVW_CASES_DIR="${CMAKE_CURRENT_SOURCE_DIR}/test/cases")
target_link_libraries(nvw_cpp_tests PRIVATE nvw_kernels GTest::gtest GTest::gtest_main nlohmann_json::nlohmann_json)
gtest_discover_tests(nvw_cpp_tests)
# The kernels timed without a binding (bench/native/ip_kernels.cpp): for profiling, not a test.
add_executable(nvw_ip_kernels_bench bench/native/ip_kernels.cpp)
target_link_libraries(nvw_ip_kernels_bench PRIVATE nvw_kernels)

# ---- Sanitizers and fuzzing (scripts/build.js configures build/cpp-asan, scripts/fuzz.js ------
# ---- configures build/fuzz; both with clang). Off by default: a plain build is unchanged. -----
option(NVW_SANITIZE "Build the kernels and the C++ tests with ASan + UBSan (+ LeakSanitizer)" OFF)
option(NVW_FUZZ "Build the libFuzzer harnesses in test/fuzz/ (clang only)" OFF)
if(NVW_SANITIZE OR NVW_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "NVW_SANITIZE / NVW_FUZZ need clang (configure with -DCMAKE_CXX_COMPILER=clang++)")
  endif()
  set(NVW_SANITIZER_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g)
  # Sanitizer runtimes and LTO do not mix well; the sanitized builds are for finding bugs, not speed.
  set_property(TARGET nvw_kernels nvw_cpp_tests PROPERTY INTERPROCEDURAL_OPTIMIZATION OFF)
  target_compile_options(nvw_kernels PUBLIC ${NVW_SANITIZER_FLAGS})
  target_link_options(nvw_kernels PUBLIC ${NVW_SANITIZER_FLAGS})
endif()
if(NVW_FUZZ)
  # Coverage instrumentation in the kernels; libFuzzer's main() only in the harnesses.
  target_compile_options(nvw_kernels PUBLIC -fsanitize=fuzzer-no-link)
  add_custom_target(nvw_fuzzers)
  foreach(harness csv csv_reference ip_text snapshot)
    add_executable(nvw_fuzz_${harness} test/fuzz/fuzz_${harness}.cpp)
    target_link_libraries(nvw_fuzz_${harness} PRIVATE nvw_kernels)
    target_compile_options(nvw_fuzz_${harness} PRIVATE -fsanitize=fuzzer)
    target_link_options(nvw_fuzz_${harness} PRIVATE -fsanitize=fuzzer)
    set_property(TARGET nvw_fuzz_${harness} PROPERTY INTERPROCEDURAL_OPTIMIZATION OFF)
    add_dependencies(nvw_fuzzers nvw_fuzz_${harness})
  endforeach()
  # The frozen pre-fast-path builder that fuzz_csv_reference checks src/ against.
  target_sources(nvw_fuzz_csv_reference PRIVATE test/fuzz/reference/csv_reader.cpp test/fuzz/reference/ip_table_builder.cpp)
  target_include_directories(nvw_fuzz_csv_reference PRIVATE test/fuzz)
endif()
# ---- end of sanitizers and fuzzing -------------------------------------------------------------
