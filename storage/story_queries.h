#pragma once
// Read-only queries for people at the shell: story listings and database statistics.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.h"
#include "util/time.h"

namespace hw::storage {

struct StoryRow {
  std::int64_t id = 0;
  std::string feed_url;
  std::string title;
  std::string link;
  std::optional<TimePoint> published;
  TimePoint first_seen{};
  int revisions = 1;
  std::vector<std::string> claims;  // "claim-id:stance" for the current revision's matches
};

struct Stats {
  std::int64_t feeds = 0, feeds_failing = 0, feeds_disabled = 0;
  std::int64_t stories = 0, revisions = 0, matches = 0;
  std::int64_t claims = 0, history = 0;
  std::int64_t alerts = 0, alerts_undelivered = 0, digests_sent = 0;
  std::optional<TimePoint> newest_story, last_poll;
  std::int64_t database_bytes = 0;
  int schema_version = 0;
};

// One story for `hypewatch show`: where it came from, its dates and every revision, oldest first.
struct StoryRevisionRow {
  std::int64_t id = 0;
  int revision = 1;
  TimePoint fetched_at{};
  std::string title, summary, content;
};
struct StoryDetail {
  std::int64_t id = 0;
  std::string feed_url, feed_name;  // feed_name: the configured name, else the feed's title
  std::string guid, link;
  std::optional<TimePoint> published, updated;
  TimePoint first_seen{};
  std::vector<StoryRevisionRow> revisions;  // the last is the current one
};

class StoryQueries {
 public:
  // Over the store's connection (Store::database()), which shell queries open read-only.
  explicit StoryQueries(Database& db);

  // Newest first (published, else first seen). `claim_id` empty = all stories.
  std::vector<StoryRow> stories(const std::string& claim_id, std::optional<TimePoint> since,
                                int limit) const;
  Stats stats() const;
  // The story with this id, or nothing when there is none.
  std::optional<StoryDetail> story(std::int64_t id) const;

 private:
  Database& m_db;
};

}  // namespace hw::storage
