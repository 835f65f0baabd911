#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "rules/text_normalizer.h"

using namespace hw::rules;

namespace {

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& token : tokenize(text)) {
    out.push_back(token.text);
  }
  return out;
}

std::vector<std::string> sentences(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& span : split_sentences(text)) {
    out.emplace_back(text.substr(span.begin, span.end - span.begin));
  }
  return out;
}

using Words = std::vector<std::string>;

}  // namespace

TEST_CASE("normalize folds diacritics, case and compatibility forms") {
  CHECK(normalize("Al-Qaïda") == "al-qaida");
  CHECK(normalize("QAEDA") == "qaeda");
  CHECK(normalize("Straße") == "strasse");
  CHECK(normalize("Ｙｅｍｅｎ") == "yemen");        // full-width letters (NFKD)
  CHECK(normalize("ﬁle") == "file");                // ligature
  CHECK(normalize("Qa\u0069\u0308da") == "qaida");  // already decomposed
}

TEST_CASE("tokenize splits on punctuation, hyphens and apostrophes") {
  CHECK(words("al-Qaeda's websites") == Words{"al", "qaeda", "s", "websites"});
  CHECK(words("The U.S. State Department") == Words{"the", "u", "s", "state", "department"});
  CHECK(words("Al-Qaïda au Yémen") == Words{"al", "qaida", "au", "yemen"});
  CHECK(words("  ...  ") == Words{});
  CHECK(words("2012-05-23") == Words{"2012", "05", "23"});
  CHECK(words("Qa\xC2\xAD"
              "ida") == Words{"qaida"});  // a soft hyphen does not split a word
  CHECK(words("\xE2\x80\x9CHacked\xE2\x80\x9D") == Words{"hacked"});  // curly quotes
}

TEST_CASE("a point between digits stays in the number") {
  CHECK(words("Apple will release iOS 8.2 on March 9.") ==
        Words{"apple", "will", "release", "ios", "8.2", "on", "march", "9"});
  CHECK(words("iOS 11.2: Beta 5") == Words{"ios", "11.2", "beta", "5"});
  CHECK(words("a $1.5bn deal, up 2.5% in 2014.") ==
        Words{"a", "1.5bn", "deal", "up", "2.5", "in", "2014"});
  // Not between digits: an end of sentence, an abbreviation, a version's trailing point.
  CHECK(words("Version 2. Then U.S.") == Words{"version", "2", "then", "u", "s"});
  CHECK(words("v2.x") == Words{"v2", "x"});
  // The non-ASCII path keeps the same rule.
  CHECK(words("Yémen 8.2") == Words{"yemen", "8.2"});
}

TEST_CASE("token offsets point into the original text") {
  const std::string text = "Le Yémen, al-Qaïda.";
  const auto tokens = tokenize(text);
  REQUIRE(tokens.size() == 4);
  CHECK(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin) == "Yémen");
  CHECK(text.substr(tokens[3].begin, tokens[3].end - tokens[3].begin) == "Qaïda");
}

TEST_CASE("invalid UTF-8 does not crash and is replaced") {
  const std::string bad = "hack\xFF\xFEing \xC3 yemen \xED\xA0\x80 x";
  CHECK(words(bad) == Words{"hack", "ing", "yemen", "x"});
  CHECK(
      sanitize_utf8(bad) ==
      "hack\xEF\xBF\xBD\xEF\xBF\xBDing \xEF\xBF\xBD yemen \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD x");
  CHECK(sanitize_utf8("Qaïda") == "Qaïda");
  CHECK_NOTHROW(normalize(bad));
  CHECK_NOTHROW(split_sentences(bad));
}

TEST_CASE("split_sentences handles abbreviations, quotes and blank lines") {
  CHECK(sentences("Clinton spoke. The U.S. State Department hacked sites. Really?") ==
        Words{"Clinton spoke.", "The U.S. State Department hacked sites.", "Really?"});
  CHECK(sentences("He said \"it was hacked.\" Officials disagreed.") ==
        Words{"He said \"it was hacked.\"", "Officials disagreed."});
  CHECK(sentences("Headline without a period\n\nFirst line.\nsecond part.") ==
        Words{"Headline without a period", "First line.\nsecond part."});
  CHECK(sentences("On Sept. 12 Gen. Alexander spoke. Version 2.5 shipped.") ==
        Words{"On Sept. 12 Gen. Alexander spoke.", "Version 2.5 shipped."});
  CHECK(sentences("") == Words{});
  CHECK(sentences("No end") == Words{"No end"});
}
