#include "cli/json_output.h"

namespace hw::cli {

using nlohmann::json;

json time_or_null(const std::optional<TimePoint>& t) {
  return t ? json(format_utc(*t)) : json(nullptr);
}

namespace {

json string_or_null(const std::string& s) {
  return s.empty() ? json(nullptr) : json(s);
}

}  // namespace

json to_json(const ParsedFeed& feed) {
  json items = json::array();
  for (const Story& s : feed.items) {
    items.push_back({{"guid", string_or_null(s.guid)},
                     {"link", string_or_null(s.link)},
                     {"title", string_or_null(s.title)},
                     {"published", time_or_null(s.published)},
                     {"updated", time_or_null(s.updated)},
                     {"summary", string_or_null(s.summary)},
                     {"content", string_or_null(s.content)}});
  }
  return {{"format", feed.format},
          {"title", string_or_null(feed.title)},
          {"link", string_or_null(feed.link)},
          {"items", std::move(items)}};
}

json to_json(const storage::ClaimRecord& c) {
  return {{"id", c.id},
          {"statement", c.statement},
          {"status", std::string(to_string(c.status))},
          {"since", format_utc(c.since)},
          {"matches", c.matches},
          {"retired", c.retired_at.has_value()},
          {"retired_at", time_or_null(c.retired_at)}};
}

json to_json(const storage::HistoryEntry& e) {
  const auto& c = e.change;
  json j = {{"seq", e.seq},
            {"from", c.from ? json(std::string(to_string(*c.from))) : json(nullptr)},
            {"to", std::string(to_string(c.to))},
            {"at", format_utc(c.at)},
            {"recorded_at", format_utc(c.recorded_at)},
            {"actor", c.actor},
            {"rule", string_or_null(c.rule)},
            {"reason", string_or_null(c.reason)},
            {"evidence", string_or_null(c.evidence_text)}};
  if (c.story_id) {
    j["story"] = {{"id", *c.story_id},
                  {"title", e.story_title},
                  {"link", string_or_null(e.story_link)},
                  {"feed", e.feed_url}};
  } else {
    j["story"] = nullptr;
  }
  return j;
}

json to_json(const Alert& a) {
  return {{"kind", std::string(to_string(a.kind))},
          {"claim", a.claim_id},
          {"from", a.from ? json(std::string(to_string(*a.from))) : json(nullptr)},
          {"to", std::string(to_string(a.to))},
          {"story", a.story_id ? json({{"id", a.story_id},
                                       {"title", a.story_title},
                                       {"link", string_or_null(a.story_link)}})
                               : json(nullptr)},
          {"repeat_count", a.repeat_count},
          {"message", a.message},
          {"at", format_utc(a.at == TimePoint{} ? a.created_at : a.at)},
          {"created_at", format_utc(a.created_at)},
          {"backfill", a.backfill}};
}

json to_json(const storage::AlertRecord& r) {
  json j = to_json(r.alert);
  j["id"] = r.id;
  j["delivered_at"] = time_or_null(r.delivered_at);
  return j;
}

json to_json(const storage::FeedRecord& f) {
  return {{"id", f.id},
          {"url", f.url},
          {"title", string_or_null(f.title)},
          {"enabled", f.enabled},
          {"last_polled_at", time_or_null(f.last_polled_at)},
          {"last_success_at", time_or_null(f.last_success_at)},
          {"last_http_status", f.last_http_status},
          {"error_count", f.error_count},
          {"last_error", string_or_null(f.last_error)},
          {"next_poll_at", time_or_null(f.next_poll_at)},
          {"stories", f.stories}};
}

}  // namespace hw::cli
