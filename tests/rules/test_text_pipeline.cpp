#include <catch2/catch.hpp>

#include "rules/text_pipeline.h"

using hw::rules::kNoTerm;
using hw::rules::TextPipeline;

TEST_CASE("the pipeline folds, drops stop words, stems, and keeps numbers and acronyms") {
  TextPipeline p;
  const auto a = p.analyze("The State Department HACKED websites; the U.S. paid $15 in 2015.");
  CHECK(a.tokens.size() == a.terms.size());
  CHECK(a.terms[0] == kNoTerm);                          // "the"
  CHECK(a.terms[3] == p.term_of("hack"));                // "HACKED" -> hack
  CHECK(a.terms[4] == p.term_of("website"));             // plural folded away
  CHECK(p.stem_of("2015") == "2015");                    // numbers intact
  CHECK(p.analyze("US officials").terms[0] != kNoTerm);  // an acronym, not the stop word "us"
  CHECK(p.analyze("us officials").terms[0] == kNoTerm);
  CHECK(p.analyze("Qaïda").terms == p.analyze("QAIDA").terms);
  CHECK(p.analyze("They did not hack it").negations.size() == 1);
  CHECK(p.analyze("Is it true? \"Yes\"").question_marks == 1);
}
