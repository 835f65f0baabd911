#pragma once
// Words news uses for the same event, and words that talk of a rumour as one: a claim says "Apple is buying Path", its stories say
// "Apple to acquire Path" or "Apple in talks over Path purchase". The matcher accepts any word
// of a predicate's group as the predicate (docs/stance.md, matching rule 4), and only there:
// the fit itself still counts the claim's own words.
#include <vector>

#include "rules/text_pipeline.h"

namespace hw::rules {

// The terms of the groups `term` belongs to (itself included), stemmed by `pipeline`; just
// `term` when it is in none.
class EventSynonyms {
 public:
  explicit EventSynonyms(TextPipeline& pipeline);
  std::vector<TermId> expand(TermId term) const;
  // Words that talk of a rumour as a rumour ("hoax", "rumours", "denied", "not real"): a story
  // that names the claim's people and calls it a hoax is about the claim, predicate or not
  // ("Fidel Castro rumors sweep internet, but no sign in Cuba" for "Fidel Castro has died").
  bool is_rumour_word(TermId term) const;

 private:
  std::vector<std::vector<TermId>> m_groups;
  std::vector<TermId> m_rumour_words;
};

}  // namespace hw::rules
