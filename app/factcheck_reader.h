#pragma once
// Fact-check feeds in the poll cycle (docs/factchecks.md, "Fact-check feeds"): an item of a feed
// with kind = "factcheck" is judged from the ClaimReview on its linked page, not from its text.
// Before the evaluation queue is worked, the pages of the queued fact-check items are fetched
// through the feeds' Fetcher (same politeness, limits and conditional GET; a smaller size limit);
// when the queue reaches such an item, its reviews become its matches.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/factcheck_config.h"
#include "app/story_evaluation.h"
#include "feeds/claim_review.h"
#include "feeds/fetcher.h"
#include "rules/matcher.h"
#include "storage/factcheck_pages.h"
#include "storage/store.h"
#include "util/time.h"

namespace hw::app {

struct CycleReport;

class FactcheckReader {
 public:
  FactcheckReader(storage::Store& store, feeds::Fetcher& fetcher, const FactcheckConfig& config,
                  const Clock& clock);
  ~FactcheckReader();

  // Puts pages whose retry is due back on the queue, then fetches the page of every fact-check
  // item in the evaluation queue. A failed page is logged and listed in report.errors naming
  // the feed and the page; the cycle goes on.
  void fetch_pages(CycleReport& report);
  // Whether the queued revision belongs to a fact-check feed (then evaluate() judges it).
  bool owns(std::int64_t revision_id) const { return m_items.contains(revision_id); }
  // Records the fact-check item's evaluation: its page's verdicts as matches; nothing for a
  // page that failed or did not change (the item leaves the queue either way; a failed page
  // comes back at its retry time). nullopt when its page was not fetched in this cycle
  // (shutting down): it stays queued.
  std::optional<EvaluationOutcome> evaluate(rules::Matcher& matcher,
                                            const storage::PendingEvaluation& pending,
                                            CycleReport& report);

 private:
  // One queued fact-check item and what its page fetch brought.
  struct Item {
    enum class State { waiting, failed, unchanged, fetched };
    storage::FactcheckItem item;
    State state = State::waiting;
    storage::PageFetched page;                // validators to keep (unchanged, fetched)
    std::vector<feeds::ClaimReview> reviews;  // fetched
    std::string error;                        // failed: the fetcher's message, naming the page
  };
  void handle(Item& item, feeds::FetchResult&& result, CycleReport& report);

  storage::Store& m_store;
  feeds::Fetcher& m_fetcher;
  const FactcheckConfig& m_config;
  const Clock& m_clock;
  rules::VerdictMapping m_mapping;
  std::unique_ptr<storage::FactcheckPages> m_pages;  // only when a fact-check feed exists
  std::map<std::int64_t, Item> m_items;              // by revision id
};

}  // namespace hw::app
