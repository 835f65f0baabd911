// Read-only queries over stories: `stories`, `search` (FTS5) and `stats`.
#include <iostream>

#include "cli/commands.h"
#include "cli/json_output.h"
#include "cli/story_time.h"
#include "cli/table.h"
#include "cli/table_output.h"
#include "storage/story_queries.h"

namespace hw::cli {
namespace {

std::string dump(const nlohmann::json& j) {
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) {
    out += (out.empty() ? "" : " ") + i;
  }
  return out;
}

}  // namespace

int cmd_stories(const Invocation& inv, const std::string& claim, std::optional<TimePoint> since,
                int limit, std::ostream& out) {
  auto store = app::open_for_query(inv.paths);  // validates the path and the schema
  if (!claim.empty()) {
    app::require_claim(store, claim);
  }
  storage::StoryQueries queries(store.database());
  const auto rows = queries.stories(claim, since, limit);
  if (inv.json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& r : rows) {
      arr.push_back({{"id", r.id},
                     {"feed", r.feed_url},
                     {"title", r.title},
                     {"link", r.link},
                     {"published", time_or_null(r.published)},
                     {"first_seen", format_utc(r.first_seen)},
                     {"revisions", r.revisions},
                     {"claims", r.claims}});
    }
    out << dump(arr) << "\n";
    return 0;
  }
  Table table({"ID", "PUBLISHED", "REV", "CLAIMS", "TITLE", "LINK"});
  bool undated = false;
  for (const auto& r : rows) {
    undated = undated || !r.published;
    table.add({std::to_string(r.id), story_time_cell(r.published, r.first_seen),
               std::to_string(r.revisions), join(r.claims), r.title, r.link});
  }
  table.flexible(3);
  table.flexible(4);
  table.links(5);
  print_table(table, inv, out);
  if (undated && !inv.csv) {
    out << kFirstSeenNote << "\n";
  }
  return 0;
}

int cmd_search(const Invocation& inv, const std::string& query, int limit, std::ostream& out) {
  auto store = app::open_for_query(inv.paths);
  const auto found = store.stories().search_stories(query, limit);
  if (!found) {
    throw DataError(found.error().message);  // the user's query, in words: EX_DATAERR
  }
  const auto& hits = *found;
  if (inv.json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& h : hits) {
      arr.push_back({{"id", h.story_id},
                     {"title", h.title},
                     {"link", h.link},
                     {"feed", h.feed_url},
                     {"published", time_or_null(h.published)},
                     {"snippet", h.snippet}});
    }
    out << dump(arr) << "\n";
    return 0;
  }
  Table table({"ID", "PUBLISHED", "TITLE", "SNIPPET", "LINK"});
  for (const auto& h : hits) {
    table.add({std::to_string(h.story_id), h.published ? format_utc(*h.published) : "", h.title,
               h.snippet, h.link});
  }
  table.flexible(2);
  table.flexible(3);
  table.links(4);
  print_table(table, inv, out);
  return 0;
}

int cmd_stats(const Invocation& inv, std::ostream& out) {
  auto store = app::open_for_query(inv.paths);  // same checks and messages as every query
  storage::StoryQueries queries(store.database());
  const auto s = queries.stats();
  // Counts are JSON numbers and missing times null; the table shows both as text.
  const std::vector<std::pair<std::string, nlohmann::json>> rows{
      {"schema_version", s.schema_version},
      {"database_bytes", s.database_bytes},
      {"feeds", s.feeds},
      {"feeds_failing", s.feeds_failing},
      {"feeds_disabled", s.feeds_disabled},
      {"last_poll", time_or_null(s.last_poll)},
      {"stories", s.stories},
      {"revisions", s.revisions},
      {"newest_story", time_or_null(s.newest_story)},
      {"claims", s.claims},
      {"status_changes", s.history},
      {"matches", s.matches},
      {"alerts", s.alerts},
      {"alerts_undelivered", s.alerts_undelivered},
      {"digests_sent", s.digests_sent},
  };
  if (inv.json) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [k, v] : rows) {
      j[k] = v;
    }
    out << dump(j) << "\n";
    return 0;
  }
  Table table({"WHAT", "VALUE"});
  for (const auto& [k, v] : rows) {
    table.add({k, v.is_null() ? "" : v.is_string() ? v.get<std::string>() : v.dump()});
  }
  print_table(table, inv, out);
  return 0;
}

}  // namespace hw::cli
