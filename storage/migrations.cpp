#include "storage/migrations.h"

#include <sqlite3.h>

#include <array>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/transaction.h"

namespace hw::storage {
namespace {

// Schema version 1. Every table and column is documented in docs/schema.md; keep them in step.
// Times are TEXT 'YYYY-MM-DDTHH:MM:SSZ' (UTC, fixed width): readable in the sqlite3 shell and
// correctly ordered by plain string comparison, which the range queries rely on.
constexpr std::string_view kSchemaV1 = R"sql(
CREATE TABLE feeds (
  id               INTEGER PRIMARY KEY,
  url              TEXT    NOT NULL UNIQUE CHECK (url <> ''),
  title            TEXT    NOT NULL DEFAULT '',
  etag             TEXT    NOT NULL DEFAULT '',
  last_modified    TEXT    NOT NULL DEFAULT '',
  body_hash        TEXT    NOT NULL DEFAULT '',
  last_polled_at   TEXT,
  last_success_at  TEXT,
  last_http_status INTEGER NOT NULL DEFAULT 0,
  last_error       TEXT    NOT NULL DEFAULT '',
  error_count      INTEGER NOT NULL DEFAULT 0,
  next_poll_at     TEXT,
  enabled          INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  disabled_reason  TEXT    NOT NULL DEFAULT '',
  created_at       TEXT    NOT NULL
);
CREATE INDEX feeds_due ON feeds (next_poll_at) WHERE enabled = 1;

CREATE TABLE stories (
  id                  INTEGER PRIMARY KEY,
  feed_id             INTEGER NOT NULL REFERENCES feeds (id),
  story_key           TEXT    NOT NULL,
  guid                TEXT    NOT NULL DEFAULT '',
  link                TEXT    NOT NULL DEFAULT '',
  published_at        TEXT,
  updated_at          TEXT,
  first_seen_at       TEXT    NOT NULL,
  current_revision_id INTEGER REFERENCES story_revisions (id),
  UNIQUE (feed_id, story_key)
);
CREATE INDEX stories_current_revision ON stories (current_revision_id);
CREATE INDEX stories_published ON stories (published_at);

CREATE TABLE story_revisions (
  id           INTEGER PRIMARY KEY,
  story_id     INTEGER NOT NULL REFERENCES stories (id),
  revision     INTEGER NOT NULL CHECK (revision >= 1),
  title        TEXT    NOT NULL DEFAULT '',
  summary      TEXT    NOT NULL DEFAULT '',
  content      TEXT    NOT NULL DEFAULT '',
  content_hash TEXT    NOT NULL,
  fetched_at   TEXT    NOT NULL,
  UNIQUE (story_id, revision)
);
-- History entries and matches cite revisions as evidence; editing one would rewrite evidence.
CREATE TRIGGER story_revisions_no_update BEFORE UPDATE ON story_revisions
BEGIN
  SELECT RAISE(ABORT, 'story_revisions rows are immutable: add a revision instead');
END;

-- Full-text index over the current revision of every story. External content (no second
-- copy of the text): FTS rowid = story_revisions.id of a current revision.
CREATE VIEW v_current_revisions AS
  SELECT r.id AS id, r.story_id AS story_id, r.title AS title, r.summary AS summary,
         r.content AS content
  FROM stories s JOIN story_revisions r ON r.id = s.current_revision_id;
CREATE VIRTUAL TABLE stories_fts USING fts5 (
  title, summary, content,
  content = 'v_current_revisions', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER stories_fts_sync AFTER UPDATE OF current_revision_id ON stories
WHEN OLD.current_revision_id IS NOT NEW.current_revision_id
BEGIN
  INSERT INTO stories_fts (stories_fts, rowid, title, summary, content)
    SELECT 'delete', id, title, summary, content FROM story_revisions
    WHERE id = OLD.current_revision_id;
  INSERT INTO stories_fts (rowid, title, summary, content)
    SELECT id, title, summary, content FROM story_revisions
    WHERE id = NEW.current_revision_id;
END;

-- Revisions the matcher and status engine have not processed yet: a queue, kept small, so a
-- poll cycle never scans all revisions. Filled with each new revision (same transaction as the
-- revision), emptied by record_evaluation (same transaction as its results): after a crash a
-- revision is either evaluated or still queued, never lost.
CREATE TABLE pending_evaluations (
  revision_id INTEGER PRIMARY KEY REFERENCES story_revisions (id),
  queued_at   TEXT    NOT NULL
);

CREATE TABLE claims (
  id           TEXT NOT NULL PRIMARY KEY CHECK (id <> ''),
  statement    TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('tracked', 'reported', 'disputed', 'clarified',
                                               'confirmed', 'retracted')),
  status_since TEXT NOT NULL,
  created_at   TEXT NOT NULL
);

CREATE TABLE claim_status_history (
  id            INTEGER PRIMARY KEY,
  claim_id      TEXT    NOT NULL REFERENCES claims (id),
  seq           INTEGER NOT NULL CHECK (seq >= 1),
  from_status   TEXT CHECK (from_status IN ('tracked', 'reported', 'disputed', 'clarified',
                                            'confirmed', 'retracted')),
  to_status     TEXT    NOT NULL CHECK (to_status IN ('tracked', 'reported', 'disputed',
                                                      'clarified', 'confirmed', 'retracted')),
  at            TEXT    NOT NULL,
  recorded_at   TEXT    NOT NULL,
  actor         TEXT    NOT NULL,
  rule          TEXT    NOT NULL DEFAULT '',
  evidence_text TEXT    NOT NULL DEFAULT '',
  reason        TEXT    NOT NULL DEFAULT '',
  story_id      INTEGER REFERENCES stories (id),
  revision_id   INTEGER REFERENCES story_revisions (id),
  UNIQUE (claim_id, seq)
);
CREATE INDEX claim_status_history_at ON claim_status_history (at);
-- Append-only, enforced by the database itself so a sqlite3 user cannot rewrite history either.
CREATE TRIGGER claim_status_history_no_update BEFORE UPDATE ON claim_status_history
BEGIN
  SELECT RAISE(ABORT, 'claim_status_history is append-only: UPDATE refused');
END;
CREATE TRIGGER claim_status_history_no_delete BEFORE DELETE ON claim_status_history
BEGIN
  SELECT RAISE(ABORT, 'claim_status_history is append-only: DELETE refused');
END;

CREATE TABLE matches (
  id          INTEGER PRIMARY KEY,
  story_id    INTEGER NOT NULL REFERENCES stories (id),
  revision_id INTEGER NOT NULL REFERENCES story_revisions (id),
  claim_id    TEXT    NOT NULL REFERENCES claims (id),
  stance      TEXT    NOT NULL CHECK (stance IN ('supports', 'refutes', 'clarifies', 'confirms',
                                                 'mentions')),
  retraction  INTEGER NOT NULL DEFAULT 0 CHECK (retraction IN (0, 1)),
  score       REAL    NOT NULL,
  evidence    TEXT    NOT NULL DEFAULT '',
  rule        TEXT    NOT NULL DEFAULT '',
  matched_at  TEXT    NOT NULL,
  UNIQUE (revision_id, claim_id)
);
CREATE INDEX matches_claim ON matches (claim_id, matched_at);
CREATE INDEX matches_story ON matches (story_id);

CREATE TABLE alerts (
  id                  INTEGER PRIMARY KEY,
  kind                TEXT    NOT NULL,
  claim_id            TEXT    REFERENCES claims (id),
  from_status         TEXT,
  to_status           TEXT,
  story_id            INTEGER REFERENCES stories (id),
  message             TEXT    NOT NULL,
  repeat_count        INTEGER NOT NULL DEFAULT 0,
  created_at          TEXT    NOT NULL,
  delivered_at        TEXT,
  delivery_attempts   INTEGER NOT NULL DEFAULT 0,
  last_delivery_error TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX alerts_undelivered ON alerts (id) WHERE delivered_at IS NULL;
CREATE INDEX alerts_claim_kind ON alerts (claim_id, kind, created_at);

-- Views for people with the sqlite3 shell (docs/schema.md) and for Store's read queries.
CREATE VIEW v_feeds AS
  SELECT f.id, f.url, f.title, f.enabled, f.disabled_reason, f.last_polled_at,
         f.last_success_at, f.last_http_status, f.error_count, f.last_error, f.next_poll_at,
         (SELECT count(*) FROM stories s WHERE s.feed_id = f.id) AS stories
  FROM feeds f;

CREATE VIEW v_stories AS
  SELECT s.id, s.feed_id, f.url AS feed_url, s.story_key, s.guid, s.link, s.published_at,
         s.updated_at, s.first_seen_at, r.revision, r.title, r.summary, r.content,
         r.fetched_at AS revised_at
  FROM stories s
  JOIN feeds f ON f.id = s.feed_id
  LEFT JOIN story_revisions r ON r.id = s.current_revision_id;

CREATE VIEW v_claims AS
  SELECT c.id, c.statement, c.status, c.status_since, c.created_at,
         (SELECT count(*) FROM matches m WHERE m.claim_id = c.id) AS matches,
         (SELECT max(m.matched_at) FROM matches m WHERE m.claim_id = c.id) AS last_matched_at,
         (SELECT count(*) FROM claim_status_history h WHERE h.claim_id = c.id) AS changes
  FROM claims c;

CREATE VIEW v_history AS
  SELECT h.claim_id, h.seq, h.from_status, h.to_status, h.at, h.recorded_at, h.actor, h.rule,
         h.evidence_text, h.reason, h.story_id, h.revision_id,
         coalesce(r.title, cr.title) AS story_title, s.link AS story_link, f.url AS feed_url
  FROM claim_status_history h
  LEFT JOIN stories s ON s.id = h.story_id
  LEFT JOIN story_revisions r ON r.id = h.revision_id
  LEFT JOIN story_revisions cr ON cr.id = s.current_revision_id
  LEFT JOIN feeds f ON f.id = s.feed_id;

CREATE VIEW v_matches AS
  SELECT m.id, m.claim_id, m.story_id, m.revision_id, r.revision, m.stance, m.retraction,
         m.score, m.evidence, m.rule, m.matched_at, r.title AS story_title,
         s.link AS story_link, s.published_at, f.url AS feed_url
  FROM matches m
  JOIN stories s ON s.id = m.story_id
  JOIN story_revisions r ON r.id = m.revision_id
  JOIN feeds f ON f.id = s.feed_id;

CREATE VIEW v_alerts AS
  SELECT a.id, a.kind, a.claim_id, a.from_status, a.to_status, a.story_id,
         r.title AS story_title, s.link AS story_link, a.message, a.repeat_count, a.created_at,
         a.delivered_at, a.delivery_attempts, a.last_delivery_error
  FROM alerts a
  LEFT JOIN stories s ON s.id = a.story_id
  LEFT JOIN story_revisions r ON r.id = s.current_revision_id;
)sql";

// Schema version 2: the digest outbox. Alerts are frozen into a digest before it is sent, so
// a retry after a failed (or unconfirmed) send carries exactly the same alerts and Message-ID.
constexpr std::string_view kSchemaV2 = R"sql(
CREATE TABLE digests (
  id              INTEGER PRIMARY KEY,
  message_id      TEXT    NOT NULL UNIQUE,
  created_at      TEXT    NOT NULL,
  sent_at         TEXT,
  attempts        INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT    NOT NULL DEFAULT '',
  next_attempt_at TEXT
);
ALTER TABLE alerts ADD COLUMN digest_id INTEGER REFERENCES digests (id);
CREATE INDEX alerts_digest ON alerts (digest_id);
)sql";

// Schema version 3: feed management (feeds added from the CLI or OPML live in the database
// beside the configured ones) and the scheduler's state. `url` is what is fetched and follows
// permanent redirects; `added_url` stays what the user listed, so a config feed whose server
// moved it is still recognised as the same feed.
constexpr std::string_view kSchemaV3 = R"sql(
ALTER TABLE feeds ADD COLUMN name TEXT NOT NULL DEFAULT '';
ALTER TABLE feeds ADD COLUMN source TEXT NOT NULL DEFAULT 'config'
  CHECK (source IN ('config', 'cli', 'opml'));
ALTER TABLE feeds ADD COLUMN added_url TEXT NOT NULL DEFAULT '';
ALTER TABLE feeds ADD COLUMN interval_s INTEGER CHECK (interval_s IS NULL OR interval_s > 0);
ALTER TABLE feeds ADD COLUMN server_interval_s INTEGER;
ALTER TABLE feeds ADD COLUMN retry_after_until TEXT;
ALTER TABLE feeds ADD COLUMN last_error_at TEXT;
UPDATE feeds SET added_url = url;
CREATE INDEX feeds_added_url ON feeds (added_url);
DROP VIEW v_feeds;
CREATE VIEW v_feeds AS
  SELECT f.id, f.url, f.added_url, f.name, f.source, f.title, f.enabled, f.disabled_reason,
         f.last_polled_at, f.last_success_at, f.last_http_status, f.error_count, f.last_error,
         f.last_error_at, f.next_poll_at, f.interval_s, f.server_interval_s,
         f.retry_after_until,
         (SELECT count(*) FROM stories s WHERE s.feed_id = f.id) AS stories
  FROM feeds f;
)sql";

// Schema version 4: evidence time everywhere, and claims that change over stored stories.
// - matches.site / evidence_at: the story's site (hw::url_site, written by the poll cycle) and
//   evidence time (published, else first seen) at match time, so the status engine's per-match
//   snapshot is a few aggregates over an index instead of a scan of every mention.
// - matches.claim_hash: the claim definition the match was made under (a rescan skips pairs
//   already matched under the same definition).
// - alerts.at: the evidence time of the story that raised the alert; alerts.backfill: raised
//   while rescanning stored stories for a new or changed claim (not news, not in the digest).
// - claims.definition_hash / scanned_hash / retired_at: what the claims file says now, the
//   definition the stored stories were last evaluated under, and when the claim left the file.
// Existing rows get their site from an SQL rendering of the same rule (host, lower case,
// without "www." and port) and their evidence time from the story.
constexpr std::string_view kSchemaV4 = R"sql(
ALTER TABLE matches ADD COLUMN site TEXT NOT NULL DEFAULT '';
ALTER TABLE matches ADD COLUMN evidence_at TEXT;
ALTER TABLE matches ADD COLUMN claim_hash TEXT NOT NULL DEFAULT '';
UPDATE matches SET evidence_at = (SELECT coalesce(s.published_at, s.first_seen_at)
                                  FROM stories s WHERE s.id = matches.story_id);
UPDATE matches SET site = (
  WITH u(url) AS (SELECT coalesce(nullif(s.link, ''), f.url) FROM stories s
                  JOIN feeds f ON f.id = s.feed_id WHERE s.id = matches.story_id),
       r(rest) AS (SELECT CASE WHEN instr(url, '://') = 0 THEN ''
                               ELSE substr(url, instr(url, '://') + 3) END FROM u),
       p(h) AS (SELECT CASE WHEN instr(rest, '/') = 0 THEN rest
                            ELSE substr(rest, 1, instr(rest, '/') - 1) END FROM r),
       q(h) AS (SELECT CASE WHEN instr(h, '?') = 0 THEN h
                            ELSE substr(h, 1, instr(h, '?') - 1) END FROM p),
       n(h) AS (SELECT CASE WHEN instr(h, '#') = 0 THEN h
                            ELSE substr(h, 1, instr(h, '#') - 1) END FROM q),
       a(h) AS (SELECT CASE WHEN instr(h, '@') = 0 THEN h
                            ELSE substr(h, instr(h, '@') + 1) END FROM n),
       o(h) AS (SELECT lower(CASE WHEN h LIKE '[%' OR instr(h, ':') = 0 THEN h
                                  ELSE substr(h, 1, instr(h, ':') - 1) END) FROM a)
  SELECT CASE WHEN h LIKE 'www.%' THEN substr(h, 5) ELSE h END FROM o);
CREATE INDEX matches_claim_site ON matches (claim_id, site, stance, retraction, score);
CREATE INDEX matches_claim_evidence ON matches (claim_id, evidence_at);

ALTER TABLE alerts ADD COLUMN at TEXT;
ALTER TABLE alerts ADD COLUMN backfill INTEGER NOT NULL DEFAULT 0 CHECK (backfill IN (0, 1));
UPDATE alerts SET at = coalesce((SELECT coalesce(s.published_at, s.first_seen_at) FROM stories s
                                 WHERE s.id = alerts.story_id), created_at);
CREATE INDEX alerts_claim_kind_at ON alerts (claim_id, kind, at);

ALTER TABLE claims ADD COLUMN definition_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE claims ADD COLUMN scanned_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE claims ADD COLUMN retired_at TEXT;

DROP VIEW v_claims;
CREATE VIEW v_claims AS
  SELECT c.id, c.statement, c.status, c.status_since, c.created_at,
         (SELECT count(*) FROM matches m WHERE m.claim_id = c.id) AS matches,
         (SELECT max(m.matched_at) FROM matches m WHERE m.claim_id = c.id) AS last_matched_at,
         (SELECT count(*) FROM claim_status_history h WHERE h.claim_id = c.id) AS changes,
         c.retired_at, c.definition_hash
  FROM claims c;
DROP VIEW v_matches;
CREATE VIEW v_matches AS
  SELECT m.id, m.claim_id, m.story_id, m.revision_id, r.revision, m.stance, m.retraction,
         m.score, m.evidence, m.rule, m.matched_at, r.title AS story_title,
         s.link AS story_link, s.published_at, f.url AS feed_url, m.site, m.evidence_at,
         m.claim_hash
  FROM matches m
  JOIN stories s ON s.id = m.story_id
  JOIN story_revisions r ON r.id = m.revision_id
  JOIN feeds f ON f.id = s.feed_id;
DROP VIEW v_alerts;
CREATE VIEW v_alerts AS
  SELECT a.id, a.kind, a.claim_id, a.from_status, a.to_status, a.story_id,
         r.title AS story_title, s.link AS story_link, a.message, a.repeat_count, a.created_at,
         a.delivered_at, a.delivery_attempts, a.last_delivery_error, a.digest_id,
         coalesce(a.at, a.created_at) AS at, a.backfill
  FROM alerts a
  LEFT JOIN stories s ON s.id = a.story_id
  LEFT JOIN story_revisions r ON r.id = s.current_revision_id;
)sql";

// Schema version 5: the webhook outbox. One row per (alert, endpoint), created before the first
// POST, so each alert reaches each endpoint once however often the daemon restarts; an endpoint's
// watermark says which alerts it has already been offered (only those raised after it was
// configured are).
constexpr std::string_view kSchemaV5 = R"sql(
CREATE TABLE webhook_endpoints (
  url             TEXT    PRIMARY KEY CHECK (url <> ''),
  offered_through INTEGER NOT NULL,
  created_at      TEXT    NOT NULL
);
CREATE TABLE webhook_deliveries (
  alert_id        INTEGER NOT NULL REFERENCES alerts (id),
  endpoint        TEXT    NOT NULL REFERENCES webhook_endpoints (url),
  created_at      TEXT    NOT NULL,
  delivered_at    TEXT,
  attempts        INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT    NOT NULL DEFAULT '',
  next_attempt_at TEXT,
  PRIMARY KEY (alert_id, endpoint)
);
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (endpoint, alert_id)
  WHERE delivered_at IS NULL;
)sql";

// Schema version 6: fact-check feeds (docs/factchecks.md). A feed's kind says whether its items
// are news (judged from their text) or a fact-checker's articles (judged from the ClaimReview on
// the linked page); one row per fact-check page keeps its validators and the state of its last
// fetch, so a page is judged again only when it changed and a failed fetch is retried with backoff.
constexpr std::string_view kSchemaV6 = R"sql(
ALTER TABLE feeds ADD COLUMN kind TEXT NOT NULL DEFAULT 'news' CHECK (kind IN ('news', 'factcheck'));
CREATE TABLE factcheck_pages (
  story_id         INTEGER PRIMARY KEY REFERENCES stories (id),
  url              TEXT    NOT NULL DEFAULT '',
  etag             TEXT    NOT NULL DEFAULT '',
  last_modified    TEXT    NOT NULL DEFAULT '',
  body_hash        TEXT    NOT NULL DEFAULT '',
  revision_id      INTEGER REFERENCES story_revisions (id),
  reviews          INTEGER NOT NULL DEFAULT 0,
  fetched_at       TEXT,
  last_http_status INTEGER NOT NULL DEFAULT 0,
  last_error       TEXT    NOT NULL DEFAULT '',
  error_count      INTEGER NOT NULL DEFAULT 0,
  retry_at         TEXT
);
CREATE INDEX factcheck_pages_retry ON factcheck_pages (retry_at) WHERE retry_at IS NOT NULL;
CREATE INDEX stories_link ON stories (link);
)sql";

// Schema version 7: when a feed's current failure streak began and whether it has been reported
// (app/feed_health.h: a feed failing for a day raises one feed_failing alert). A success clears
// both. Feeds already failing start their streak at their last error.
constexpr std::string_view kSchemaV7 = R"sql(
ALTER TABLE feeds ADD COLUMN failing_since TEXT;
ALTER TABLE feeds ADD COLUMN failing_alerted_at TEXT;
UPDATE feeds SET failing_since = last_error_at WHERE error_count > 0;
)sql";

// Schema version 8, two changes for a poll at scale.
// - The full-text index is written per group of stories (storage/fts_queue.h): the trigger,
//   same name, now queues a story whose current revision moved (one row per story: the
//   revision indexed before, the one to index), and the writer indexes the queue before the
//   savepoint that moved them ends. FTS5 made a segment at the end of every statement that
//   wrote it, so indexing from the trigger wrote one segment per story and merged them again
//   and again.
// - The status engine's per-match snapshot (Store::claim_snapshot) reads a
// claim's evidence without visiting its rows. The site aggregate seeks each (site, stance,
// retraction) group and its best score from another story in the index alone, so its cost grows
// with the claim's sites, not its matches; the window counts read story and site from the index
// instead of one table row per match. Each replaces an index it extends (same leading columns).
constexpr std::string_view kSchemaV8 = R"sql(
DROP INDEX matches_claim_site;
CREATE INDEX matches_claim_site_best ON matches (claim_id, site, stance, retraction, score,
                                                 story_id);
DROP INDEX matches_claim_evidence;
CREATE INDEX matches_claim_evidence_sites ON matches (claim_id, evidence_at, story_id, site);

CREATE TABLE stories_fts_pending (
  story_id        INTEGER PRIMARY KEY REFERENCES stories (id),
  old_revision_id INTEGER,  -- in stories_fts now (NULL: the story is new)
  new_revision_id INTEGER   -- to be indexed instead
);
DROP TRIGGER stories_fts_sync;
CREATE TRIGGER stories_fts_sync AFTER UPDATE OF current_revision_id ON stories
WHEN OLD.current_revision_id IS NOT NEW.current_revision_id
BEGIN
  INSERT INTO stories_fts_pending (story_id, old_revision_id, new_revision_id)
    VALUES (NEW.id, OLD.current_revision_id, NEW.current_revision_id)
    ON CONFLICT (story_id) DO UPDATE SET new_revision_id = excluded.new_revision_id;
END;
-- FTS5 merges a level's segments when 8 have gathered, not 4: each entry is rewritten fewer
-- times as a cold poll's segments climb the levels (641 MB written instead of 710 MB for the
-- 214 MB bench corpus); a query reads at most 7 segments per level instead of 3.
INSERT INTO stories_fts (stories_fts, rank) VALUES ('automerge', 8);
)sql";

// Schema version 9: story_revisions keeps summary and content compressed, in the sqlar format
// (storage/sqlar.h: zlib, or the text as is when that is not smaller, with the original size in
// bytes beside it), renamed summary_z/content_z so that a query of the old columns fails rather
// than printing zlib bytes. They were 0.9x the bytes a cold poll fetches (issue 10); compressed
// ~0.3x. The views decompress with sqlar_uncompress, which hypewatch registers on every
// connection and the sqlite3 shell has built in, so v_stories and v_current_revisions (the FTS
// content) read as before. The FTS index itself is unchanged: it holds the same text. Titles
// stay plain text: 1% of the bytes, read by most views, and too short to shrink much.
// DROP COLUMN refuses a column that a view or trigger names, hence the drops and re-creations.
constexpr std::string_view kSchemaV9 = R"sql(
DROP VIEW v_stories;
DROP VIEW v_current_revisions;
DROP TRIGGER story_revisions_no_update;
ALTER TABLE story_revisions ADD COLUMN summary_z BLOB NOT NULL DEFAULT '';
ALTER TABLE story_revisions ADD COLUMN summary_size INTEGER NOT NULL DEFAULT 0;
ALTER TABLE story_revisions ADD COLUMN content_z BLOB NOT NULL DEFAULT '';
ALTER TABLE story_revisions ADD COLUMN content_size INTEGER NOT NULL DEFAULT 0;
UPDATE story_revisions SET
  summary_z = sqlar_compress(summary), summary_size = length(CAST(summary AS BLOB)),
  content_z = sqlar_compress(content), content_size = length(CAST(content AS BLOB));
ALTER TABLE story_revisions DROP COLUMN summary;
ALTER TABLE story_revisions DROP COLUMN content;
CREATE TRIGGER story_revisions_no_update BEFORE UPDATE ON story_revisions
BEGIN
  SELECT RAISE(ABORT, 'story_revisions rows are immutable: add a revision instead');
END;

CREATE VIEW v_current_revisions AS
  SELECT r.id AS id, r.story_id AS story_id, r.title AS title,
         CAST(sqlar_uncompress(r.summary_z, r.summary_size) AS TEXT) AS summary,
         CAST(sqlar_uncompress(r.content_z, r.content_size) AS TEXT) AS content
  FROM stories s JOIN story_revisions r ON r.id = s.current_revision_id;

CREATE VIEW v_stories AS
  SELECT s.id, s.feed_id, f.url AS feed_url, s.story_key, s.guid, s.link, s.published_at,
         s.updated_at, s.first_seen_at, r.revision, r.title,
         CAST(sqlar_uncompress(r.summary_z, r.summary_size) AS TEXT) AS summary,
         CAST(sqlar_uncompress(r.content_z, r.content_size) AS TEXT) AS content,
         r.fetched_at AS revised_at
  FROM stories s
  JOIN feeds f ON f.id = s.feed_id
  LEFT JOIN story_revisions r ON r.id = s.current_revision_id;
)sql";

// Schema version 10: a judged fact-check page keeps its ClaimReviews (JSON, the format of
// feeds/claim_review_json.h), so a claim added later is judged from them without fetching the
// page again. NULL for pages judged before this version: a rescan says how many it could not
// judge for want of them (they are judged again when their page changes).
constexpr std::string_view kSchemaV10 = R"sql(
ALTER TABLE factcheck_pages ADD COLUMN reviews_json TEXT;
)sql";

// Ordered; append new steps at the end (version = previous + 1), never edit a shipped step.
constexpr auto kMigrations = std::to_array<Migration>({
    {1, "initial schema: feeds, stories + revisions + FTS, claims, history, matches, alerts",
     kSchemaV1},
    {2, "digest outbox: digests table, alerts.digest_id", kSchemaV2},
    {3, "feed management and scheduling: feeds.name/source/added_url/interval_s/...",
     kSchemaV3},
    {4, "evidence time and claim definitions: matches.site/evidence_at/claim_hash, "
        "alerts.at/backfill, claims.definition_hash/scanned_hash/retired_at",
     kSchemaV4},
    {5, "webhook outbox: webhook_endpoints, webhook_deliveries", kSchemaV5},
    {6, "fact-check feeds: feeds.kind, factcheck_pages", kSchemaV6},
    {7, "failing feeds: feeds.failing_since, feeds.failing_alerted_at", kSchemaV7},
    {8, "full-text index written per feed (stories_fts_pending); bounded evidence snapshots "
        "(matches_claim_site_best, matches_claim_evidence_sites)",
     kSchemaV8},
    {9, "story texts stored compressed: story_revisions.summary_z/summary_size/content_z/"
        "content_size in the sqlar format",
     kSchemaV9},
    {10, "fact-check pages keep their ClaimReviews: factcheck_pages.reviews_json", kSchemaV10},
});

std::string label(const Database& db) {
  return "database " + db.path().string();
}

std::string newer_message(const Database& db, int version) {
  return label(db) + " has schema version " + std::to_string(version) +
         ", newer than this hypewatch (" + std::to_string(latest_schema_version()) +
         "); upgrade hypewatch";
}

bool has_objects(Database& db) {
  Statement st = db.prepare("SELECT count(*) FROM sqlite_schema");
  st.step();
  return st.column_int64(0) > 0;
}

// Refuses files that are SQLite but not ours: migrating them would add our tables to someone
// else's data, and a read would misinterpret theirs.
void require_ours(Database& db, int version) {
  const auto app_id = db.pragma_int("application_id");
  if (app_id == kApplicationId) {
    return;
  }
  if (app_id != 0) {
    throw StorageError(label(db) + " belongs to another application (application_id " +
                       std::to_string(app_id) + "); not a hypewatch database");
  }
  if (version != 0 || has_objects(db)) {
    throw StorageError(label(db) +
                       " is an SQLite database but not a hypewatch one (it has tables or a "
                       "schema version but no hypewatch application_id); refusing to touch it");
  }
}

// The statements of a step's SQL, in order, each ending with its ';' (sqlite3_complete decides
// where one ends: a ';' inside a trigger body, a string or a comment does not).
std::vector<std::string_view> split_statements(std::string_view sql) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  std::string candidate;
  for (std::size_t semi = sql.find(';'); semi != std::string_view::npos;
       semi = sql.find(';', semi + 1)) {
    candidate.assign(sql.substr(start, semi + 1 - start));
    if (sqlite3_complete(candidate.c_str()) != 0) {
      out.push_back(sql.substr(start, semi + 1 - start));
      start = semi + 1;
    }
  }
  if (sql.find_first_not_of(" \t\r\n", start) != std::string_view::npos) {
    out.push_back(sql.substr(start));  // a last statement without ';' (or a comment)
  }
  return out;
}

// Whether `statement` (comments and blanks before it allowed) is an UPDATE.
bool is_update(std::string_view statement) {
  std::size_t i = 0;
  while (i < statement.size()) {
    if (std::isspace(static_cast<unsigned char>(statement[i])) != 0) {
      ++i;
    } else if (statement.substr(i, 2) == "--") {
      const std::size_t eol = statement.find('\n', i);
      i = eol == std::string_view::npos ? statement.size() : eol + 1;
    } else {
      break;
    }
  }
  constexpr std::string_view kUpdate = "UPDATE";
  if (statement.size() - i <= kUpdate.size()) {
    return false;
  }
  for (std::size_t k = 0; k < kUpdate.size(); ++k) {
    if (std::toupper(static_cast<unsigned char>(statement[i + k])) != kUpdate[k]) {
      return false;
    }
  }
  return std::isspace(static_cast<unsigned char>(statement[i + kUpdate.size()])) != 0;
}

// One step's SQL on a database whose tables were all created in this same transaction: its
// UPDATEs (which convert the rows of an older version) are left out, since there are no rows
// to convert. Compiling them is not free: v4's UPDATE of matches.site nests CASEs in CTEs that
// SQLite expands into ~0.1 s of code generation, before a cold poll's first fetch. The schema
// is the same either way (tests/storage/test_migrations.cpp compares it with the full steps).
void exec_on_empty_tables(Database& db, std::string_view sql) {
  for (const std::string_view statement : split_statements(sql)) {
    if (!is_update(statement)) {
      db.exec(statement);
    }
  }
}

}  // namespace

std::span<const Migration> migrations() {
  return kMigrations;
}

int latest_schema_version() {
  return kMigrations.back().version;
}

int schema_version(Database& db) {
  return static_cast<int>(db.pragma_int("user_version"));
}

void migrate(Database& db) {
  const int found = schema_version(db);
  // Before anything that writes, WAL included: another program's file is refused untouched.
  require_ours(db, found);
  if (found > latest_schema_version()) {
    throw StorageError(newer_message(db, found));
  }
  if (found == 0) {
    // Before the first write (the switch to WAL is one): only a file without pages takes a
    // page size; one SQLite has already written keeps its own (docs/schema.md).
    db.exec("PRAGMA page_size = " + std::to_string(Database::kNewFilePageSize));
  }
  db.enable_wal();
  if (found == 0) {
    // A new file gets the whole schema in one transaction: a reader (the CLI beside a starting
    // daemon) never sees a half-built one.
    Transaction tx(db, "create the schema in " + label(db));
    if (schema_version(db) == 0) {
      for (const Migration& step : kMigrations) {
        exec_on_empty_tables(db, step.sql);
      }
      db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
      db.exec("PRAGMA user_version = " + std::to_string(latest_schema_version()));
    }
    tx.commit();
    return;
  }
  // A step that rewrites a table (v9 converts every story text) journals each page it changes
  // so that the statement can be rolled back; with the writer's temp_store=MEMORY those
  // journals would hold the whole table in memory (310 MB peak RSS converting the bench's
  // 257 MB database). Temporary files for the migration, memory again for the writes after.
  struct TempStoreFile {
    Database& db;
    explicit TempStoreFile(Database& d) : db(d) { db.exec("PRAGMA temp_store = FILE"); }
    ~TempStoreFile() {
      try {
        db.exec("PRAGMA temp_store = MEMORY");
      } catch (...) {  // a failed migration is already being reported; this is only memory
      }
    }
    TempStoreFile(const TempStoreFile&) = delete;
    TempStoreFile& operator=(const TempStoreFile&) = delete;
  };
  std::optional<TempStoreFile> temp_files;
  if (found < latest_schema_version()) {
    temp_files.emplace(db);
  }
  for (const Migration& step : kMigrations) {
    if (step.version <= found) {
      continue;
    }
    Transaction tx(db, "migrate " + label(db) + " to schema version " +
                           std::to_string(step.version) + " (" + std::string(step.summary) + ")");
    // Another process may have migrated between our first look and taking the write lock.
    if (schema_version(db) >= step.version) {
      continue;
    }
    db.exec(step.sql);
    // PRAGMAs take no bound parameters; these are our own integer constants, not input.
    db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
    db.exec("PRAGMA user_version = " + std::to_string(step.version));
    tx.commit();
  }
}

void require_current_schema(Database& db) {
  const int found = schema_version(db);
  require_ours(db, found);
  const int latest = latest_schema_version();
  if (found > latest) {
    throw StorageError(newer_message(db, found));
  }
  if (found == 0) {
    throw StorageError(label(db) +
                       " has no hypewatch schema yet; open it read-write once (e.g. start "
                       "hypewatchd or run `hypewatch poll --once`) to create it");
  }
  if (found < latest) {
    throw StorageError(label(db) + " has schema version " + std::to_string(found) +
                       ", older than this hypewatch (" + std::to_string(latest) +
                       "); open it read-write once (e.g. start hypewatchd) to upgrade it");
  }
}

}  // namespace hw::storage
