// Read-only queries over the database: claims, history, alerts, feeds.
#include <algorithm>
#include <chrono>
#include <iostream>

#include "alerts/alert_text.h"
#include "cli/claim_activity.h"
#include "cli/commands.h"
#include "cli/json_output.h"
#include "cli/status_colors.h"
#include "cli/table.h"
#include "cli/table_output.h"
#include "util/printable.h"

namespace hw::cli {

int cmd_claims(const Invocation& inv, bool include_retired, const std::string& only_status,
               std::ostream& out) {
  auto store = app::open_for_query(inv.paths);
  auto claims = store.claims().list_claims(include_retired);
  if (!only_status.empty()) {
    std::erase_if(
        claims, [&](const storage::ClaimRecord& c) { return to_string(c.status) != only_status; });
  }
  // Counted up to the newest evidence when that is older than now (an archive replayed or a
  // database copied for analysis), so 24H/7D describe the last days of the news it holds.
  TimePoint now = SystemClock().now();
  if (const auto newest = store.stories().newest_evidence(); newest && *newest < now) {
    now = *newest;
  }
  if (inv.json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& c : claims) {
      auto j = to_json(c);
      const auto a = claim_activity(store, c.id, now);
      j["mentions_24h"] = a.day;
      j["mentions_7d"] = a.week;
      j["trend"] = a.trend;
      arr.push_back(std::move(j));
    }
    out << arr.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return 0;
  }
  Table table({"ID", "STATUS", "SINCE", "MATCHES", "24H", "7D", "TREND", "STATEMENT"});
  for (const auto& c : claims) {
    const auto a = claim_activity(store, c.id, now);
    const std::string status =
        std::string(to_string(c.status)) + (c.retired_at ? " (retired)" : "");
    table.add({c.id, status, format_utc(c.since), std::to_string(c.matches), std::to_string(a.day),
               std::to_string(a.week), a.trend, c.statement});
  }
  table.flexible(7);
  table.paint(1, status_color);
  print_table(table, inv, out);
  return 0;
}

int cmd_history(const Invocation& inv, const std::string& claim_id, std::ostream& out) {
  auto store = app::open_for_query(inv.paths);
  const auto claim = app::require_claim(store, claim_id);
  const auto history = store.claims().history(claim_id);
  if (inv.json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& e : history) {
      arr.push_back(to_json(e));
    }
    out << nlohmann::json{{"claim", to_json(claim)}, {"history", arr}}.dump(
               2, ' ', false, nlohmann::json::error_handler_t::replace)
        << "\n";
    return 0;
  }
  out << claim.id << ": " << printable(claim.statement) << "\n"
      << "status: " << to_string(claim.status) << " since " << format_utc(claim.since) << "\n\n";
  for (const auto& e : history) {
    const auto& c = e.change;
    out << format_utc(c.at) << "  "
        << (c.from ? std::string(to_string(*c.from)) : std::string("(new)")) << " -> "
        << to_string(c.to) << "  [" << c.actor << "]\n";
    if (c.story_id) {
      out << "    evidence: \"" << printable(e.story_title) << "\"\n";
      if (!e.story_link.empty()) {
        out << "    link:     " << printable(e.story_link) << "\n";
      }
      if (!e.feed_url.empty()) {
        out << "    feed:     " << printable(e.feed_url) << "\n";
      }
    }
    if (!c.rule.empty()) {
      out << "    rule:     " << c.rule << "\n";
    }
    if (!c.evidence_text.empty()) {
      out << "    says:     " << printable(ellipsize(c.evidence_text, 200)) << "\n";
    }
    if (!c.reason.empty()) {
      out << "    reason:   " << printable(c.reason) << "\n";
    }
  }
  return 0;
}

int cmd_alerts(const Invocation& inv, bool undelivered_only, std::optional<TimePoint> since,
               std::optional<int> limit, std::ostream& out) {
  auto store = app::open_for_query(inv.paths);
  auto alerts = store.alerts().list_alerts(undelivered_only);
  if (since) {
    std::erase_if(alerts,
                  [&](const storage::AlertRecord& r) { return r.alert.created_at < *since; });
  }
  // Newest first, like `stories`: the alert someone looks for is usually the latest.
  std::reverse(alerts.begin(), alerts.end());
  if (limit && alerts.size() > static_cast<std::size_t>(*limit)) {
    alerts.resize(static_cast<std::size_t>(*limit));
  }
  if (inv.json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& a : alerts) {
      arr.push_back(to_json(a));
    }
    out << arr.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return 0;
  }
  // AT is the evidence time (the story's publication); backfill alerts came from evaluating
  // stored stories for a new or changed claim and are not sent in the digest.
  Table table({"ID", "AT", "CREATED", "CLAIM", "EVENT", "STORY", "LINK"});
  for (const auto& r : alerts) {
    const Alert& a = r.alert;
    std::string event = alerts::event_cell(a);
    if (a.backfill) {
      event += " (backfill)";
    }
    table.add({std::to_string(r.id), format_utc(a.at), format_utc(a.created_at), a.claim_id, event,
               a.story_title, a.story_link});
  }
  table.flexible(5);
  table.links(6);
  print_table(table, inv, out);
  return 0;
}

namespace {

// ok | new | failing | waiting (a server's Retry-After) | disabled
std::string feed_state(const storage::FeedRecord& f) {
  if (!f.enabled) {
    return "disabled";
  }
  if (!f.last_polled_at) {
    return "new";
  }
  if (f.retry_after_until && f.error_count > 0) {
    return "waiting";
  }
  return f.error_count > 0 ? "failing" : "ok";
}

}  // namespace

int cmd_feeds(const Invocation& inv, std::ostream& out) {
  auto store = app::open_for_query(inv.paths);
  const auto feeds = store.feeds().list_feeds();
  if (inv.json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& f : feeds) {
      auto j = to_json(f);
      j["state"] = feed_state(f);
      j["name"] = f.name;
      j["source"] = f.source;
      j["added_url"] = f.added_url;
      j["disabled_reason"] = f.disabled_reason;
      j["interval_s"] = f.interval ? nlohmann::json(f.interval->count()) : nlohmann::json();
      j["server_interval_s"] =
          f.server_interval ? nlohmann::json(f.server_interval->count()) : nlohmann::json();
      j["retry_after_until"] =
          f.retry_after_until ? nlohmann::json(format_utc(*f.retry_after_until)) : nlohmann::json();
      j["last_error_at"] =
          f.last_error_at ? nlohmann::json(format_utc(*f.last_error_at)) : nlohmann::json();
      arr.push_back(std::move(j));
    }
    out << arr.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return 0;
  }
  // One line per feed; a failing or disabled feed says why in its last column, with the URL
  // and the HTTP/curl reason as the fetcher reported them.
  Table table({"ID", "NAME", "STATE", "LAST POLL", "HTTP", "ERRORS", "NEXT POLL", "STORIES", "URL",
               "LAST ERROR / REASON"});
  for (const auto& f : feeds) {
    std::string next;
    if (f.enabled) {
      next = f.next_poll_at ? format_utc(*f.next_poll_at) : "next cycle";
      if (f.retry_after_until && (!f.next_poll_at || *f.retry_after_until > *f.next_poll_at)) {
        next = format_utc(*f.retry_after_until);
      }
    }
    std::string why;
    if (!f.enabled) {
      why = "disabled: " + f.disabled_reason;
    } else if (!f.last_error.empty()) {
      why = f.last_error;
    }
    table.add({std::to_string(f.id), f.name.empty() ? f.title : f.name, feed_state(f),
               f.last_polled_at ? format_utc(*f.last_polled_at) : "never",
               f.last_http_status ? std::to_string(f.last_http_status) : "",
               std::to_string(f.error_count), next, std::to_string(f.stories), f.url, why});
  }
  table.flexible(1);
  table.flexible(9);
  table.links(8);
  table.paint(2, feed_state_color);
  print_table(table, inv, out);
  return 0;
}

}  // namespace hw::cli
