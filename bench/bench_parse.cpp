// Parse throughput of hw::feeds::parse_feed over a directory of feed files.
//
// usage: hw_bench_parse DIR [REPEATS]
// Reads every file into memory first (I/O is not measured), then parses all of them REPEATS
// times and prints, per run and as the median: MB/s (input bytes), items/s, and the process's
// peak RSS. Output lines are "key value" so bench/run_bench.py can read them.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "feeds/feed_parser.h"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: hw_bench_parse DIR [REPEATS]\n";
    return 2;
  }
  const int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
  std::vector<std::string> docs;
  std::size_t bytes = 0;
  std::vector<fs::path> paths;
  for (const auto& e : fs::directory_iterator(argv[1])) {
    if (e.is_regular_file()) {
      paths.push_back(e.path());
    }
  }
  std::sort(paths.begin(), paths.end());
  for (const auto& p : paths) {
    std::ifstream in(p, std::ios::binary);
    docs.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    bytes += docs.back().size();
  }
  std::vector<double> mbps, items_per_s;
  std::size_t items = 0, failures = 0;
  for (int r = 0; r < repeats; ++r) {
    items = 0;
    failures = 0;
    const auto t0 = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < docs.size(); ++i) {
      auto feed =
          hw::feeds::parse_feed(docs[i], "https://bench.example/" + paths[i].filename().string());
      if (feed) {
        items += feed->items.size();
      } else {
        ++failures;
      }
    }
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    mbps.push_back(static_cast<double>(bytes) / 1e6 / s);
    items_per_s.push_back(static_cast<double>(items) / s);
    std::printf("run %d %.1f MB/s %.0f items/s\n", r + 1, mbps.back(), items_per_s.back());
  }
  std::sort(mbps.begin(), mbps.end());
  std::sort(items_per_s.begin(), items_per_s.end());
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("files %zu\nbytes %zu\nitems %zu\nfailures %zu\n", docs.size(), bytes, items,
              failures);
  std::printf("median_mb_s %.1f\nmedian_items_s %.0f\npeak_rss_mib %.1f\n", mbps[mbps.size() / 2],
              items_per_s[items_per_s.size() / 2], static_cast<double>(ru.ru_maxrss) / 1024.0);
  return failures == 0 ? 0 : 1;
}
