#include "app/factcheck_reader.h"

#include <algorithm>

#include "app/factcheck_judgment.h"
#include "app/poll_cycle.h"
#include "feeds/claim_review_json.h"
#include "rules/evidence_gate.h"
#include "util/hash.h"
#include "util/log.h"
#include "util/url_host.h"

namespace hw::app {

namespace {

// Retry of a failed page: 15 minutes, doubling, at most a day.
std::chrono::seconds page_backoff(int failures) {
  const int doublings = std::clamp(failures - 1, 0, 7);
  return std::min(std::chrono::seconds{15 * 60} * (1 << doublings), std::chrono::seconds{86'400});
}

}  // namespace

FactcheckReader::FactcheckReader(storage::Store& store, feeds::Fetcher& fetcher,
                                 const FactcheckConfig& config, const Clock& clock)
    : m_store(store),
      m_fetcher(fetcher),
      m_config(config),
      m_clock(clock),
      m_mapping(rules::verdict_mapping(config.verdicts)) {}

FactcheckReader::~FactcheckReader() = default;

void FactcheckReader::fetch_pages(CycleReport& report) {
  const auto feeds = m_store.feeds().list_feeds();
  if (std::ranges::none_of(feeds, [](const auto& f) { return f.kind == "factcheck"; })) {
    return;  // no fact-check feed, no second connection
  }
  m_pages = std::make_unique<storage::FactcheckPages>(m_store.database());
  m_pages->requeue_due(m_clock.now());
  std::vector<feeds::FetchRequest> requests;
  std::vector<std::int64_t> order;
  for (auto& queued : m_pages->pending()) {
    Item item;
    item.item = std::move(queued);
    const auto revision = item.item.revision_id;
    // A remote feed must not make us read local files: file:// pages only from a local feed
    // file (the demo's), which is local content already.
    const bool web =
        item.item.link.starts_with("http://") || item.item.link.starts_with("https://");
    const bool local =
        item.item.link.starts_with("file://") && item.item.feed_url.starts_with("file://");
    if (!web && !local) {
      // Nothing to fetch.
      item.state = Item::State::failed;
      const std::string error = "fact-check item without an http(s) link ('" + item.item.link +
                                "'; file:// pages only from a file:// feed)";
      report.errors.push_back(item.item.feed_url + ": " + error);
      ++report.factcheck_failed;
      log::warning("feeds", "fact-check page not fetched",
                   {{"feed", std::to_string(item.item.feed_id)},
                    {"url", item.item.feed_url},
                    {"error", error}});
      m_items.emplace(revision, std::move(item));
      continue;
    }
    requests.push_back(
        {item.item.link, item.item.etag, item.item.last_modified, m_config.page_max_bytes});
    order.push_back(revision);
    m_items.emplace(revision, std::move(item));
  }
  m_fetcher.fetch_each(requests, [&](std::size_t i, feeds::FetchResult&& result) {
    handle(m_items.at(order[i]), std::move(result), report);
  });
}

void FactcheckReader::handle(Item& item, feeds::FetchResult&& result, CycleReport& report) {
  const auto& fc = item.item;
  if (!result && result.error().kind == feeds::FetchError::Kind::cancelled) {
    return;  // stays waiting, and queued
  }
  ++report.factcheck_pages;
  if (!result) {
    item.state = Item::State::failed;
    item.page.http_status = result.error().http_status;
    item.page.url = fc.link;
    item.error = result.error().message;  // "URL: HTTP 404 Not Found"; the feed goes in front
    return;
  }
  item.page.story_id = fc.story_id;
  item.page.revision_id = fc.revision_id;
  item.page.url = fc.link;
  if (auto* nm = std::get_if<feeds::NotModified>(&*result)) {
    item.state = Item::State::unchanged;
    item.page.http_status = nm->http_status;
    item.page.etag = nm->etag.empty() ? fc.etag : nm->etag;
    item.page.last_modified = nm->last_modified.empty() ? fc.last_modified : nm->last_modified;
    item.page.body_hash = fc.body_hash;
    item.page.judged = false;
    return;
  }
  auto& fetched = std::get<feeds::Fetched>(*result);
  item.page.http_status = fetched.http_status;
  item.page.etag = fetched.etag;
  item.page.last_modified = fetched.last_modified;
  item.page.body_hash = stable_hash_hex(fetched.body);
  if (!fc.body_hash.empty() && item.page.body_hash == fc.body_hash) {
    item.state = Item::State::unchanged;
    item.page.judged = false;
    return;
  }
  auto page = feeds::extract_claim_reviews(
      fetched.body, fetched.effective_url.empty() ? fc.link : fetched.effective_url);
  for (const auto& problem : page.problems) {
    log::warning("feeds", "fact-check page: markup skipped",
                 {{"feed", std::to_string(fc.feed_id)},
                  {"url", fc.feed_url},
                  {"page", fc.link},
                  {"problem", problem}});
  }
  item.state = Item::State::fetched;
  item.reviews = std::move(page.reviews);
  item.page.reviews = static_cast<int>(item.reviews.size());
  item.page.reviews_json = feeds::reviews_to_json(item.reviews);
  item.page.judged = true;
}

std::optional<EvaluationOutcome> FactcheckReader::evaluate(
    rules::Matcher& matcher, const storage::PendingEvaluation& pending, CycleReport& report) {
  Item& item = m_items.at(pending.revision_id);
  const auto& fc = item.item;
  const TimePoint now = m_clock.now();
  const std::string feed = std::to_string(fc.feed_id);
  std::vector<Match> matches;
  switch (item.state) {
    case Item::State::waiting:
      return std::nullopt;
    case Item::State::failed: {
      if (item.page.url.empty()) {
        break;  // no link: reported in fetch_pages, nothing to retry
      }
      const std::string& error = item.error;
      const int failures = fc.error_count + 1;
      std::optional<TimePoint> retry;
      if (failures < m_config.max_attempts) {
        retry = now + page_backoff(failures);
      }
      ++report.factcheck_failed;
      report.errors.push_back(fc.feed_url + ": fact-check page " + error);
      log::warning("feeds",
                   retry ? "fact-check page failed; will retry"
                         : "fact-check page failed; given up until the item changes",
                   {{"feed", feed},
                    {"url", fc.feed_url},
                    {"page", fc.link},
                    {"error", error},
                    {"attempt", std::to_string(failures)}});
      m_pages->record_failure(fc.story_id, fc.link, item.page.http_status, error, retry);
      break;
    }
    case Item::State::unchanged:
      break;  // the page was judged when it last changed
    case Item::State::fetched: {
      auto judged = judge_reviews(
          matcher, m_mapping, item.reviews,
          [&](std::string_view url) { return m_pages->claims_of_link(url); }, url_site(fc.link));
      report.factcheck_reviews += static_cast<int>(item.reviews.size());
      if (item.reviews.empty()) {
        log::warning("feeds", "fact-check page without ClaimReview",
                     {{"feed", feed}, {"url", fc.feed_url}, {"page", fc.link}});
      }
      for (const auto& why : judged.skipped) {
        log::info("rules", "fact-check review not used",
                  {{"feed", feed}, {"page", fc.link}, {"reason", why}});
      }
      matches = std::move(judged.matches);
      break;
    }
  }
  EvaluationOptions options;
  options.given_matches = &matches;
  auto outcome = evaluate_story(
      m_store, matcher,
      {pending.story_id, pending.revision_id, pending.feed_url, pending.at, &pending.story},
      options, now);
  if (item.state == Item::State::fetched || item.state == Item::State::unchanged) {
    // After the evaluation: a crash in between fetches and judges the page again, and the
    // matches' uniqueness per (revision, claim) makes that harmless.
    m_pages->record_fetched(item.page, now);
  }
  return outcome;
}

}  // namespace hw::app
