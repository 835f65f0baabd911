#include "storage/feed_rows.h"

#include "storage/column_values.h"

namespace hw::storage {

const std::string_view kFeedColumns =
    "SELECT id, url, title, etag, last_modified, body_hash, last_polled_at, last_success_at, "
    "last_http_status, last_error, error_count, next_poll_at, enabled, disabled_reason, "
    "(SELECT count(*) FROM stories s WHERE s.feed_id = feeds.id), name, source, added_url, "
    "interval_s, server_interval_s, retry_after_until, last_error_at, kind, failing_since, "
    "failing_alerted_at FROM feeds ";

FeedRecord read_feed(const Statement& st) {
  FeedRecord f;
  f.id = st.column_int64(0);
  f.url = st.column_text(1);
  f.title = st.column_text(2);
  f.etag = st.column_text(3);
  f.last_modified = st.column_text(4);
  f.body_hash = st.column_text(5);
  f.last_polled_at = st.optional_time(6);
  f.last_success_at = st.optional_time(7);
  f.last_http_status = st.column_int(8);
  f.last_error = st.column_text(9);
  f.error_count = st.column_int(10);
  f.next_poll_at = st.optional_time(11);
  f.enabled = st.column_bool(12);
  f.disabled_reason = st.column_text(13);
  f.stories = st.column_int64(14);
  f.name = st.column_text(15);
  f.source = st.column_text(16);
  f.added_url = st.column_text(17);
  f.interval = optional_seconds(st, 18);
  f.server_interval = optional_seconds(st, 19);
  f.retry_after_until = st.optional_time(20);
  f.last_error_at = st.optional_time(21);
  f.kind = st.column_text(22);
  f.failing_since = st.optional_time(23);
  f.failing_alerted_at = st.optional_time(24);
  return f;
}

}  // namespace hw::storage
