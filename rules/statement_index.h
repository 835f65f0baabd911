#pragma once
// Inverted index from statement terms to claims, to find the few claims a story may be about
// among thousands without scoring every one: a claim is a candidate when the story holds
// enough of its terms. The cost per story grows with the story's distinct words and the
// lengths of their posting lists, not with the number of claims.
#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "rules/stance_features.h"
#include "rules/text_pipeline.h"

namespace hw::rules {

class StatementIndex {
 public:
  // Indexes claim number `claim` under every term of its profile.
  void add(std::size_t claim, const ClaimProfile& profile);

  // Claims holding at least needed(claim) of `story_terms` (distinct terms of one story):
  // about a quarter of the claim's terms, at least one and at most two (headlines reword
  // claims: a third, up to three, left 17 % of the development rumours' own articles out).
  std::vector<std::size_t> candidates(const std::vector<TermId>& story_terms) const;

  std::size_t size() const { return m_needed.size(); }

  // Whether any claim holds `term`: a story with none of the indexed terms has no candidate.
  bool holds(TermId term) const { return m_postings.contains(term); }

 private:
  std::unordered_map<TermId, std::vector<std::uint32_t>> m_postings;
  std::vector<std::uint8_t> m_needed;  // per claim slot (0 = not indexed)
  // Scratch counters reused across stories; the index is used from one thread.
  mutable std::vector<std::uint16_t> m_counts;
  mutable std::vector<std::uint32_t> m_touched;
};

}  // namespace hw::rules
