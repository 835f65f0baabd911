#include "rules/statement_index.h"

#include <algorithm>

namespace hw::rules {

void StatementIndex::add(std::size_t claim, const ClaimProfile& profile) {
  if (m_needed.size() <= claim) {
    m_needed.resize(claim + 1, 0);
    m_counts.resize(claim + 1, 0);
  }
  const std::size_t terms = profile.terms.size();
  if (terms == 0) {
    return;
  }
  m_needed[claim] = static_cast<std::uint8_t>(std::clamp<std::size_t>((terms + 3) / 4, 1, 2));
  for (const TermId term : profile.terms) {
    m_postings[term].push_back(static_cast<std::uint32_t>(claim));
  }
}

std::vector<std::size_t> StatementIndex::candidates(const std::vector<TermId>& story_terms) const {
  std::vector<std::size_t> out;
  for (const TermId term : story_terms) {
    const auto it = m_postings.find(term);
    if (it == m_postings.end()) {
      continue;
    }
    for (const auto claim : it->second) {
      if (m_counts[claim]++ == 0) {
        m_touched.push_back(claim);
      }
    }
  }
  for (const auto claim : m_touched) {
    if (m_counts[claim] >= m_needed[claim]) {
      out.push_back(claim);
    }
    m_counts[claim] = 0;
  }
  m_touched.clear();
  std::ranges::sort(out);
  return out;
}

}  // namespace hw::rules
