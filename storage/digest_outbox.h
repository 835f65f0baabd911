#pragma once
// The digest outbox: which alerts go out together, and whether the mail server took them.
// Alerts are frozen into a digest before the first send attempt; every retry of that digest
// sends the same alerts under the same Message-ID, and the alerts are marked delivered in the
// same transaction that records the accepted send. So none is lost. Delivery is at least once,
// not exactly once: a server that stored the message but whose 250 we never read gets it again
// under the same Message-ID, which is what lets the receiver drop the copy (README, "The
// digest").
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.h"
#include "storage/store.h"

namespace hw::storage {

struct DigestBatch {
  std::int64_t id = 0;
  std::string message_id;  // "<hypewatch.digest.12.20261126T080000Z@host>"
  TimePoint created_at{};
  int attempts = 0;
  std::string last_error;
  std::optional<TimePoint> next_attempt_at;
  std::vector<AlertRecord> alerts;  // oldest first
};

// Mentions of one claim per UTC day (the mention count, storage/mention_counts.h), oldest first.
struct MentionSeries {
  std::string claim_id;
  std::vector<int> per_day;
};

class DigestOutbox {
 public:
  // Works over the store's connection (Store::database()); over a read-only store it serves
  // previews (undelivered, mentions, statements) and refuses to write.
  explicit DigestOutbox(Database& db);

  // The digest that was created but not yet accepted by the server, if any.
  std::optional<DigestBatch> pending() const;
  // Freezes every undelivered alert that is in no digest yet into a new digest; nullopt when
  // there are none. `host` goes into the Message-ID.
  std::optional<DigestBatch> create(const std::string& host, TimePoint now);
  // The server accepted the digest: stamp it and its alerts delivered, in one transaction.
  void mark_sent(std::int64_t digest_id, TimePoint at);
  // The send failed: count it, keep the reason, retry no earlier than `next_attempt_at`.
  void record_failure(std::int64_t digest_id, const std::string& error, TimePoint next_attempt_at);
  // Undelivered alerts (in a pending digest or not), for --dry-run.
  std::vector<AlertRecord> undelivered() const;

  // Per-day mention counts of each claim in `claim_ids` for the `days` days ending at `now`.
  std::vector<MentionSeries> mentions(const std::vector<std::string>& claim_ids, int days,
                                      TimePoint now) const;
  // Claim statements by id, for the digest's headings.
  std::map<std::string, std::string> statements() const;

 private:
  std::vector<AlertRecord> alerts_where_digest(std::optional<std::int64_t> digest_id) const;
  Database& m_db;
};

}  // namespace hw::storage
