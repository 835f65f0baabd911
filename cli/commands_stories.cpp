// Read-only queries over stories: `stories`, `search` (FTS5) and `stats`.
#include <iostream>

#include "cli/commands.h"
#include "cli/json_output.h"
#include "cli/story_time.h"
#include "cli/table.h"
#include "storage/story_queries.h"

namespace hw::app {
namespace {

std::string cell(const std::string& text, std::size_t max, const Invocation& inv) {
  return inv.csv ? text : ellipsize(text, max);
}

void emit(const Table& table, const Invocation& inv, std::ostream& out) {
  if (inv.csv) {
    table.print_csv(out);
  } else {
    table.print(out);
  }
}

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
  auto store = open_for_query(inv.paths);  // validates the path and the schema
  if (!claim.empty()) {
    require_claim(store, claim);
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
               std::to_string(r.revisions), r.claims.empty() ? "-" : join(r.claims),
               cell(r.title, 70, inv), r.link});
  }
  emit(table, inv, out);
  if (undated && !inv.csv) {
    out << kFirstSeenNote << "\n";
  }
  return 0;
}

int cmd_search(const Invocation& inv, const std::string& query, int limit, std::ostream& out) {
  auto store = open_for_query(inv.paths);
  const auto found = store.search_stories(query, limit);
  if (!found) {
    throw ConfigError(found.error().message);  // the user's query: exit 1 with the reason
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
    table.add({std::to_string(h.story_id), h.published ? format_utc(*h.published) : "-",
               cell(h.title, 60, inv), cell(h.snippet, 80, inv), h.link});
  }
  emit(table, inv, out);
  return 0;
}

int cmd_stats(const Invocation& inv, std::ostream& out) {
  auto store = open_for_query(inv.paths);  // same checks and messages as every query
  storage::StoryQueries queries(store.database());
  const auto s = queries.stats();
  const std::vector<std::pair<std::string, std::string>> rows{
      {"schema_version", std::to_string(s.schema_version)},
      {"database_bytes", std::to_string(s.database_bytes)},
      {"feeds", std::to_string(s.feeds)},
      {"feeds_failing", std::to_string(s.feeds_failing)},
      {"feeds_disabled", std::to_string(s.feeds_disabled)},
      {"last_poll", s.last_poll ? format_utc(*s.last_poll) : ""},
      {"stories", std::to_string(s.stories)},
      {"revisions", std::to_string(s.revisions)},
      {"newest_story", s.newest_story ? format_utc(*s.newest_story) : ""},
      {"claims", std::to_string(s.claims)},
      {"status_changes", std::to_string(s.history)},
      {"matches", std::to_string(s.matches)},
      {"alerts", std::to_string(s.alerts)},
      {"alerts_undelivered", std::to_string(s.alerts_undelivered)},
      {"digests_sent", std::to_string(s.digests_sent)},
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
    table.add({k, v.empty() ? "-" : v});
  }
  emit(table, inv, out);
  return 0;
}

}  // namespace hw::app
