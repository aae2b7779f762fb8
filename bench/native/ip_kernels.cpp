// The IP kernels without any binding, for profiling (perf record) and for telling the kernels'
// time from the boundary's: CSV load in 64 KiB chunks, batch lookups on uniform and skewed
// (Zipf over the table's ranges) IPv4 addresses, single IPv6 lookups. Medians over rounds, in
// CPU time.
//   build/cpp/nvw_ip_kernels_bench <ipv4.csv> [ipv6.csv|-] [rounds] [load]   ("load": loads only)
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "ip_table.h"
#include "ip_table_builder.h"

namespace {

std::vector<uint8_t> ReadFile(const char* path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

std::unique_ptr<nvw::IpTable> Load(const std::vector<uint8_t>& csv) {
  nvw::IpTableBuilder builder(nvw::OverlapPolicy::kNarrowest);
  for (size_t i = 0; i < csv.size(); i += 65536) {
    if (!builder.feed(csv.data() + i, std::min<size_t>(65536, csv.size() - i))) break;
  }
  auto table = builder.finish();
  if (!table) std::fprintf(stderr, "line %llu: %s\n", (unsigned long long)builder.problem().line, builder.problem().detail.c_str());
  return table;
}

// This thread's CPU time: on a shared machine, wall time also counts the time others ran.
double CpuMillis() {
  timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

template <typename F>
double Millis(F&& f) {
  const double t = CpuMillis();
  f();
  return CpuMillis() - t;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

// Segment starts of a family from a snapshot, with a country.
struct Ranges {
  std::vector<uint32_t> v4_first, v4_width;
  std::vector<nvw::u128> v6;
};

Ranges RangesOf(const nvw::IpTable& table) {
  const std::vector<uint8_t> b = table.to_binary();
  uint32_t c, n4, n6;
  std::memcpy(&c, &b[12], 4), std::memcpy(&n4, &b[16], 4), std::memcpy(&n6, &b[20], 4);
  const uint8_t* s4 = &b[24 + 2 * c];
  const uint8_t* c4 = s4 + 4 * size_t(n4);
  const uint8_t* s6 = c4 + n4;
  const uint8_t* c6 = s6 + 16 * size_t(n6);
  Ranges r;
  for (uint32_t k = 0; k < n4; ++k) {
    if (c4[k] == nvw::kNoCountry) continue;
    uint32_t s, e = 0;
    std::memcpy(&s, s4 + 4 * k, 4);
    if (k + 1 < n4) std::memcpy(&e, s4 + 4 * (k + 1), 4);
    r.v4_first.push_back(s);
    r.v4_width.push_back(e - s);  // 0 stands for 2^32
  }
  for (uint32_t k = 0; k < n6; ++k) {
    if (c6[k] == nvw::kNoCountry) continue;
    nvw::u128 s = 0;
    for (int i = 0; i < 16; ++i) s = s << 8 | s6[16 * k + i];
    r.v6.push_back(s);
  }
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s ipv4.csv [ipv6.csv|-] [rounds] [load]\n", argv[0]);
    return 2;
  }
  const int rounds = argc > 3 ? std::atoi(argv[3]) : 15;
  const std::vector<uint8_t> csv = ReadFile(argv[1]);
  auto table = Load(csv);
  if (!table) return 1;
  std::vector<double> loads;
  for (int k = 0; k < rounds; ++k) loads.push_back(Millis([&] { table = Load(csv); }));
  const double load = Median(loads);
  std::printf("load: %.2f ms (min %.2f), %.0f MB/s (%zu ranges, %.2f bytes/range)\n", load, *std::min_element(loads.begin(), loads.end()),
              csv.size() / 1e3 / load, table->size(), double(table->byte_size()) / table->size());
  if (argc > 4 && std::string(argv[4]) == "load") return 0;

  const Ranges ranges = RangesOf(*table);
  const size_t n = 1 << 20;
  std::mt19937 rng(20261124);
  std::vector<uint32_t> uniform(n), skewed(n);
  for (auto& ip : uniform) ip = rng();
  std::vector<size_t> rank(ranges.v4_first.size());
  for (size_t k = 0; k < rank.size(); ++k) rank[k] = k;
  std::shuffle(rank.begin(), rank.end(), rng);
  std::vector<double> cdf(rank.size());
  double total = 0;
  for (size_t r = 0; r < rank.size(); ++r) cdf[r] = total += 1.0 / double(r + 1);
  for (auto& ip : skewed) {
    const size_t r = size_t(std::lower_bound(cdf.begin(), cdf.end(), std::uniform_real_distribution<double>(0, total)(rng)) - cdf.begin());
    const size_t k = rank[std::min(r, rank.size() - 1)];
    const uint32_t width = ranges.v4_width[k];
    ip = ranges.v4_first[k] + (width ? rng() % width : rng());
  }
  std::vector<uint16_t> out(n);
  for (const auto& batch : {std::pair<const char*, const std::vector<uint32_t>*>{"uniform", &uniform}, {"skewed", &skewed}}) {
    const uint32_t* ips = batch.second->data();
    std::vector<double> t;
    for (int k = 0; k < rounds; ++k) t.push_back(Millis([&] { table->lookup_indexes(ips, out.data(), n); }));
    int sink = 0;
    for (uint16_t c : out) sink += c;  // the answers are used: link-time optimisation cannot drop the batch
    std::printf("batch %s: %.2f ns/IP (min %.2f) (%d)\n", batch.first, Median(t) * 1e6 / n, *std::min_element(t.begin(), t.end()) * 1e6 / n,
                sink & 1);
    t.clear();
    for (int k = 0; k < rounds; ++k)
      t.push_back(Millis([&] {
        for (size_t i = 0; i < n; ++i) sink += table->lookup_v4(ips[i]);
      }));
    std::printf("one by one %s: %.2f ns/IP (min %.2f) (%d)\n", batch.first, Median(t) * 1e6 / n,
                *std::min_element(t.begin(), t.end()) * 1e6 / n, sink & 1);
  }

  if (argc > 2 && std::string(argv[2]) != "-") {
    const std::vector<uint8_t> csv6 = ReadFile(argv[2]);
    auto table6 = Load(csv6);
    if (!table6) return 1;
    loads.clear();
    for (int k = 0; k < std::max(3, rounds / 3); ++k) loads.push_back(Millis([&] { table6 = Load(csv6); }));
    std::printf("IPv6 load: %.2f ms, %.0f MB/s\n", Median(loads), csv6.size() / 1e3 / Median(loads));
    const std::vector<nvw::u128> starts = RangesOf(*table6).v6;
    std::vector<nvw::u128> probes(n);
    for (auto& ip : probes) ip = starts[rng() % starts.size()] + (nvw::u128{rng()} << 32 | rng());
    std::vector<double> t;
    int sink = 0;
    for (int k = 0; k < rounds; ++k)
      t.push_back(Millis([&] {
        for (const auto ip : probes) sink += table6->lookup_v6(ip);
      }));
    std::printf("IPv6 lookup: %.2f ns (min %.2f) (%d)\n", Median(t) * 1e6 / n, *std::min_element(t.begin(), t.end()) * 1e6 / n, sink & 1);
  }
  return 0;
}
