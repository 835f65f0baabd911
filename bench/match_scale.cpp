// hw_bench_match: matches 100,000 synthetic stories against 10,000 synthetic claims on one
// core and reports stories/s and peak RSS.
//   hw_bench_match [--stories N] [--claims N] [--rule-share F]
// Claims are one-sentence statements over a 30,000-word synthetic vocabulary (made-up words
// stem like real ones); a share of them also carries hand rules. Stories are a title plus a
// ~60-word summary drawn with a Zipf-like word distribution; 5% restate a claim. The data is
// generated from a fixed seed, so runs are comparable.
#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "rules/matcher.h"

namespace {

std::vector<std::string> vocabulary(std::size_t n, std::mt19937_64& rng) {
  static const char* const kOnsets[] = {"b", "br", "c",  "d", "f", "g",  "gr", "h",  "k", "l", "m",
                                        "n", "p",  "pr", "r", "s", "st", "t",  "tr", "v", "z"};
  static const char* const kVowels[] = {"a", "e", "i", "o", "u", "ai", "ou", "ea"};
  static const char* const kEnds[] = {"", "n", "r", "s", "t", "l", "ng", "ck", "ed", "ing"};
  std::vector<std::string> words;
  words.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::string w;
    const int syllables = 1 + static_cast<int>(rng() % 3);
    for (int s = 0; s < syllables; ++s) {
      w += kOnsets[rng() % std::size(kOnsets)];
      w += kVowels[rng() % std::size(kVowels)];
    }
    w += kEnds[rng() % std::size(kEnds)];
    words.push_back(w);
  }
  return words;
}

// Zipf-like: index = floor(n^u) - 1 for uniform u, so low indices are common.
std::size_t zipf(std::size_t n, std::mt19937_64& rng) {
  const double u = std::uniform_real_distribution<double>(0.0, 1.0)(rng);
  return std::min(n - 1, static_cast<std::size_t>(std::pow(static_cast<double>(n), u)) - 1);
}

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t story_count = 100'000;
  std::size_t claim_count = 10'000;
  double rule_share = 0.1;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string arg = argv[i];
    if (arg == "--stories") {
      story_count = std::stoul(argv[i + 1]);
    } else if (arg == "--claims") {
      claim_count = std::stoul(argv[i + 1]);
    } else if (arg == "--rule-share") {
      rule_share = std::stod(argv[i + 1]);
    }
  }
  std::mt19937_64 rng(20120524);
  const auto words = vocabulary(30'000, rng);

  std::vector<hw::Claim> claims;
  std::vector<std::string> statements;
  for (std::size_t c = 0; c < claim_count; ++c) {
    hw::Claim claim;
    claim.id = "claim-" + std::to_string(c);
    std::string statement;
    const int length = 7 + static_cast<int>(rng() % 6);
    std::vector<std::string> picked;
    for (int w = 0; w < length; ++w) {
      // Claims use the rarer half of the vocabulary more: names, places, specifics.
      const auto& word = words[1000 + rng() % (words.size() - 1000)];
      picked.push_back(word);
      statement += (statement.empty() ? "" : " ") + word;
    }
    claim.statement = statement + ".";
    if (static_cast<double>(rng() % 1000) / 1000.0 < rule_share) {
      claim.required = {{picked[0]}, {picked[1] + "*"}, {picked[2]}};
      claim.refutation_phrases = {"denied " + picked[0]};
    }
    statements.push_back(claim.statement);
    claims.push_back(std::move(claim));
  }

  std::vector<hw::Story> stories;
  stories.reserve(story_count);
  std::size_t restated = 0;
  for (std::size_t s = 0; s < story_count; ++s) {
    hw::Story story;
    for (int w = 0; w < 8; ++w) {
      story.title += (w ? " " : "") + words[zipf(words.size(), rng)];
    }
    for (int sentence = 0; sentence < 5; ++sentence) {
      for (int w = 0; w < 12; ++w) {
        story.summary += (w ? " " : "") + words[zipf(words.size(), rng)];
      }
      story.summary += ". ";
    }
    if (rng() % 20 == 0) {
      story.summary += "Officials said " + statements[rng() % statements.size()];
      ++restated;
    }
    story.link = "https://site" + std::to_string(s % 97) + ".example/" + std::to_string(s);
    stories.push_back(std::move(story));
  }

  const auto build_start = std::chrono::steady_clock::now();
  const hw::rules::Matcher matcher(claims);
  const double build_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - build_start).count();

  std::size_t matches = 0;
  const auto start = std::chrono::steady_clock::now();
  for (const auto& story : stories) {
    matches += matcher.match(story).size();
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  // The poll cycle's path: the same stories judged while statement claims learn the wording
  // of their clear matches (Matcher::match_and_learn), against the plain match above.
  hw::rules::Matcher learning(std::move(claims));
  std::size_t learned_matches = 0;
  const auto learn_start = std::chrono::steady_clock::now();
  for (const auto& story : stories) {
    learned_matches += learning.match_and_learn(story).size();
  }
  const double learn_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - learn_start).count();

  std::printf("claims: %zu (%.0f%% with hand rules), stories: %zu (%zu restate a claim)\n",
              claim_count, rule_share * 100.0, story_count, restated);
  std::printf("matcher build: %.2f s\n", build_seconds);
  std::printf("matched: %.2f s, %.0f stories/s (one core), %zu matches\n", seconds,
              static_cast<double>(story_count) / seconds, matches);
  std::printf("matched while learning: %.2f s, %.0f stories/s, %zu matches (%.2fx the time)\n",
              learn_seconds, static_cast<double>(story_count) / learn_seconds, learned_matches,
              learn_seconds / seconds);
  std::printf("peak RSS: %.1f MiB\n", static_cast<double>(peak_rss_kib()) / 1024.0);
  return 0;
}
