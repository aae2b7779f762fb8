// The kernels against the same conformance cases as the JavaScript suites (test/cases/*.json):
// fibonacci values, and every CSV case the kernel sees (API-layer TypeErrors about arguments and
// cases built by decode-ip.js from `parts` are the JS suites' alone). Each CSV case is fed whole
// and in 1- and 7-byte chunks.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "fibonacci.h"
#include "ip_table.h"
#include "ip_table_builder.h"

namespace {

using nlohmann::json;

json ReadCases(const std::string& name) {
  std::ifstream in(std::string(NVW_CASES_DIR) + "/" + name);
  EXPECT_TRUE(in) << "cannot open " << name;
  return json::parse(in);
}

TEST(Cases, FibonacciValues) {
  int ran = 0;
  const json cases = ReadCases("fibonacci.json");
  for (const json& c : cases["values"]) {
    if (!c["n"].is_number_integer() || c["n"].get<double>() < -2147483648.0) continue;  // JS-only inputs
    SCOPED_TRACE(c.dump());
    EXPECT_EQ(nvw::fibonacci(c["n"].get<int32_t>()), c["result"].get<int32_t>());
    ++ran;
  }
  EXPECT_GT(ran, 8);
}

struct Outcome {
  std::unique_ptr<nvw::IpTable> table;
  std::string message;  // "line N: detail" when there is no table
  uint64_t line = 0;
};

Outcome Build(const std::string& csv, const json& options, size_t chunk) {
  const bool overlaps_error = options.value("overlaps", "narrowest") == "error";
  const uint64_t max_memory = options.value("maxMemory", nvw::kDefaultMaxMemory);
  nvw::IpTableBuilder builder(overlaps_error ? nvw::OverlapPolicy::kError : nvw::OverlapPolicy::kNarrowest, max_memory);
  const auto* bytes = reinterpret_cast<const uint8_t*>(csv.data());
  bool ok = true;
  for (size_t i = 0; ok && i < csv.size(); i += chunk) ok = builder.feed(bytes + i, std::min(chunk, csv.size() - i));
  Outcome out;
  if (ok) out.table = builder.finish();
  if (!out.table) {
    out.line = builder.problem().line;
    out.message = "line " + std::to_string(out.line) + ": " + builder.problem().detail;
  }
  return out;
}

std::string Answer(const nvw::IpTable& table, const std::string& ip) {
  const int index = table.lookup_text(ip);
  if (index == nvw::kLookupInvalidText) return "(not an address)";
  if (index == nvw::kLookupNone) return "null";
  return table.country_codes().substr(size_t(index) * 2, 2);
}

TEST(Cases, IpCsv) {
  int ran = 0;
  const json cases = ReadCases("ip-csv.json");
  for (const json& c : cases["cases"]) {
    const json& expect = c["expect"];
    if (!c.contains("csv") || expect.value("error", "") == "TypeError") continue;
    const json options = c.value("options", json::object());
    // Options with tagged values (decode-ip.js: undefined, NaN, ...) are the API layer's to check.
    bool plain = options.is_object();
    for (const auto& [key, value] : options.items()) plain = plain && (value.is_string() || value.is_number_unsigned());
    if (!plain) continue;
    for (const size_t chunk : {size_t(1) << 30, size_t(1), size_t(7)}) {
      SCOPED_TRACE(c["name"].get<std::string>() + " (chunks of " + std::to_string(chunk) + ")");
      const Outcome out = Build(c["csv"].get<std::string>(), options, chunk);
      if (expect.contains("error")) {
        ASSERT_FALSE(out.table);
        EXPECT_EQ(out.message, expect["message"].get<std::string>());
        EXPECT_EQ(out.line, expect["line"].get<uint64_t>());
        continue;
      }
      ASSERT_TRUE(out.table) << out.message;
      EXPECT_EQ(out.table->size(), expect["size"].get<size_t>());
      if (expect.contains("countries")) {
        std::string codes;
        for (const json& code : expect["countries"]) codes += code.get<std::string>();
        EXPECT_EQ(out.table->country_codes(), codes);
      }
      const json lookups = expect.value("lookups", json::object());
      for (const auto& [ip, country] : lookups.items()) {
        EXPECT_EQ(Answer(*out.table, ip), country.is_null() ? "null" : country.get<std::string>()) << ip;
      }
    }
    ++ran;
  }
  EXPECT_GT(ran, 180);
}

TEST(Cases, IpLookupTextForms) {
  const json cases = ReadCases("ip-lookup.json");
  const Outcome out = Build(cases["table"].get<std::string>(), json::object(), size_t(1) << 30);
  ASSERT_TRUE(out.table) << out.message;
  int ran = 0;
  for (const json& c : cases["same"]) {
    for (const json& ip : c["ips"]) {
      if (!ip.is_string()) continue;  // numbers and bigints go through lookup_v4/v6 in the JS suites
      EXPECT_EQ(Answer(*out.table, ip.get<std::string>()), c["expect"].is_null() ? "null" : c["expect"].get<std::string>()) << ip;
      ++ran;
    }
  }
  EXPECT_GT(ran, 50);
}

}  // namespace
