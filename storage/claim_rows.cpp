#include "storage/claim_rows.h"

#include "storage/column_values.h"

namespace hw::storage {

const std::string_view kClaimColumns =
    "SELECT id, statement, status, status_since, matches, retired_at FROM v_claims ";

ClaimRecord read_claim(const Statement& st) {
  ClaimRecord c;
  c.id = st.column_text(0);
  c.statement = st.column_text(1);
  c.status = status_column(st, 2);
  c.since = st.column_time(3);
  c.matches = st.column_int64(4);
  c.retired_at = st.optional_time(5);
  return c;
}

const std::string_view kMatchColumns =
    "SELECT story_id, revision_id, claim_id, stance, retraction, score, evidence, rule, "
    "matched_at FROM matches ";

StoredMatch read_match(const Statement& st) {
  StoredMatch m;
  m.story_id = st.column_int64(0);
  m.revision_id = st.column_int64(1);
  m.match.claim_id = st.column_text(2);
  m.match.stance = stance_column(st, 3);
  m.match.retraction = st.column_bool(4);
  m.match.score = st.column_double(5);
  m.match.evidence = st.column_text(6);
  m.match.rule = st.column_text(7);
  m.matched_at = st.column_time(8);
  return m;
}

}  // namespace hw::storage
