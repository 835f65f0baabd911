#pragma once
// Fact-check items met again after their page was read: a rescan, or `claim test`'s preview,
// judges them from the ClaimReviews their page had when last fetched
// (factcheck_pages.reviews_json), never from their text and without fetching the page again
// (docs/factchecks.md, "Claims added later").
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/factcheck_config.h"
#include "model/claim.h"
#include "rules/matcher.h"
#include "rules/verdict_stance.h"
#include "storage/factcheck_pages.h"
#include "storage/store.h"

namespace hw::app {

class StoredFactchecks {
 public:
  // Reads which feeds are fact-check feeds; `store` must outlive this.
  StoredFactchecks(storage::Store& store, const FactcheckConfig& config);

  // Whether the story is a fact-check feed's item (never judged from its text).
  bool is_factcheck(const storage::StoredStory& story) const;

  // The matches the poll cycle would have made of the item's stored reviews, for every claim
  // of `matcher` (app/factcheck_judgment.h). nullopt when its page was never judged, or was
  // judged before its reviews were kept (counted in unkept()).
  std::optional<std::vector<Match>> judge(const rules::Matcher& matcher,
                                          const storage::StoredStory& story);

  int unkept() const { return m_unkept; }

 private:
  std::set<std::string> m_feeds;
  std::optional<storage::FactcheckPages> m_pages;  // only when there is a fact-check feed
  rules::VerdictMapping m_mapping;
  int m_unkept = 0;
};

}  // namespace hw::app
