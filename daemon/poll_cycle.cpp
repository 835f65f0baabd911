#include "daemon/poll_cycle.h"

#include <variant>

#include "alerts/alert_text.h"
#include "feeds/feed_parser.h"
#include "rules/status_engine.h"
#include "util/hash.h"
#include "util/log.h"

namespace hw::app {

PollCycle::PollCycle(storage::Store& store, feeds::Fetcher& fetcher, const rules::Matcher& matcher,
                     const Clock& clock)
    : m_store(store), m_fetcher(fetcher), m_matcher(matcher), m_clock(clock) {}

CycleReport PollCycle::run(const std::vector<FeedConfig>& feeds) {
  CycleReport report;
  m_store.sync_claims(m_matcher.claims(), m_clock.now());
  ingest(feeds, report);
  evaluate_pending(report);
  return report;
}

void PollCycle::ingest(const std::vector<FeedConfig>& feeds, CycleReport& report) {
  std::vector<std::int64_t> ids;
  std::vector<feeds::FetchRequest> requests;
  for (const auto& feed : feeds) {
    const std::int64_t id = m_store.ensure_feed(feed.url);
    const auto record = m_store.feed(id);
    ids.push_back(id);
    requests.push_back({feed.url, record ? record->etag : "", record ? record->last_modified : ""});
  }
  report.feeds = static_cast<int>(feeds.size());

  auto results = m_fetcher.fetch_all(requests);
  for (std::size_t i = 0; i < results.size(); ++i) {
    const std::int64_t feed_id = ids[i];
    const std::string& url = requests[i].url;
    const TimePoint now = m_clock.now();
    auto& result = results[i];

    if (!result && result.error().kind == feeds::FetchError::Kind::cancelled) {
      // Shutting down: not the feed's fault; it is fetched again on the next start.
      ++report.abandoned;
      continue;
    }
    if (!result) {
      ++report.failed;
      report.errors.push_back(result.error().message);
      m_store.record_fetch_failure(feed_id, result.error().http_status, result.error().message,
                                   now);
      log::warning(
          "feeds", "fetch failed",
          {{"feed", std::to_string(feed_id)}, {"url", url}, {"error", result.error().message}});
      continue;
    }
    if (std::holds_alternative<feeds::NotModified>(*result)) {
      ++report.not_modified;
      m_store.record_not_modified(feed_id, 304, now);
      continue;
    }

    auto& fetched = std::get<feeds::Fetched>(*result);
    const std::string hash = stable_hash_hex(fetched.body);
    const auto record = m_store.feed(feed_id);
    if (record && record->body_hash == hash && record->last_error.empty()) {
      // Same bytes as last time: nothing to parse. Keep the validators current.
      ++report.not_modified;
      m_store.record_fetch_success(
          feed_id, {fetched.http_status, fetched.etag, fetched.last_modified, hash, record->title},
          now);
      continue;
    }

    auto parsed = feeds::parse_feed(fetched.body, fetched.effective_url, fetched.content_type);
    if (!parsed) {
      ++report.failed;
      const std::string message = url + ": " + parsed.error().message;
      report.errors.push_back(message);
      m_store.record_fetch_failure(feed_id, fetched.http_status, message, now);
      log::warning(
          "feeds", "feed rejected",
          {{"feed", std::to_string(feed_id)}, {"url", url}, {"error", parsed.error().message}});
      continue;
    }

    ++report.fetched;
    int added = 0, revised = 0;
    for (const Story& story : parsed->items) {
      const auto up = m_store.upsert_story(feed_id, story, now);
      if (up.outcome == storage::UpsertOutcome::inserted) {
        ++added;
      } else if (up.outcome == storage::UpsertOutcome::revised) {
        ++revised;
      }
    }
    report.stories_new += added;
    report.stories_revised += revised;
    // Validators are stored only after the stories: a crash in between refetches the feed,
    // and dedup makes that harmless.
    m_store.record_fetch_success(
        feed_id, {fetched.http_status, fetched.etag, fetched.last_modified, hash, parsed->title},
        now);
    log::info("feeds", "feed polled",
              {{"feed", std::to_string(feed_id)},
               {"url", url},
               {"items", std::to_string(parsed->items.size())},
               {"new", std::to_string(added)},
               {"revised", std::to_string(revised)}});
  }
}

void PollCycle::evaluate_pending(CycleReport& report) {
  for (const auto& pending : m_store.pending_evaluations()) {
    if (m_cancel != nullptr && m_cancel->load()) {
      return;  // the rest stays queued in the database for the next start
    }
    const TimePoint now = m_clock.now();
    storage::EvaluationWrite write;
    write.story_id = pending.story_id;
    write.revision_id = pending.revision_id;
    write.at = now;
    write.matches = m_matcher.match(pending.story);
    const TimePoint evidence_at = pending.story.published.value_or(now);

    for (const Match& m : write.matches) {
      const auto claim = m_store.claim(m.claim_id);
      if (!claim) {
        continue;  // sync_claims ran first; a missing claim means the rules changed mid-cycle
      }
      const rules::Decision d = rules::decide(claim->status, m);
      if (d.new_status) {
        storage::StatusChange change;
        change.claim_id = m.claim_id;
        change.from = claim->status;
        change.to = *d.new_status;
        change.at = evidence_at;
        change.recorded_at = now;
        change.actor = "engine";
        change.rule = m.rule;
        change.evidence_text = m.evidence;
        change.reason = d.reason;
        change.story_id = pending.story_id;
        change.revision_id = pending.revision_id;
        write.changes.push_back(change);

        Alert alert;
        alert.kind = AlertKind::status_change;
        alert.claim_id = m.claim_id;
        alert.from = claim->status;
        alert.to = *d.new_status;
        alert.story_id = pending.story_id;
        alert.story_title = pending.story.title;
        alert.story_link = pending.story.link;
        alert.message = d.reason;
        alert.created_at = now;
        write.alerts.push_back(alert);
      }
      if (d.repeated_after_resolution &&
          !m_store.story_has_alert(pending.story_id, m.claim_id,
                                   AlertKind::repeated_after_clarification)) {
        Alert alert;
        alert.kind = AlertKind::repeated_after_clarification;
        alert.claim_id = m.claim_id;
        alert.to = claim->status;
        alert.story_id = pending.story_id;
        alert.story_title = pending.story.title;
        alert.story_link = pending.story.link;
        alert.created_at = now;
        alert.repeat_count =
            static_cast<int>(m_store.count_repeats_since_status_change(m.claim_id)) + 1;
        alert.message = "story repeats the claim although it was " +
                        std::string(to_string(claim->status)) + ": " + m.evidence;
        write.alerts.push_back(alert);
      }
    }

    m_store.record_evaluation(write);
    ++report.evaluated;
    report.matches += static_cast<int>(write.matches.size());
    for (const Alert& a : write.alerts) {
      alerts::log_alert(a);
      report.alerts.push_back(a);
    }
  }
}

}  // namespace hw::app
