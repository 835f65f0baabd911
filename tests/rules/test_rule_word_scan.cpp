// The rule claims' word scan (rules/rule_word_scan.cpp) against the distinct-word list it
// replaced in Matcher::may_match: every text tokenised with tokenize(sanitize_utf8(...)), its
// distinct words sorted, a claim's words looked up whole and its stems as prefixes. Random
// stories and random claims, ASCII and not, must get the same verdict.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "rules/rule_word_scan.h"
#include "rules/term_pattern.h"
#include "rules/text_normalizer.h"

using hw::rules::RuleWordScan;
using hw::rules::TermPattern;
using Groups = std::vector<std::vector<TermPattern>>;

namespace {

bool reference_may_match(const std::vector<Groups>& claims,
                         const std::array<std::string, 3>& texts) {
  std::vector<std::string> words;
  for (const auto& text : texts) {
    for (auto& token : hw::rules::tokenize(hw::rules::sanitize_utf8(text))) {
      words.push_back(std::move(token.text));
    }
  }
  std::ranges::sort(words);
  words.erase(std::unique(words.begin(), words.end()), words.end());
  const auto holds = [&](const std::string& w) { return std::ranges::binary_search(words, w); };
  const auto holds_prefix = [&](const std::string& stem) {
    const auto it = std::ranges::lower_bound(words, stem);
    return it != words.end() && it->starts_with(stem);
  };
  const auto carries = [&](const TermPattern& term) {
    for (std::size_t k = 0; k < term.words.size(); ++k) {
      const bool last_is_stem = term.prefix && k + 1 == term.words.size();
      if (!(last_is_stem ? holds_prefix(term.words[k]) : holds(term.words[k]))) {
        return false;
      }
    }
    return !term.words.empty();
  };
  return std::ranges::any_of(claims, [&](const Groups& groups) {
    return std::ranges::all_of(groups,
                               [&](const auto& g) { return std::ranges::any_of(g, carries); });
  });
}

// Pieces texts and terms are made of: claim-like words in several cases, numbers with points,
// separators, accented letters (precomposed and not), a curly apostrophe, invalid bytes.
const std::vector<std::string> kPieces = {
    "hack",
    "Hacked",
    "HACKERS",
    "hacking",
    "ha",
    "yemen",
    "Yemeni",
    "qaeda",
    "Qa\xc3\xaf"
    "da",
    "qaida",
    "al",
    "state",
    "Department",
    "dept",
    "clinton",
    "8.2",
    "8",
    "1.5bn",
    "2030",
    "caf\xc3\xa9",
    "CAF\xc3\x89",
    "cafe\xcc\x81",
    "stra\xc3\x9f"
    "e",
    "strasse",
    " ",
    " ",
    " ",
    ".",
    ",",
    "-",
    "\n",
    "'",
    "\xe2\x80\x99",
    "\xff",
    "\xc3",
    "..",
    "x",
    "Z9",
    "9.",
};

std::string random_text(std::mt19937& rng, std::size_t max_pieces) {
  std::uniform_int_distribution<std::size_t> count(0, max_pieces);
  std::uniform_int_distribution<std::size_t> piece(0, kPieces.size() - 1);
  std::string out;
  for (std::size_t n = count(rng); n > 0; --n) {
    out += kPieces[piece(rng)];
  }
  return out;
}

// Mostly ASCII, as feeds are: the non-ASCII pieces are left out of most texts.
std::string random_story_text(std::mt19937& rng) {
  std::string text = random_text(rng, 12);
  if (std::uniform_int_distribution<int>(0, 3)(rng) != 0) {
    std::erase_if(text, [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
  }
  return text;
}

std::vector<Groups> random_claims(std::mt19937& rng) {
  std::uniform_int_distribution<int> small(1, 3);
  std::vector<Groups> claims(small(rng));
  for (auto& groups : claims) {
    groups.resize(small(rng));
    for (auto& group : groups) {
      for (int t = small(rng); t > 0; --t) {
        std::string term = random_text(rng, 2);
        if (std::uniform_int_distribution<int>(0, 2)(rng) == 0) {
          term += "*";
        }
        group.push_back(hw::rules::compile_term(term));
      }
    }
  }
  return claims;
}

}  // namespace

TEST_CASE("the word scan gives the distinct-word list's verdict on random stories") {
  std::mt19937 rng(20261202);
  std::size_t held = 0;
  std::size_t refused = 0;
  for (int round = 0; round < 400; ++round) {
    const auto claims = random_claims(rng);
    RuleWordScan scan;
    for (const auto& groups : claims) {
      scan.add_claim(groups);
    }
    for (int n = 0; n < 50; ++n) {
      const std::array<std::string, 3> texts{random_story_text(rng), random_story_text(rng),
                                             random_story_text(rng)};
      const std::array<std::string_view, 3> views{texts[0], texts[1], texts[2]};
      const bool expected = reference_may_match(claims, texts);
      INFO("title '" << texts[0] << "' summary '" << texts[1] << "' content '" << texts[2] << "'");
      REQUIRE(scan.may_match(views) == expected);
      (expected ? held : refused) += 1;
    }
  }
  // Both verdicts are exercised often.
  CHECK(held > 1000);
  CHECK(refused > 2000);
}

TEST_CASE("the word scan finds stems, decimals and folded words") {
  RuleWordScan scan;
  scan.add_claim({{hw::rules::compile_term("state department"), hw::rules::compile_term("clinton")},
                  {hw::rules::compile_term("hack*")},
                  {hw::rules::compile_term("Qa\xc3\xaf"
                                           "da")},
                  {hw::rules::compile_term("8.2")}});
  const auto may_match = [&](std::string_view text) {
    const std::array<std::string_view, 3> texts{text, "", ""};
    return scan.may_match(texts);
  };
  CHECK(may_match("CLINTON's hackers in qaida land, iOS 8.2"));
  CHECK(
      may_match("The State Department HACKED Qa\xc3\xaf"
                "da (8.2)"));
  CHECK_FALSE(
      may_match("The State Department HACKED Qa\xc3\xaf"
                "da (8.25)"));
  // Words, not phrases: whether "state" and "department" stand together is the analysis's call.
  CHECK(may_match("The State hacked the department of qaida, iOS 8.2"));
  CHECK_FALSE(may_match("Clinton ha qaida 8.2"));
  CHECK_FALSE(may_match(""));
  RuleWordScan empty;
  const std::array<std::string_view, 3> texts{"hack", "", ""};
  CHECK_FALSE(empty.may_match(texts));
}
