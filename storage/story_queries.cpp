#include "storage/story_queries.h"

#include <system_error>

namespace hw::storage {

StoryQueries::StoryQueries(Database& db) : m_db(db) {}

std::vector<StoryRow> StoryQueries::stories(const std::string& claim_id,
                                            std::optional<TimePoint> since, int limit) const {
  std::vector<StoryRow> out;
  {
    auto st = m_db.cached(
        "SELECT s.id, f.url, r.title, s.link, s.published_at, s.first_seen_at, "
        "(SELECT count(*) FROM story_revisions x WHERE x.story_id = s.id) "
        "FROM stories s JOIN feeds f ON f.id = s.feed_id "
        "JOIN story_revisions r ON r.id = s.current_revision_id "
        "WHERE (?1 = '' OR EXISTS (SELECT 1 FROM matches m WHERE m.story_id = s.id AND "
        "m.claim_id = ?1)) AND (?2 IS NULL OR coalesce(s.published_at, s.first_seen_at) >= ?2) "
        "ORDER BY coalesce(s.published_at, s.first_seen_at) DESC, s.id DESC LIMIT ?3");
    st->bind(1, claim_id).bind(2, since).bind(3, limit);
    while (st->step()) {
      StoryRow row;
      row.id = st->column_int64(0);
      row.feed_url = st->column_text(1);
      row.title = st->column_text(2);
      row.link = st->column_text(3);
      row.published = st->optional_time(4);
      row.first_seen = st->column_time(5);
      row.revisions = st->column_int(6);
      out.push_back(std::move(row));
    }
  }
  for (auto& row : out) {
    auto st = m_db.cached(
        "SELECT m.claim_id, m.stance FROM matches m JOIN stories s ON s.id = m.story_id "
        "WHERE m.story_id = ?1 AND m.revision_id = s.current_revision_id ORDER BY m.claim_id");
    st->bind(1, row.id);
    while (st->step()) {
      row.claims.push_back(st->column_text(0) + ":" + st->column_text(1));
    }
  }
  return out;
}

Stats StoryQueries::stats() const {
  Stats s;
  auto count = [&](const char* sql) {
    auto st = m_db.cached(sql);
    st->step();
    return st->column_int64(0);
  };
  s.feeds = count("SELECT count(*) FROM feeds");
  s.feeds_failing = count("SELECT count(*) FROM feeds WHERE enabled AND error_count > 0");
  s.feeds_disabled = count("SELECT count(*) FROM feeds WHERE NOT enabled");
  s.stories = count("SELECT count(*) FROM stories");
  s.revisions = count("SELECT count(*) FROM story_revisions");
  s.matches = count("SELECT count(*) FROM matches");
  s.claims = count("SELECT count(*) FROM claims");
  s.history = count("SELECT count(*) FROM claim_status_history");
  s.alerts = count("SELECT count(*) FROM alerts");
  s.alerts_undelivered = count("SELECT count(*) FROM alerts WHERE delivered_at IS NULL");
  s.digests_sent = count("SELECT count(*) FROM digests WHERE sent_at IS NOT NULL");
  {
    auto st = m_db.cached("SELECT max(coalesce(published_at, first_seen_at)) FROM stories");
    st->step();
    s.newest_story = st->optional_time(0);
  }
  {
    auto st = m_db.cached("SELECT max(last_polled_at) FROM feeds");
    st->step();
    s.last_poll = st->optional_time(0);
  }
  s.schema_version = static_cast<int>(m_db.pragma_int("user_version"));
  std::error_code ec;
  const auto size = std::filesystem::file_size(m_db.path(), ec);
  s.database_bytes = ec ? 0 : static_cast<std::int64_t>(size);
  return s;
}

std::optional<StoryDetail> StoryQueries::story(std::int64_t id) const {
  StoryDetail d;
  {
    auto st = m_db.cached(
        "SELECT s.id, f.url, CASE WHEN f.name <> '' THEN f.name ELSE f.title END, s.guid, s.link, "
        "s.published_at, s.updated_at, s.first_seen_at "
        "FROM stories s JOIN feeds f ON f.id = s.feed_id WHERE s.id = ?1");
    st->bind(1, id);
    if (!st->step()) {
      return std::nullopt;
    }
    d.id = st->column_int64(0);
    d.feed_url = st->column_text(1);
    d.feed_name = st->column_text(2);
    d.guid = st->column_text(3);
    d.link = st->column_text(4);
    d.published = st->optional_time(5);
    d.updated = st->optional_time(6);
    d.first_seen = st->column_time(7);
  }
  auto st = m_db.cached(
      "SELECT r.id, r.revision, r.fetched_at, r.title, CAST(sqlar_uncompress(r.summary_z, r.summary_size) AS TEXT), "
      "CAST(sqlar_uncompress(r.content_z, r.content_size) AS TEXT) FROM story_revisions r "
      "WHERE r.story_id = ?1 ORDER BY r.revision");
  st->bind(1, id);
  while (st->step()) {
    d.revisions.push_back({st->column_int64(0), st->column_int(1), st->column_time(2),
                           st->column_text(3), st->column_text(4), st->column_text(5)});
  }
  return d;
}

}  // namespace hw::storage
