#include "app/stored_factchecks.h"

#include "app/factcheck_judgment.h"
#include "feeds/claim_review_json.h"
#include "util/log.h"
#include "util/url_host.h"

namespace hw::app {

StoredFactchecks::StoredFactchecks(storage::Store& store, const FactcheckConfig& config)
    : m_mapping(rules::verdict_mapping(config.verdicts)) {
  for (const auto& f : store.feeds().list_feeds()) {
    if (f.kind == "factcheck") {
      m_feeds.insert(f.url);
    }
  }
  if (!m_feeds.empty()) {
    m_pages.emplace(store.database());
  }
}

bool StoredFactchecks::is_factcheck(const storage::StoredStory& story) const {
  return m_feeds.contains(story.feed_url);
}

std::optional<std::vector<Match>> StoredFactchecks::judge(const rules::Matcher& matcher,
                                                          const storage::StoredStory& story) {
  if (!m_pages) {
    return std::nullopt;
  }
  const auto stored = m_pages->stored_reviews(story.story_id);
  if (!stored) {
    return std::nullopt;  // not fetched yet: the poll cycle judges it when it is
  }
  if (!stored->reviews_json) {
    ++m_unkept;
    return std::nullopt;
  }
  auto reviews = feeds::reviews_from_json(*stored->reviews_json);
  if (!reviews) {
    // Our own storage, not user input: say which page, and go on with the other stories.
    log::warning("rules", "fact-check page's stored reviews unreadable; not judged again",
                 {{"page", stored->url}, {"error", reviews.error().message}});
    ++m_unkept;
    return std::nullopt;
  }
  auto judged = judge_reviews(
      matcher, m_mapping, *reviews,
      [&](std::string_view url) { return m_pages->claims_of_link(url); }, url_site(stored->url));
  return std::move(judged.matches);
}

}  // namespace hw::app
