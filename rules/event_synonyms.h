#pragma once
// Words news uses for the same event: a claim says "Apple is buying Path", its stories say
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

 private:
  std::vector<std::vector<TermId>> m_groups;
};

}  // namespace hw::rules
