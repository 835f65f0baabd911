#pragma once
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "daemon/config.h"
#include "feeds/fetcher.h"
#include "model/alert.h"
#include "rules/matcher.h"
#include "storage/store.h"
#include "util/time.h"

namespace hw::app {

struct CycleReport {
  int feeds = 0;
  int fetched = 0;       // new bytes parsed
  int not_modified = 0;  // 304 or identical body
  int failed = 0;        // fetch or parse error (listed in errors)
  int abandoned = 0;     // not fetched because we are shutting down
  int stories_new = 0;
  int stories_revised = 0;
  int evaluated = 0;  // story revisions run through matcher + status engine
  int matches = 0;
  std::vector<Alert> alerts;
  std::vector<std::string> errors;  // one line per failed feed: "URL: reason"
};

// One pass of the pipeline: fetch every configured feed, parse, store (dedup, revisions),
// then match every story revision not yet evaluated — oldest evidence first, so a claim's
// timeline follows the news — through the status engine, writing matches, status changes and
// alerts in one transaction per story. A failing feed is recorded and logged; the others go on.
class PollCycle {
 public:
  PollCycle(storage::Store& store, feeds::Fetcher& fetcher, const rules::Matcher& matcher,
            const Clock& clock);

  CycleReport run(const std::vector<FeedConfig>& feeds);

  // When set and true, evaluation stops between stories (work left stays queued).
  void set_cancel(const std::atomic<bool>* cancel) { m_cancel = cancel; }

 private:
  void ingest(const std::vector<FeedConfig>& feeds, CycleReport& report);
  void evaluate_pending(CycleReport& report);

  storage::Store& m_store;
  feeds::Fetcher& m_fetcher;
  const rules::Matcher& m_matcher;
  const Clock& m_clock;
  const std::atomic<bool>* m_cancel = nullptr;
};

}  // namespace hw::app
