#include "storage/claim_ledger.h"

#include <algorithm>
#include <numeric>

#include "storage/alert_rows.h"
#include "storage/claim_rows.h"
#include "storage/column_values.h"
#include "storage/mention_counts.h"
#include "storage/transaction.h"

namespace hw::storage {

void ClaimLedger::insert_history(const StatusChange& c, std::optional<std::int64_t> story_id,
                                 std::optional<std::int64_t> revision_id, TimePoint recorded_at) {
  auto st = m_conn.db.cached(
      "INSERT INTO claim_status_history (claim_id, seq, from_status, to_status, at, "
      "recorded_at, actor, rule, evidence_text, reason, story_id, revision_id) VALUES (?1, "
      "(SELECT coalesce(max(seq), 0) + 1 FROM claim_status_history WHERE claim_id = ?1), ?2, "
      "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  st->bind(1, c.claim_id);
  st->bind(2, c.from ? std::optional<std::string_view>(to_string(*c.from)) : std::nullopt);
  st->bind(3, to_string(c.to)).bind(4, c.at).bind(5, recorded_at).bind(6, c.actor);
  st->bind(7, c.rule).bind(8, c.evidence_text).bind(9, c.reason);
  st->bind(10, story_id).bind(11, revision_id);
  st->run();
}

ClaimSync ClaimLedger::sync_claims(const std::vector<ClaimDefinition>& claims, TimePoint at) {
  return in_context("sync claims", [&] {
    m_conn.require_writable("sync claims");
    Transaction tx(m_conn.db);
    ClaimSync result;
    // A new claim is judged on every stored story, so it is tracked from before the oldest.
    TimePoint initial_at = at;
    {
      auto st = m_conn.db.cached("SELECT min(coalesce(published_at, first_seen_at)) FROM stories");
      st->step();
      if (const auto oldest = st->optional_time(0); oldest && *oldest < at) {
        initial_at = *oldest;
      }
    }
    std::vector<std::string> listed;
    for (const ClaimDefinition& def : claims) {
      const Claim& c = def.claim;
      listed.push_back(c.id);
      in_context("claim " + c.id, [&] {
        struct Known {
          std::string statement, definition_hash, scanned_hash;
          bool retired = false;
        };
        std::optional<Known> known;
        {
          auto st = m_conn.db.cached(
              "SELECT statement, definition_hash, scanned_hash, retired_at IS NOT NULL "
              "FROM claims WHERE id = ?1");
          st->bind(1, c.id);
          if (st->step()) {
            known = Known{st->column_text(0), st->column_text(1), st->column_text(2),
                          st->column_bool(3)};
          }
        }
        if (known) {
          // Known claim: its status is the evidence's business, not the claims file's. A claim
          // from before schema 4 has no hash yet: its stories were judged under this definition.
          const bool pre_v4 = known->definition_hash.empty();
          if (known->statement != c.statement || known->definition_hash != def.hash ||
              known->retired) {
            auto st = m_conn.db.cached(
                "UPDATE claims SET statement = ?2, definition_hash = ?3, retired_at = NULL, "
                "scanned_hash = CASE WHEN ?4 THEN ?3 ELSE scanned_hash END WHERE id = ?1");
            st->bind(1, c.id).bind(2, c.statement).bind(3, def.hash).bind(4, pre_v4);
            st->run();
          }
          if (!pre_v4 && known->scanned_hash != def.hash) {
            result.to_scan.push_back(c.id);
          }
          return;
        }
        {
          auto st = m_conn.db.cached(
              "INSERT INTO claims (id, statement, status, status_since, created_at, "
              "definition_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
          st->bind(1, c.id).bind(2, c.statement).bind(3, to_string(c.initial_status));
          st->bind(4, initial_at).bind(5, at).bind(6, def.hash);
          st->run();
        }
        StatusChange initial;
        initial.claim_id = c.id;
        initial.to = c.initial_status;
        initial.at = initial_at;
        initial.actor = "initial";
        initial.rule = "claims file";
        insert_history(initial, std::nullopt, std::nullopt, at);
        result.to_scan.push_back(c.id);
      });
    }
    // Claims no longer in the file: retired, history kept.
    {
      auto st = m_conn.db.cached("SELECT id FROM claims WHERE retired_at IS NULL ORDER BY id");
      while (st->step()) {
        std::string id = st->column_text(0);
        if (std::ranges::find(listed, id) == listed.end()) {
          result.retired.push_back(std::move(id));
        }
      }
    }
    for (const auto& id : result.retired) {
      auto st = m_conn.db.cached("UPDATE claims SET retired_at = ?2 WHERE id = ?1");
      st->bind(1, id).bind(2, at);
      st->run();
    }
    tx.commit();
    return result;
  });
}

void ClaimLedger::mark_scanned(std::string_view claim_id, std::string_view hash) {
  in_context("mark claim " + std::string(claim_id) + " scanned", [&] {
    m_conn.require_writable("mark a claim scanned");
    auto st = m_conn.db.cached("UPDATE claims SET scanned_hash = ?2 WHERE id = ?1");
    st->bind(1, claim_id).bind(2, hash);
    st->run();
  });
}

std::optional<ClaimRecord> ClaimLedger::claim(std::string_view id) const {
  return in_context("read claim " + std::string(id), [&]() -> std::optional<ClaimRecord> {
    return m_conn.first(std::string(kClaimColumns) + "WHERE id = ?1", read_claim, id);
  });
}

std::vector<ClaimRecord> ClaimLedger::list_claims(bool include_retired) const {
  return in_context("list claims", [&] {
    return m_conn.collect(
        std::string(kClaimColumns) +
            (include_retired ? "ORDER BY id" : "WHERE retired_at IS NULL ORDER BY id"),
        read_claim);
  });
}

std::vector<HistoryEntry> ClaimLedger::history(std::string_view claim_id) const {
  return in_context("read history of claim " + std::string(claim_id), [&] {
    return m_conn.collect(
        "SELECT seq, claim_id, from_status, to_status, at, recorded_at, actor, rule, "
        "evidence_text, reason, story_id, revision_id, story_title, story_link, feed_url "
        // Event order: the claim's beginning, then evidence time, then recording order.
        "FROM v_history WHERE claim_id = ?1 ORDER BY actor <> 'initial', at, seq",
        [](const Statement& st) {
          HistoryEntry e;
          e.seq = st.column_int64(0);
          e.change.claim_id = st.column_text(1);
          e.change.from = optional_status_column(st, 2);
          e.change.to = status_column(st, 3);
          e.change.at = st.column_time(4);
          e.change.recorded_at = st.column_time(5);
          e.change.actor = st.column_text(6);
          e.change.rule = st.column_text(7);
          e.change.evidence_text = st.column_text(8);
          e.change.reason = st.column_text(9);
          e.change.story_id = st.optional_int64(10);
          e.change.revision_id = st.optional_int64(11);
          e.story_title = st.column_text(12);
          e.story_link = st.column_text(13);
          e.feed_url = st.column_text(14);
          return e;
        },
        claim_id);
  });
}

std::vector<StoredMatch> ClaimLedger::matches_for_claim(std::string_view claim_id) const {
  return in_context("read matches of claim " + std::string(claim_id), [&] {
    return m_conn.collect(
        std::string(kMatchColumns) + "WHERE claim_id = ?1 ORDER BY matched_at, id", read_match,
        claim_id);
  });
}

std::vector<StoredMatch> ClaimLedger::matches_for_story(std::int64_t story_id) const {
  return in_context("read matches of story " + std::to_string(story_id), [&] {
    return m_conn.collect(std::string(kMatchColumns) + "WHERE story_id = ?1 ORDER BY id",
                          read_match, story_id);
  });
}

bool ClaimLedger::record_evaluation(const EvaluationWrite& w) {
  return in_context(
      "record evaluation story=" + std::to_string(w.story_id) +
          " revision=" + std::to_string(w.revision_id),
      [&] {
        m_conn.require_writable("record an evaluation");
        Transaction tx(m_conn.db);
        if (w.revision_id != 0 && w.dequeue) {
          // The claim on the queue entry comes first and decides: the evaluation was
          // computed outside this transaction, so another evaluator may have recorded
          // the same revision meanwhile. Exactly one DELETE can take the row.
          auto st = m_conn.db.cached("DELETE FROM pending_evaluations WHERE revision_id = ?1");
          st->bind(1, w.revision_id);
          st->run();
          if (m_conn.db.changes() != 1) {
            return false;  // the guard rolls back; nothing was written
          }
        }
        for (const Match& m : w.matches) {
          // Re-evaluating a revision (e.g. after a restart) must not duplicate matches.
          // Under a changed claim definition the new verdict replaces the old one.
          auto st = m_conn.db.cached(
              "INSERT INTO matches (story_id, revision_id, claim_id, stance, retraction, "
              "score, evidence, rule, matched_at, site, evidence_at, claim_hash) VALUES "
              "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, coalesce((SELECT "
              "definition_hash FROM claims WHERE id = ?3), '')) "
              "ON CONFLICT (revision_id, claim_id) DO UPDATE SET stance = excluded.stance, "
              "retraction = excluded.retraction, score = excluded.score, "
              "evidence = excluded.evidence, rule = excluded.rule, "
              "matched_at = excluded.matched_at, site = excluded.site, "
              "evidence_at = excluded.evidence_at, claim_hash = excluded.claim_hash "
              "WHERE matches.claim_hash <> excluded.claim_hash");
          st->bind(1, w.story_id).bind(2, w.revision_id).bind(3, m.claim_id);
          st->bind(4, to_string(m.stance)).bind(5, m.retraction).bind(6, m.score);
          st->bind(7, m.evidence).bind(8, m.rule).bind(9, w.at).bind(10, w.site);
          st->bind(11, or_default(w.evidence_at, w.at));
          st->run();
        }
        for (const StatusChange& c : w.changes) {
          insert_history(c, c.story_id ? c.story_id : id_or_null(w.story_id),
                         c.revision_id ? c.revision_id : id_or_null(w.revision_id),
                         or_default(c.recorded_at, w.at));
          auto st =
              m_conn.db.cached("UPDATE claims SET status = ?2, status_since = ?3 WHERE id = ?1");
          st->bind(1, c.claim_id).bind(2, to_string(c.to)).bind(3, c.at);
          st->run();
          if (m_conn.db.changes() == 0) {
            throw StorageError("claim " + c.claim_id + " does not exist");
          }
        }
        for (const Alert& a : w.alerts) {
          insert_alert(m_conn.db, a, w.at);
        }
        tx.commit();
        return true;
      });
}

std::size_t ClaimLedger::record_unmatched(std::span<const std::int64_t> revision_ids) {
  return in_context(
      "record " + std::to_string(revision_ids.size()) + " evaluations without matches", [&] {
        m_conn.require_writable("record an evaluation");
        Transaction tx(m_conn.db);
        auto st = m_conn.db.cached("DELETE FROM pending_evaluations WHERE revision_id = ?1");
        std::size_t taken = 0;
        for (const std::int64_t id : revision_ids) {
          st->bind(1, id);
          st->run();
          st->reset();
          // A revision no longer queued was evaluated by someone else: nothing to write.
          taken += m_conn.db.changes() == 1 ? 1 : 0;
        }
        tx.commit();
        return taken;
      });
}

std::vector<ClaimMention> ClaimLedger::claim_mentions(std::string_view claim_id, TimePoint from,
                                                      TimePoint to) const {
  return in_context("list mentions of claim " + std::string(claim_id), [&] {
    auto st = m_conn.db.cached(
        "SELECT m.story_id, s.link, f.url, m.stance, m.retraction, m.score, "
        "coalesce(s.published_at, s.first_seen_at) FROM matches m "
        "JOIN stories s ON s.id = m.story_id JOIN feeds f ON f.id = s.feed_id "
        "WHERE m.claim_id = ?1 AND coalesce(s.published_at, s.first_seen_at) >= ?2 "
        "AND coalesce(s.published_at, s.first_seen_at) < ?3 ORDER BY m.id");
    st->bind(1, claim_id).bind(2, from).bind(3, to);
    std::vector<ClaimMention> out;
    while (st->step()) {
      ClaimMention m;
      m.story_id = st->column_int64(0);
      m.link = st->column_text(1);
      m.feed_url = st->column_text(2);
      m.stance = stance_column(*st, 3);
      m.retraction = st->column_bool(4);
      m.score = st->column_double(5);
      m.at = st->column_time(6);
      out.push_back(std::move(m));
    }
    return out;
  });
}

ClaimSnapshot ClaimLedger::claim_snapshot(std::string_view claim_id, std::int64_t story_id,
                                          TimePoint at) const {
  return in_context("read evidence of claim " + std::string(claim_id), [&] {
    auto& db = m_conn.db;
    ClaimSnapshot snap;
    {
      // The status is the result of the history in the order it was recorded (seq).
      auto st = db.cached(
          "SELECT c.status, coalesce((SELECT h.actor = 'manual' FROM claim_status_history h "
          "WHERE h.claim_id = c.id ORDER BY h.seq DESC LIMIT 1), 0), c.status_since FROM claims c "
          "WHERE c.id = ?1");
      st->bind(1, claim_id);
      if (!st->step()) {
        throw StorageError("claim " + std::string(claim_id) + " does not exist");
      }
      snap.status = status_column(*st, 0);
      snap.manual = st->column_bool(1);
      snap.since = st->column_time(2);
    }
    // Per (site, stance, retraction), the best score from another story: one index seek to the
    // next group and one to its best row (schema v8, matches_claim_site_best), so a claim with
    // thousands of matches costs its sites, not its matches. ('', '', -1) sorts before every
    // group: a stance is never empty.
    std::string site;
    std::string stance;
    std::int64_t retraction = -1;
    while (true) {
      {
        auto next = db.cached(
            "SELECT site, stance, retraction FROM matches WHERE claim_id = ?1 AND "
            "(site, stance, retraction) > (?2, ?3, ?4) ORDER BY site, stance, retraction LIMIT 1");
        next->bind(1, claim_id).bind(2, site).bind(3, stance).bind(4, retraction);
        if (!next->step()) {
          break;
        }
        site = next->column_text(0);
        stance = next->column_text(1);
        retraction = next->column_int64(2);
      }
      auto best = db.cached(
          "SELECT stance, retraction, score FROM matches WHERE claim_id = ?1 AND site = ?2 AND "
          "stance = ?3 AND retraction = ?4 AND story_id <> ?5 ORDER BY score DESC LIMIT 1");
      best->bind(1, claim_id).bind(2, site).bind(3, stance).bind(4, retraction).bind(5, story_id);
      if (best->step()) {
        snap.sites.push_back(
            {site, stance_column(*best, 0), best->column_bool(1), best->column_double(2)});
      }
    }
    const TimePoint window_start = at - std::chrono::hours(24);
    {
      // The one mention count (storage/mention_counts.h): the last 24 h ending at `at` and the
      // 7 days before them (rules/hype_detector.h: kHypeBaselineDays), without this story.
      const auto per_day =
          storage::mention_counts(db, claim_id, {at, std::chrono::hours(24), 1 + 7}, story_id);
      snap.window_stories = per_day.back();
      snap.baseline_stories = std::accumulate(per_day.begin(), per_day.end() - 1, 0);
    }
    {
      auto st = db.cached(
          "SELECT DISTINCT site FROM matches WHERE claim_id = ?1 AND story_id <> ?2 "
          "AND evidence_at > ?3 AND evidence_at <= ?4 ORDER BY site");
      st->bind(1, claim_id).bind(2, story_id).bind(3, window_start).bind(4, at);
      while (st->step()) {
        snap.window_sites.push_back(st->column_text(0));
      }
    }
    {
      // Repeats are counted from the claim's last status_change alert (every change raises
      // one, manual ones too): recording order, not a clock, so a replay counts the same.
      auto st = db.cached(
          "SELECT EXISTS (SELECT 1 FROM alerts WHERE story_id = ?2 AND claim_id = ?1 AND "
          "kind = ?3), "
          "(SELECT count(*) FROM alerts WHERE claim_id = ?1 AND kind = ?3 AND id > "
          "coalesce((SELECT max(id) FROM alerts WHERE claim_id = ?1 AND kind = ?4), 0)), "
          "EXISTS (SELECT 1 FROM alerts WHERE claim_id = ?1 AND kind = ?5 AND at > ?6 "
          "AND at < ?7)");
      st->bind(1, claim_id).bind(2, story_id);
      st->bind(3, to_string(AlertKind::repeated_after_clarification));
      st->bind(4, to_string(AlertKind::status_change)).bind(5, to_string(AlertKind::hype_spike));
      st->bind(6, window_start).bind(7, at + std::chrono::hours(24));
      st->step();
      snap.story_raised_repeat = st->column_bool(0);
      snap.repeats_since_change = st->column_int(1);
      snap.hype_alert_near = st->column_bool(2);
    }
    return snap;
  });
}

bool ClaimLedger::matched_under_current_definition(std::int64_t revision_id,
                                                   std::string_view claim_id) const {
  return in_context("look up match of claim " + std::string(claim_id), [&] {
    auto st = m_conn.db.cached(
        "SELECT EXISTS (SELECT 1 FROM matches m JOIN claims c ON c.id = m.claim_id "
        "WHERE m.revision_id = ?1 AND m.claim_id = ?2 AND m.claim_hash = c.definition_hash)");
    st->bind(1, revision_id).bind(2, claim_id);
    st->step();
    return st->column_bool(0);
  });
}

std::vector<int> ClaimLedger::mention_counts(std::string_view claim_id,
                                             const MentionWindows& windows) const {
  return storage::mention_counts(m_conn.db, claim_id, windows);
}

}  // namespace hw::storage
