#pragma once
// The one interface to hypewatch's state. Everything persistent goes through Store so that
// moving the claim history elsewhere (should the history outgrow SQLite) stays a contained change.
//
// Errors: SQLite failures throw StorageError carrying SQLite's own message and what we were
// doing ("insert story feed=3 guid=…: database is locked"). Lookups that may find nothing
// return std::optional.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/alert.h"
#include "model/claim.h"
#include "model/status_change.h"
#include "model/story.h"
#include "storage/storage_error.h"  // StorageError
#include "util/error.h"
#include "util/time.h"

namespace hw::storage {

class Database;

enum class OpenMode { read_write, read_only };

struct FeedRecord {
  std::int64_t id = 0;
  std::string url;
  std::string title;  // from the last parsed document
  std::string etag;
  std::string last_modified;
  std::string body_hash;  // hex digest of the last body that was parsed
  std::optional<TimePoint> last_polled_at;
  std::optional<TimePoint> last_success_at;
  int last_http_status = 0;  // 0 = none (file://, or no response)
  std::string last_error;    // empty after a success
  int error_count = 0;       // consecutive failures
  std::optional<TimePoint> next_poll_at;
  bool enabled = true;
  std::string disabled_reason;  // why enabled is false, e.g. "removed from config"
  std::int64_t stories = 0;     // stories stored for this feed
  std::string name;                // for people (config `name`, OPML title)
  std::string source = "config";   // who added it: config | cli | opml
  std::string added_url;           // as the user listed it; `url` follows permanent redirects
  std::optional<std::chrono::seconds> interval;         // per-feed override of the default
  std::optional<std::chrono::seconds> server_interval;  // the feed's <ttl> / max-age
  std::optional<TimePoint> retry_after_until;           // the server asked us to wait
  std::optional<TimePoint> last_error_at;
  std::string kind = "news";  // news | factcheck (docs/factchecks.md)
  std::optional<TimePoint> failing_since;       // first failure of the current streak
  std::optional<TimePoint> failing_alerted_at;  // the streak's feed_failing alert, once raised
};

// What the user says about a feed (config [[feed]], `hypewatch feeds add`, OPML import).
struct FeedSettings {
  std::string url;
  std::string name;
  std::string source = "config";  // config | cli | opml
  std::optional<std::chrono::seconds> interval;
  std::string kind = "news";  // news | factcheck
};

// The scheduler's decision after a poll.
struct FeedSchedule {
  std::optional<TimePoint> next_poll_at;
  std::optional<std::chrono::seconds> server_interval;
  std::optional<TimePoint> retry_after_until;
};

// What a successful fetch+parse leaves on the feed row.
struct FetchSuccess {
  int http_status = 0;
  std::string etag;
  std::string last_modified;
  std::string body_hash;
  std::string title;
};

enum class UpsertOutcome { inserted, unchanged, revised };

struct UpsertResult {
  UpsertOutcome outcome = UpsertOutcome::unchanged;
  std::int64_t story_id = 0;
  std::int64_t revision_id = 0;  // the current revision (new one when inserted/revised)
  int revision = 1;              // 1-based revision number
};

struct ClaimRecord {
  std::string id;
  std::string statement;
  ClaimStatus status = ClaimStatus::tracked;
  TimePoint since{};         // evidence time of the last status change
  std::int64_t matches = 0;  // story×claim matches recorded
  std::optional<TimePoint> retired_at;  // when it left the claims file; nullopt = active
};

// A claim as the claims file defines it, for sync_claims: the claim and the hash of its
// definition (statement and rules; a change means the stored stories are evaluated again).
struct ClaimDefinition {
  Claim claim;
  std::string hash;
};

// What sync_claims found: claims whose stored stories must be evaluated (new, changed, or
// un-retired with a changed definition), and claims it retired.
struct ClaimSync {
  std::vector<std::string> to_scan;
  std::vector<std::string> retired;
};

// One row per (site, stance, retraction) of a claim's stored matches, with the best score.
struct SiteEvidenceRow {
  std::string site;
  Stance stance = Stance::mentions;
  bool retraction = false;
  double score = 0.0;
};

// What the status engine needs to know about one claim before judging one story's match
// (rules::ClaimEvidence), read with a few aggregate queries over indexes: bounded by sites x
// stances and by the stories of an 8-day window, never by the size of the archive.
struct ClaimSnapshot {
  ClaimStatus status = ClaimStatus::tracked;
  TimePoint since{};                   // claims.status_since
  bool manual = false;                 // latest history entry has actor "manual"
  std::vector<SiteEvidenceRow> sites;  // without the story being evaluated
  int window_stories = 0;              // other stories with evidence time in (at - 24 h, at]
  std::vector<std::string> window_sites;
  int baseline_stories = 0;          // other stories in the 7 days before the window
  bool story_raised_repeat = false;  // this story already has a repeat alert for the claim
  int repeats_since_change = 0;      // repeat alerts since the last status_change alert
  bool hype_alert_near = false;      // a hype_spike with evidence time within 24 h of `at`
};

// A stored story's current revision, for rescans and `claim test`.
struct StoredStory {
  std::int64_t story_id = 0;
  std::int64_t revision_id = 0;
  std::string feed_url;
  TimePoint at{};  // evidence time: published, else first seen
  Story story;
};

// One entry of a claim's status history (model/status_change.h).
using hw::StatusChange;

struct HistoryEntry {
  std::int64_t seq = 0;  // 1-based order within the claim
  StatusChange change;
  std::string story_title;  // evidence story, when there is one
  std::string story_link;
  std::string feed_url;
};

struct StoredMatch {
  std::int64_t story_id = 0;
  std::int64_t revision_id = 0;
  Match match;
  TimePoint matched_at{};
};

struct AlertRecord {
  std::int64_t id = 0;
  Alert alert;
  std::optional<TimePoint> delivered_at;
  int delivery_attempts = 0;
  std::string last_delivery_error;
};

// Everything one evaluation of one story revision produced. Written in ONE transaction, so a
// status change and the alert it raised are never separated.
struct EvaluationWrite {
  std::int64_t story_id = 0;
  std::int64_t revision_id = 0;
  std::vector<Match> matches;
  std::string site;        // the story's site (hw::url_site), stored on its matches
  TimePoint evidence_at{};  // the story's evidence time, stored on its matches; zero = at
  bool dequeue = true;      // take revision_id off the pending queue (false for a rescan)
  std::vector<StatusChange> changes;  // also updates claims.status / status_since
  std::vector<Alert> alerts;
  TimePoint at{};
};

// One stored match of a claim with its story's evidence time and where it was published: the
// inputs of the status engine's source threshold and of hype counting.
struct ClaimMention {
  std::int64_t story_id = 0;
  std::string link;      // the story's link ("" when the feed gave none)
  std::string feed_url;  // its feed
  Stance stance = Stance::mentions;
  bool retraction = false;
  double score = 0.0;
  TimePoint at{};  // the story's published time, else when it was first seen
};

// A story revision waiting for the matcher and status engine.
struct PendingEvaluation {
  std::int64_t story_id = 0;
  std::int64_t revision_id = 0;
  int revision = 1;
  Story story;  // the text of that revision, with the story's guid/link/dates
  TimePoint at{};  // evidence time: the story's published time, else when first seen
  std::string feed_url;
};

// One full-text search result (search_stories).
struct SearchHit {
  std::int64_t story_id = 0;
  std::int64_t revision_id = 0;  // the current revision, which is what is indexed
  std::string title;
  std::string link;
  std::string feed_url;
  std::optional<TimePoint> published;
  std::string snippet;  // matched terms in [brackets]
};

// Bounds of one search. A query's cost grew with the square of its terms (issue 14, 17k
// stories: 500 terms 6.6 s, 1,000 terms 26 s), so the term count is what keeps a query cheap;
// the byte cap keeps error messages short; the time cap, enforced by
// SQLite's progress handler, stops whatever slips through.
struct SearchLimits {
  std::size_t max_bytes = 1000;
  std::size_t max_terms = 32;
  std::chrono::milliseconds max_time{3000};
};

struct Counts {
  std::int64_t feeds = 0, stories = 0, revisions = 0, matches = 0, alerts = 0, history = 0;
};

// One connection to the database. Not thread-safe: use one Store per thread (SQLite in WAL
// mode lets any number of read-only Stores run beside the one writer).
class Store {
 public:
  // Opens (creating it in read_write mode) and, in read_write mode, migrates the database.
  // WAL and foreign keys on. Throws StorageError naming the path, e.g. when the file is not a
  // database or its schema is newer than this program.
  static Store open(const std::filesystem::path& path, OpenMode mode);
  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  int schema_version() const;
  static int latest_schema_version();

  // Feeds. ensure_feed returns the id of the feed with this URL, creating it when new.
  std::int64_t ensure_feed(std::string_view url);
  std::vector<FeedRecord> list_feeds() const;
  std::optional<FeedRecord> feed(std::int64_t id) const;
  void record_fetch_success(std::int64_t feed_id, const FetchSuccess& s, TimePoint at);
  // 304 or an unchanged body: only poll state changes; no story row is touched.
  void record_not_modified(std::int64_t feed_id, int http_status, TimePoint at);
  void record_fetch_failure(std::int64_t feed_id, int http_status, std::string_view error,
                            TimePoint at);
  // Stores a feed_failing alert and marks the feed's streak as reported, in one transaction:
  // one alert per failure streak, also across a crash.
  void record_feed_alert(std::int64_t feed_id, const Alert& alert, TimePoint at);
  // The scheduler's decision for the next poll (nullopt = as soon as possible).
  void set_next_poll_at(std::int64_t feed_id, std::optional<TimePoint> at);
  // Feeds are disabled, never deleted: their stories stay evidence in claim histories.
  void set_feed_enabled(std::int64_t feed_id, bool enabled, std::string_view reason = {});
  // The feed whose url or added_url is `url`.
  std::optional<FeedRecord> find_feed(std::string_view url) const;
  // Creates the feed or updates name/source/interval of the known one (found by url or
  // added_url); returns its id. Does not touch enabled: the caller decides.
  std::int64_t save_feed(const FeedSettings& settings);
  // A permanent redirect (301/308): from now on `url` is fetched. Throws StorageError when
  // another feed already has that URL.
  void set_feed_url(std::int64_t feed_id, std::string_view url);
  void set_feed_schedule(std::int64_t feed_id, const FeedSchedule& schedule);

  // Stories: dedup by (feed, key) where key = guid, or a stable fallback (link, else title)
  // when the guid is empty. A changed title/summary/content is a new revision.
  UpsertResult upsert_story(std::int64_t feed_id, const Story& story, TimePoint fetched_at);
  // The stories of one feed, each exactly as upsert_story would store it (in order, so a key
  // repeated within the batch sees the earlier item), but in ONE write transaction, taken only
  // when something needs writing: all of them or, on an error, none. Results in input order.
  std::vector<UpsertResult> upsert_stories(std::int64_t feed_id, const std::vector<Story>& stories,
                                           TimePoint fetched_at);
  std::optional<Story> story(std::int64_t story_id) const;  // current revision
  // Revisions stored but not yet passed to record_evaluation, oldest evidence first
  // (published time, else fetch time). Every new revision is queued by upsert_story.
  // `limit` > 0 returns only the oldest `limit`: a cold start queues every story of every
  // feed, and holding all their texts at once would cost hundreds of MiB.
  std::vector<PendingEvaluation> pending_evaluations(std::size_t limit = 0) const;

  // Claims. New claims get a row with their initial status and an "initial" history entry
  // dated at the earlier of `at` and the oldest stored evidence (a claim is judged on every
  // stored story, so it is tracked from before them); known claims keep their status (the
  // statement and definition hash are updated). Claims missing from `claims` are retired
  // (kept with their history, no longer evaluated); listing one again un-retires it.
  ClaimSync sync_claims(const std::vector<ClaimDefinition>& claims, TimePoint at);
  // The stored stories of `claim_id` have been evaluated under definition `hash`.
  void mark_scanned(std::string_view claim_id, std::string_view hash);
  std::optional<ClaimRecord> claim(std::string_view id) const;
  std::vector<ClaimRecord> list_claims(bool include_retired = false) const;
  std::vector<HistoryEntry> history(std::string_view claim_id) const;
  std::vector<StoredMatch> matches_for_claim(std::string_view claim_id) const;
  std::vector<StoredMatch> matches_for_story(std::int64_t story_id) const;
  // The engine's snapshot of `claim_id` before judging story `story_id` with evidence time
  // `at` (ClaimSnapshot).
  ClaimSnapshot claim_snapshot(std::string_view claim_id, std::int64_t story_id,
                               TimePoint at) const;
  // Current revisions of stored stories, oldest evidence first, after the position
  // (at, revision_id) of the last one returned; at most `limit`. Those still waiting in the
  // evaluation queue only with include_queued (the queue evaluates them anyway).
  std::vector<StoredStory> stored_stories(std::optional<std::pair<TimePoint, std::int64_t>> after,
                                          std::size_t limit, bool include_queued = false) const;
  // The same walk over the stories that matched some claim (the wording statement claims learn
  // from, rules::Matcher::match_and_learn).
  std::vector<StoredStory> matched_stories(std::optional<std::pair<TimePoint, std::int64_t>> after,
                                           std::size_t limit) const;
  // Whether (revision, claim) has a match made under the claim's current definition.
  bool matched_under_current_definition(std::int64_t revision_id,
                                        std::string_view claim_id) const;
  // The newest evidence time of any stored story; nullopt when there are none.
  std::optional<TimePoint> newest_evidence() const;

  // Everything in `w` or nothing; also takes w.revision_id off the pending queue. The queue entry
  // is claimed first, inside the transaction: when w.dequeue is set and the revision is no longer
  // queued (another process evaluated it in between), nothing is written and false is returned,
  // so no interleaving of two evaluators can record an alert twice. Matches already
  // stored for (revision, claim) are kept as they were. A change without story_id/revision_id cites
  // w.story_id/w.revision_id when those are non-zero; 0 story ids and empty claim ids on alerts are
  // stored as NULL. A zero recorded_at/created_at means w.at. Also serves manual overrides (no
  // story, actor "manual").
  bool record_evaluation(const EvaluationWrite& w);

  // Full-text search (SQLite FTS5 query syntax) over the current revision of every story,
  // best match first. A query over the limits, with an FTS5 syntax error or one that runs out
  // of time is an error value "invalid search: …" that never quotes the whole query or SQL.
  Expected<std::vector<SearchHit>> search_stories(std::string_view fts_query, int limit = 20,
                                                  const SearchLimits& limits = {}) const;

  // Matches of `claim_id` whose story's evidence time is in [from, to), one per stored match
  // row (a revised story can appear more than once), oldest match first.
  std::vector<ClaimMention> claim_mentions(std::string_view claim_id, TimePoint from,
                                           TimePoint to) const;

  // Alerts, oldest first; undelivered_only: those the digest will send (not backfill). Their
  // delivery state is written only by DigestOutbox
  // (storage/digest_outbox.h), the one path by which alerts leave.
  std::vector<AlertRecord> list_alerts(bool undelivered_only = false) const;

  Counts counts() const;

  // The store's one connection. The other views of the same database (DigestOutbox,
  // StoryQueries) work over it instead of opening their own, so everything goes through this
  // store, in its mode (read-only stays read-only), and sees its writes at once.
  Database& database();
  // Write batches (storage/write_batch.h): while one is open, every write above joins one
  // transaction (each as a savepoint of its own, so each is still all or nothing) that
  // commit_batch makes durable. The poll cycle uses them so that a cold poll is a few commits,
  // not one per feed and story; docs/schema.md ("Durability") says what a crash can lose.
  void begin_batch();
  void commit_batch();
  void rollback_batch();  // when open (SQLite may have rolled back on its own)
  bool in_batch() const;
  // Copies the WAL into the database file and syncs both (a passive checkpoint: readers are
  // not waited for). The end of a poll cycle: a power cut then cannot lose an earlier cycle.
  void checkpoint();

 private:
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace hw::storage
