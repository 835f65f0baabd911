#include "app/poll_cycle.h"

#include <algorithm>
#include <optional>
#include <set>
#include <span>
#include <variant>

#include "alerts/alert_text.h"
#include "app/claim_rescan.h"
#include "app/feed_health.h"
#include "app/ingest_pipeline.h"
#include "app/story_evaluation.h"
#include "feeds/feed_parser.h"
#include "storage/background_checkpoints.h"
#include "storage/write_batch.h"
#include "util/hash.h"
#include "util/log.h"

namespace hw::app {

void PollCycle::log_failure(const char* what, std::int64_t feed_id, const std::string& url,
                            const std::string& error) {
  std::optional<int> suppressed = 0;
  if (m_repeats != nullptr) {
    suppressed = m_repeats->admit("feed " + std::to_string(feed_id), error, m_clock.now());
  }
  if (!suppressed) {
    return;  // the same failure was logged less than an hour ago
  }
  if (*suppressed > 0) {
    log::warning("feeds", what,
                 {{"feed", std::to_string(feed_id)},
                  {"url", url},
                  {"error", error},
                  {"repeated", std::to_string(*suppressed)}});
  } else {
    log::warning("feeds", what,
                 {{"feed", std::to_string(feed_id)}, {"url", url}, {"error", error}});
  }
}

PollCycle::PollCycle(storage::Store& store, feeds::Fetcher& fetcher, rules::Matcher& matcher,
                     const Clock& clock)
    : m_store(store), m_fetcher(fetcher), m_matcher(matcher), m_clock(clock) {}

CycleReport PollCycle::run(const std::vector<FeedConfig>& feeds) {
  CycleReport report;
  // With a writer thread, the WAL is copied into the file by a thread of its own, not by the
  // writer inside its commits, where the parse threads waited for it
  // (storage/background_checkpoints.h). After ingest it copies what ingest left in the WAL
  // while this thread evaluates, so the cycle's last checkpoint has little left to do.
  std::optional<storage::BackgroundCheckpoints> checkpoints;
  if (m_parse_threads > 0) {
    checkpoints.emplace(m_store);
  }
  ingest(feeds, report);
  if (checkpoints) {
    checkpoints->start_now();
  }
  // After ingest, so a new claim's initial entry predates this cycle's stories too; new and
  // changed claims then catch up on the stories already evaluated (backfill) before the new
  // stories are judged, so each claim meets its evidence in time order.
  const auto sync = sync_matcher_claims(m_store, m_matcher, m_clock.now());
  auto rescan =
      rescan_claims(m_store, m_matcher, sync.to_scan, m_factcheck, m_sources, m_clock, m_cancel);
  report.backfill_matches = rescan.matches;
  for (Alert& a : rescan.alerts) {
    alerts::log_alert(a);
    report.alerts.push_back(std::move(a));
  }
  report_failing_feeds(report);
  // Fact-check items are judged from their pages: fetched now, judged in queue order.
  FactcheckReader factchecks(m_store, m_fetcher, m_factcheck, m_clock);
  factchecks.fetch_pages(report);
  evaluate_pending(report, factchecks);
  checkpoints.reset();   // waits for a checkpoint in progress
  m_store.checkpoint();  // docs/schema.md, "Durability": a power cut loses this cycle at most
  return report;
}

namespace {

constexpr std::string_view kRemovedFromConfig = "removed from config";

}  // namespace

void PollCycle::sync_config_feeds(const std::vector<FeedConfig>& feeds) {
  std::set<std::int64_t> listed;
  for (const auto& fc : feeds) {
    const auto known = m_store.feeds().find_feed(fc.url);
    std::int64_t id = 0;
    if (!known || known->source != "config" || known->name != fc.name ||
        known->interval != fc.interval || known->kind != fc.kind) {
      id = m_store.feeds().save_feed({fc.url, fc.name, "config", fc.interval, fc.kind});
    } else {
      id = known->id;
    }
    if (known && !known->enabled && known->disabled_reason == kRemovedFromConfig) {
      m_store.feeds().set_feed_enabled(id, true);
    }
    listed.insert(id);
  }
  for (const auto& f : m_store.feeds().list_feeds()) {
    if (f.source == "config" && f.enabled && !listed.contains(f.id)) {
      m_store.feeds().set_feed_enabled(f.id, false, kRemovedFromConfig);
      log::info("feeds", "feed disabled",
                {{"feed", std::to_string(f.id)},
                 {"url", f.url},
                 {"reason", std::string(kRemovedFromConfig)}});
    }
  }
}

void PollCycle::ingest(const std::vector<FeedConfig>& feeds, CycleReport& report) {
  {
    storage::WriteBatch batch(m_store);  // one commit, not one per configured feed
    batch.ensure_open();
    sync_config_feeds(feeds);
    batch.commit();
  }
  const TimePoint start = m_clock.now();
  std::vector<storage::FeedRecord> polled;
  std::vector<feeds::FetchRequest> requests;
  for (auto& f : m_store.feeds().list_feeds()) {
    if (!f.enabled) {
      continue;
    }
    const bool held = f.retry_after_until && *f.retry_after_until > start;
    if (held || (m_due_only && !m_scheduler.is_due(f, start))) {
      ++report.not_due;
      continue;
    }
    requests.push_back({f.url, f.etag, f.last_modified});
    polled.push_back(std::move(f));
  }
  report.feeds = static_cast<int>(polled.size());

  // Each body is parsed as soon as it arrives (on the parse threads) and stored in arrival
  // order by one writer (IngestPipeline), a few feeds per commit: memory stays at a few bodies.
  // The parse threads also screen the stories for ones no claim can match (StoryScreen).
  m_screened_out.clear();
  const auto screen = StoryScreen::for_claims(m_matcher);
  // Bodies are hashed as they arrive, on this thread, which mostly waits for the network: the
  // parse threads are the busiest part of a cold poll.
  std::vector<std::string> body_hashes(polled.size());
  {
    storage::WriteBatch batch(m_store);
    IngestPipeline pipeline(
        {.parse_threads = m_parse_threads},
        [&](std::size_t i, feeds::FetchResult&& result) {
          return prepare_feed(polled[i], i, std::move(result), screen.get(),
                              std::move(body_hashes[i]));
        },
        [&](PreparedFeed& prepared) {
          batch.ensure_open();
          handle_result(polled[prepared.index], prepared, report);
        },
        [&] { batch.commit(); });
    m_fetcher.fetch_each(requests, [&](std::size_t i, feeds::FetchResult&& result) {
      if (result) {
        if (const auto* fetched = std::get_if<feeds::Fetched>(&*result)) {
          body_hashes[i] = stable_hash_hex(fetched->body);  // read by a parse thread after submit
        }
      }
      pipeline.submit(i, std::move(result));
    });
    pipeline.finish();
    batch.commit();
  }
}

void PollCycle::report_failing_feeds(CycleReport& report) {
  const TimePoint now = m_clock.now();
  // One listing for both: nothing after ingest moves a feed's schedule, and a feed_failing
  // alert only marks the feed as reported.
  const auto feeds = m_store.feeds().list_feeds();
  report.next_due = m_scheduler.next_due(feeds);
  for (const auto& feed : feeds) {
    if (auto alert = feed_failing_alert(feed, now)) {
      m_store.feeds().record_feed_alert(feed.id, *alert, now);
      alerts::log_alert(*alert);
      report.alerts.push_back(std::move(*alert));
    }
  }
}

void PollCycle::apply_schedule(const storage::FeedRecord& feed, const PollOutcome& outcome,
                               CycleReport& report) {
  const ScheduleDecision d = m_scheduler.after_poll(feed, outcome, m_clock.now());
  if (d.disable) {
    m_store.feeds().set_feed_enabled(feed.id, false, d.disable_reason);
    ++report.disabled;
    log::warning(
        "feeds", "feed disabled",
        {{"feed", std::to_string(feed.id)}, {"url", feed.url}, {"reason", d.disable_reason}});
  }
  m_store.feeds().set_feed_schedule(feed.id,
                                    {d.next_poll_at, d.server_interval, d.retry_after_until});
}

void PollCycle::follow_move(const storage::FeedRecord& feed, const feeds::ResponseHints& hints,
                            CycleReport& report) {
  if (hints.moved_to.empty() || hints.moved_to == feed.url) {
    return;
  }
  if (auto other = m_store.feeds().find_feed(hints.moved_to); other && other->id != feed.id) {
    // Two entries for one feed: keep polling the old URL (it still answers) and say so.
    log::warning("feeds", "permanent redirect to a feed already listed; URL kept",
                 {{"feed", std::to_string(feed.id)},
                  {"url", feed.url},
                  {"moved_to", hints.moved_to},
                  {"other_feed", std::to_string(other->id)}});
    return;
  }
  m_store.feeds().set_feed_url(feed.id, hints.moved_to);
  ++report.moved;
  log::info("feeds", "feed moved permanently; URL updated",
            {{"feed", std::to_string(feed.id)}, {"from", feed.url}, {"to", hints.moved_to}});
}

void PollCycle::handle_result(const storage::FeedRecord& feed, PreparedFeed& prepared,
                              CycleReport& report) {
  feeds::FetchResult& result = prepared.result;
  const std::int64_t feed_id = feed.id;
  const std::string& url = feed.url;
  const TimePoint now = m_clock.now();

  if (!result && result.error().kind == feeds::FetchError::Kind::cancelled) {
    // Shutting down: not the feed's fault; it is fetched again on the next start.
    ++report.abandoned;
    return;
  }
  if (!result) {
    const auto& error = result.error();
    ++report.failed;
    ++report.failures_by_reason[std::string(feeds::to_string(error.kind))];
    if (error.http_status > 0) {
      ++report.http_responses[error.http_status];
    }
    report.errors.push_back(error.message);
    m_store.feeds().record_fetch_failure(feed_id, error.http_status, error.message, now);
    log_failure("fetch failed", feed_id, url, error.message);
    PollOutcome outcome;
    outcome.kind = error.http_status == 410 ? PollOutcome::Kind::gone : PollOutcome::Kind::failed;
    outcome.http_status = error.http_status;
    outcome.retry_after = error.retry_after;
    apply_schedule(feed, outcome, report);
    return;
  }
  if (auto* nm = std::get_if<feeds::NotModified>(&*result)) {
    ++report.not_modified;
    ++report.http_responses[304];
    m_store.feeds().record_not_modified(feed_id, 304, now);
    follow_move(feed, nm->hints, report);
    apply_schedule(feed, {PollOutcome::Kind::not_modified, 304, nm->hints.max_age, {}}, report);
    return;
  }

  auto& fetched = std::get<feeds::Fetched>(*result);
  if (fetched.http_status > 0) {
    ++report.http_responses[fetched.http_status];
  }
  follow_move(feed, fetched.hints, report);
  const std::string& hash = prepared.body_hash;
  if (prepared.same_body) {
    // Same bytes as last time: nothing to parse. Keep the validators current.
    ++report.not_modified;
    m_store.feeds().record_fetch_success(
        feed_id, {fetched.http_status, fetched.etag, fetched.last_modified, hash, feed.title}, now);
    apply_schedule(
        feed, {PollOutcome::Kind::not_modified, fetched.http_status, fetched.hints.max_age, {}},
        report);
    return;
  }

  const feeds::FeedHints& hints = prepared.hints;
  auto& parsed = *prepared.parsed;
  if (!parsed) {
    ++report.failed;
    ++report.failures_by_reason["parse"];
    const std::string message = url + ": " + parsed.error().message;
    report.errors.push_back(message);
    m_store.feeds().record_fetch_failure(feed_id, fetched.http_status, message, now);
    log_failure("feed rejected", feed_id, url, parsed.error().message);
    apply_schedule(feed, {PollOutcome::Kind::failed, fetched.http_status, {}, {}}, report);
    return;
  }

  ++report.fetched;
  int added = 0, revised = 0;
  // One transaction for the whole feed: a failure leaves none of its stories stored.
  const auto upserted =
      m_store.stories().upsert_stories(feed_id, parsed->items, now, &prepared.packed);
  const bool screened = prepared.may_match.size() == upserted.size();
  for (std::size_t i = 0; i < upserted.size(); ++i) {
    const auto& up = upserted[i];
    if (up.outcome == storage::UpsertOutcome::inserted) {
      ++added;
    } else if (up.outcome == storage::UpsertOutcome::revised) {
      ++revised;
    } else {
      continue;  // not queued for evaluation
    }
    if (screened && prepared.may_match[i] == 0) {
      m_screened_out.insert(up.revision_id);
    }
  }
  report.stories_new += added;
  report.stories_revised += revised;
  // Validators are stored only after the stories: a crash in between refetches the feed,
  // and dedup makes that harmless.
  m_store.feeds().record_fetch_success(
      feed_id, {fetched.http_status, fetched.etag, fetched.last_modified, hash, parsed->title},
      now);
  std::optional<std::chrono::seconds> server_interval = fetched.hints.max_age;
  if (hints.ttl && (!server_interval || *hints.ttl > *server_interval)) {
    server_interval = hints.ttl;
  }
  apply_schedule(feed, {PollOutcome::Kind::fetched, fetched.http_status, server_interval, {}},
                 report);
  log::info("feeds", "feed polled",
            {{"feed", std::to_string(feed_id)},
             {"url", url},
             {"items", std::to_string(parsed->items.size())},
             {"new", std::to_string(added)},
             {"revised", std::to_string(revised)}});
}

void PollCycle::evaluate_pending(CycleReport& report, FactcheckReader& factchecks) {
  // One commit per 256 revisions (docs/schema.md, "Durability"); every evaluation in it is
  // still all or nothing (its own savepoint). A failure commits the evaluations already made,
  // so the database matches what the matcher has learned from them, and passes the error on.
  constexpr std::size_t kCommitEvery = 256;
  storage::WriteBatch writes(m_store);
  const auto commit_on_failure = [&] {
    try {
      writes.commit();
    } catch (...) {
      // The first error is the one reported; what is not committed stays queued.
    }
  };

  // The revisions this cycle's screen found no claim can match (StoryScreen): their evaluation
  // only takes them off the queue, which changes nothing for any other evaluation, so they go
  // first, without their texts and together (ClaimLedger::record_unmatched), and the listings
  // below sort only what is left of the queue.
  // Fact-check items are judged from their pages, never from their text: they stay below.
  std::vector<std::int64_t> unmatched;
  for (const std::int64_t id : m_screened_out) {
    if (!factchecks.owns(id)) {
      unmatched.push_back(id);
    }
  }
  std::ranges::sort(unmatched);
  for (std::size_t from = 0; from < unmatched.size(); from += kCommitEvery) {
    if (m_cancel != nullptr && m_cancel->load()) {
      return;  // the rest stays queued in the database for the next start
    }
    const std::span<const std::int64_t> chunk =
        std::span(unmatched).subspan(from, std::min(kCommitEvery, unmatched.size() - from));
    writes.ensure_open();
    try {
      report.evaluated += static_cast<int>(m_store.claims().record_unmatched(chunk));
    } catch (...) {
      commit_on_failure();
      throw;
    }
    writes.commit();
  }

  // The others oldest first: each evaluation takes its revision off the queue, so the next
  // page of the queue continues the same order. Texts are read one revision at a time.
  // Revisions listed per query: each listing sorts the whole queue (256 at a time, 100 sorts of
  // a cold poll's 25,000), but a page of 4,096 raised the scale corpus's peak RSS by 20 MB
  // (60.7 -> 81.0 MB, statement claims) where 1,024 left it at 61.0 MB.
  constexpr std::size_t kPage = 1024;
  std::set<std::int64_t> done;
  std::size_t in_commit = 0;
  for (auto page = m_store.stories().pending_evaluation_heads(kPage);
       !page.empty() && !done.contains(page.front().revision_id);
       page = m_store.stories().pending_evaluation_heads(kPage)) {
    for (auto& pending : page) {
      if (m_cancel != nullptr && m_cancel->load()) {
        writes.commit();
        return;  // the rest stays queued in the database for the next start
      }
      if (in_commit == kCommitEvery) {
        writes.commit();
        in_commit = 0;
      }
      writes.ensure_open();
      ++in_commit;
      done.insert(pending.revision_id);
      EvaluationOutcome outcome;
      try {
        if (factchecks.owns(pending.revision_id)) {
          auto judged = factchecks.evaluate(m_matcher, pending, report);  // from its page
          if (!judged) {
            continue;  // its page was not fetched (shutting down): stays queued
          }
          outcome = std::move(*judged);
        } else {
          m_store.stories().load_texts(pending);
          EvaluationOptions options;
          options.low_credibility = m_sources.low_credibility;
          outcome = evaluate_story(
              m_store, m_matcher,
              {pending.story_id, pending.revision_id, pending.feed_url, pending.at, &pending.story},
              options, m_clock.now());
        }
      } catch (...) {
        commit_on_failure();
        throw;
      }
      pending.story = {};  // its text goes before the next one is read
      ++report.evaluated;
      report.matches += outcome.matches;
      for (Alert& a : outcome.alerts) {
        alerts::log_alert(a);
        report.alerts.push_back(std::move(a));
      }
    }
  }
  writes.commit();
}

}  // namespace hw::app
