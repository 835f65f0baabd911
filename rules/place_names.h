#pragma once
// A country and the word for its people are one place to the matcher: "Meteorite leaves crater
// in Nicaraguan capital Managua" carries "A meteorite landed in Nicaragua", and "Giant catfish
// caught in Italy" carries "Italian fishermen caught a 280-pound catfish" (docs/stance.md,
// matching rule 1). A story's word for a place adds the place's other words to the terms the
// matcher compares with the claims; the stance model reads the story as written. Pure.
#include <cstddef>
#include <unordered_map>
#include <vector>

#include "rules/text_pipeline.h"

namespace hw::rules {

class PlaceNames {
 public:
  explicit PlaceNames(TextPipeline& pipeline);
  // The other terms of the places `text` names in its first `sentence_limit` sentences
  // ("italian" for "Italy", "itali" for "Italians"), each once, in no particular order.
  std::vector<TermId> other_words(const AnalyzedText& text,
                                  std::size_t sentence_limit = SIZE_MAX) const;
  // The same for one term: empty when it names no place.
  const std::vector<TermId>& other_words(TermId term) const;

 private:
  std::unordered_map<TermId, std::vector<TermId>> m_other;
};

}  // namespace hw::rules
