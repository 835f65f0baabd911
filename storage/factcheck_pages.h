#pragma once
// The state of fact-checkers' article pages (docs/factchecks.md, "Fact-check feeds"; table
// `factcheck_pages` in docs/schema.md): which fact-check items wait for their page, the page's
// validators (conditional GET), and failed fetches waiting for a retry. Its own connection to a
// database that Store::open has already migrated, like WebhookOutbox.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.h"
#include "util/time.h"

namespace hw::storage {

// A fact-check feed's story revision in the evaluation queue, and what is known of its page.
struct FactcheckItem {
  std::int64_t feed_id = 0;
  std::string feed_url;
  std::int64_t story_id = 0;
  std::int64_t revision_id = 0;
  std::string link;  // the article page
  // Validators of the last successful fetch of that same URL ("" when none or the link moved).
  std::string etag;
  std::string last_modified;
  std::string body_hash;
  int error_count = 0;  // consecutive failed fetches of the page
};

// One row of factcheck_pages.
struct FactcheckPage {
  std::int64_t story_id = 0;
  std::string url;
  std::optional<std::int64_t> revision_id;  // the revision last judged from a fetched page
  int reviews = 0;                          // ClaimReviews found on it then
  int last_http_status = 0;
  std::string last_error;
  int error_count = 0;
  std::optional<TimePoint> retry_at;
};

// A successful fetch: the page as judged (or a 304 / the same bytes: nothing judged again).
struct PageFetched {
  std::int64_t story_id = 0;
  std::int64_t revision_id = 0;
  std::string url;
  int http_status = 0;
  std::string etag;
  std::string last_modified;
  std::string body_hash;
  int reviews = 0;
  std::string reviews_json;  // the page's ClaimReviews (feeds/claim_review_json.h) when judged
  bool judged = true;  // false for a 304 or an unchanged body: validators only
};

// What a rescan needs of a judged page: its reviews, as stored.
struct StoredReviews {
  std::string url;
  std::optional<std::string> reviews_json;  // nullopt: judged before schema v10 kept them
};

class FactcheckPages {
 public:
  // Works over the store's connection (Store::database()), like DigestOutbox.
  explicit FactcheckPages(Database& db);

  // Puts the current revision of every story whose page retry is due back on the evaluation
  // queue (and clears the retry time); returns how many.
  int requeue_due(TimePoint now);
  // Revisions of fact-check feeds' stories waiting in the evaluation queue, oldest first.
  std::vector<FactcheckItem> pending() const;
  void record_fetched(const PageFetched& page, TimePoint now);
  // A failed fetch: counted, the reason kept; retried at `retry_at` (nullopt: given up until
  // the item changes in its feed).
  void record_failure(std::int64_t story_id, std::string_view url, int http_status,
                      std::string_view error, std::optional<TimePoint> retry_at);
  // The page at `url` (the newest story's, should two items link it).
  std::optional<FactcheckPage> page(std::string_view url) const;
  // The reviews of the page last judged for this story; nullopt when it was never judged.
  std::optional<StoredReviews> stored_reviews(std::int64_t story_id) const;
  // Claims matched by stored stories whose link is `url` (a review's appearance), sorted.
  std::vector<std::string> claims_of_link(std::string_view url) const;

 private:
  Database& m_db;
};

}  // namespace hw::storage
