#pragma once
#include <atomic>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "app/config.h"
#include "app/factcheck_reader.h"
#include "app/ingest_pipeline.h"
#include "app/scheduler.h"
#include "feeds/fetcher.h"
#include "model/alert.h"
#include "rules/matcher.h"
#include "storage/store.h"
#include "util/log.h"
#include "util/time.h"

namespace hw::app {

struct CycleReport {
  int feeds = 0;
  int fetched = 0;       // new bytes parsed
  int not_modified = 0;  // 304 or identical body
  int failed = 0;        // fetch or parse error (listed in errors)
  // failed, by reason: a fetch error's kind (feeds::to_string(FetchError::Kind)) or "parse"
  std::map<std::string, int> failures_by_reason;
  std::map<int, int> http_responses;  // HTTP status -> responses (file:// feeds have none)
  int abandoned = 0;     // not fetched because we are shutting down
  int not_due = 0;       // enabled feeds left for a later cycle (scheduler, Retry-After)
  int moved = 0;         // permanent redirects: the stored URL was updated
  int disabled = 0;      // disabled in this cycle (410 Gone)
  std::optional<TimePoint> next_due;  // earliest next poll of any enabled feed
  int stories_new = 0;
  int stories_revised = 0;
  int evaluated = 0;  // story revisions run through matcher + status engine
  int matches = 0;
  int backfill_matches = 0;  // matches found by evaluating stored stories for new/changed claims
  std::vector<Alert> alerts;  // backfill ones included (Alert::backfill)
  std::vector<std::string> errors;  // one line per failed feed: "URL: reason"
  int factcheck_pages = 0;    // fact-check article pages fetched (docs/factchecks.md)
  int factcheck_reviews = 0;  // ClaimReviews found on the pages that changed
  int factcheck_failed = 0;   // pages that could not be fetched (listed in errors)
};

// One pass of the pipeline: fetch every configured feed, parse, store (dedup, revisions), sync
// the claims (new and changed ones are evaluated against the stored stories, as backfill; gone
// ones are retired), then match every story revision not yet evaluated — oldest evidence first, so a claim's
// timeline follows the news — through the status engine, writing matches, status changes and
// alerts in one transaction per story. A failing feed is recorded and logged; the others go on.
class PollCycle {
 public:
  PollCycle(storage::Store& store, feeds::Fetcher& fetcher, rules::Matcher& matcher,
            const Clock& clock);

  CycleReport run(const std::vector<FeedConfig>& feeds);

  // When set and true, evaluation stops between stories (work left stays queued).
  void set_cancel(const std::atomic<bool>* cancel) { m_cancel = cancel; }
  // Identical failures of a feed are then logged once an hour, with the count in between
  // (the feeds table always has the latest). Owned by the caller: it outlives the cycle.
  void set_repeat_limiter(log::RepeatLimiter* limiter) { m_repeats = limiter; }

  // The daemon polls only the feeds that are due (due_only); `poll --once` polls every
  // enabled feed except those a server told to wait (Retry-After). Either way each poll's
  // outcome sets the feed's next poll time by `policy`.
  void set_scheduling(const SchedulePolicy& policy, bool due_only) {
    m_scheduler = Scheduler(policy);
    m_due_only = due_only;
  }
  // [factcheck]: page limits and the verdict mapping of fact-check feeds.
  void set_factcheck(const FactcheckConfig& config) { m_factcheck = config; }
  // [sources]: the sites known for fabricated or satirical news.
  void set_sources(const SourcesConfig& config) { m_sources = config; }

  // Threads that parse bodies while one writer stores them (IngestPipeline); 0 = fetch, parse
  // and store on the calling thread. Either way the same is stored.
  void set_parse_threads(unsigned threads) { m_parse_threads = threads; }

 private:
  // Config feeds live in the database like the others: added or updated there, re-enabled
  // when listed again, disabled ("removed from config") when no longer listed.
  void sync_config_feeds(const std::vector<FeedConfig>& feeds);
  void ingest(const std::vector<FeedConfig>& feeds, CycleReport& report);
  // On the writer thread of the IngestPipeline (the only one using the store meanwhile).
  void handle_result(const storage::FeedRecord& feed, PreparedFeed& prepared,
                     CycleReport& report);
  void apply_schedule(const storage::FeedRecord& feed, const PollOutcome& outcome,
                      CycleReport& report);
  // A feed failing for a day raises one feed_failing alert per failure streak (feed_health.h);
  // the cycle's next due time comes from the same listing of the feeds.
  void report_failing_feeds(CycleReport& report);
  void follow_move(const storage::FeedRecord& feed, const feeds::ResponseHints& hints,
                   CycleReport& report);
  void evaluate_pending(CycleReport& report, FactcheckReader& factchecks);

  void log_failure(const char* what, std::int64_t feed_id, const std::string& url,
                   const std::string& error);

  storage::Store& m_store;
  feeds::Fetcher& m_fetcher;
  rules::Matcher& m_matcher;  // learns wording as it judges (match_and_learn)
  const Clock& m_clock;
  const std::atomic<bool>* m_cancel = nullptr;
  log::RepeatLimiter* m_repeats = nullptr;
  Scheduler m_scheduler;
  bool m_due_only = false;
  FactcheckConfig m_factcheck;
  SourcesConfig m_sources = default_sources_config();
  unsigned m_parse_threads = IngestPipeline::default_parse_threads();
  // Revisions stored by this cycle's ingest that no claim can match (StoryScreen): evaluated
  // without reading their texts back. Only this cycle's: a claims change makes a new cycle.
  std::unordered_set<std::int64_t> m_screened_out;
};

}  // namespace hw::app
