// Read-only queries over the database: claims, history, alerts, feeds.
#include <iostream>

#include "daemon/commands.h"
#include "daemon/json_output.h"
#include "daemon/table.h"

namespace hw::app {

int cmd_claims(const Invocation& inv, std::ostream& out) {
  auto store = open_for_query(inv.paths);
  const auto claims = store.list_claims();
  if (inv.json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& c : claims) {
      arr.push_back(to_json(c));
    }
    out << arr.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return 0;
  }
  Table table({"ID", "STATUS", "SINCE", "MATCHES", "STATEMENT"});
  for (const auto& c : claims) {
    table.add({c.id, std::string(to_string(c.status)), format_utc(c.since),
               std::to_string(c.matches), ellipsize(c.statement, 60)});
  }
  table.print(out);
  return 0;
}

int cmd_history(const Invocation& inv, const std::string& claim_id, std::ostream& out) {
  auto store = open_for_query(inv.paths);
  const auto claim = store.claim(claim_id);
  if (!claim) {
    std::string known;
    for (const auto& c : store.list_claims()) {
      known += (known.empty() ? "" : ", ") + c.id;
    }
    throw ConfigError("unknown claim '" + claim_id + "' (known: " + known + ")");
  }
  const auto history = store.history(claim_id);
  if (inv.json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& e : history) {
      arr.push_back(to_json(e));
    }
    out << nlohmann::json{{"claim", to_json(*claim)}, {"history", arr}}.dump(
               2, ' ', false, nlohmann::json::error_handler_t::replace)
        << "\n";
    return 0;
  }
  out << claim->id << ": " << claim->statement << "\n"
      << "status: " << to_string(claim->status) << " since " << format_utc(claim->since) << "\n\n";
  for (const auto& e : history) {
    const auto& c = e.change;
    out << format_utc(c.at) << "  "
        << (c.from ? std::string(to_string(*c.from)) : std::string("(new)")) << " -> "
        << to_string(c.to) << "  [" << c.actor << "]\n";
    if (c.story_id) {
      out << "    evidence: \"" << e.story_title << "\"\n";
      if (!e.story_link.empty()) {
        out << "    link:     " << e.story_link << "\n";
      }
      if (!e.feed_url.empty()) {
        out << "    feed:     " << e.feed_url << "\n";
      }
    }
    if (!c.rule.empty()) {
      out << "    rule:     " << c.rule << "\n";
    }
    if (!c.evidence_text.empty()) {
      out << "    says:     " << ellipsize(c.evidence_text, 200) << "\n";
    }
    if (!c.reason.empty()) {
      out << "    reason:   " << c.reason << "\n";
    }
  }
  return 0;
}

int cmd_alerts(const Invocation& inv, bool undelivered_only, std::ostream& out) {
  auto store = open_for_query(inv.paths);
  const auto alerts = store.list_alerts(undelivered_only);
  if (inv.json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& a : alerts) {
      arr.push_back(to_json(a));
    }
    out << arr.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return 0;
  }
  Table table({"ID", "CREATED", "CLAIM", "EVENT", "STORY", "LINK"});
  for (const auto& r : alerts) {
    const Alert& a = r.alert;
    std::string event;
    if (a.kind == AlertKind::status_change) {
      event = (a.from ? std::string(to_string(*a.from)) : std::string("new")) + " -> " +
              std::string(to_string(a.to));
    } else {
      event =
          "repeat #" + std::to_string(a.repeat_count) + " after " + std::string(to_string(a.to));
    }
    table.add({std::to_string(r.id), format_utc(a.created_at), a.claim_id, event,
               ellipsize(a.story_title, 70), a.story_link});
  }
  table.print(out);
  return 0;
}

int cmd_feeds(const Invocation& inv, std::ostream& out) {
  auto store = open_for_query(inv.paths);
  const auto feeds = store.list_feeds();
  if (inv.json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& f : feeds) {
      arr.push_back(to_json(f));
    }
    out << arr.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return 0;
  }
  Table table({"ID", "LAST POLL", "HTTP", "ERRORS", "STORIES", "URL", "LAST ERROR"});
  for (const auto& f : feeds) {
    table.add({std::to_string(f.id), f.last_polled_at ? format_utc(*f.last_polled_at) : "never",
               f.last_http_status ? std::to_string(f.last_http_status) : "-",
               std::to_string(f.error_count), std::to_string(f.stories), f.url,
               f.last_error.empty() ? "-" : ellipsize(f.last_error, 80)});
  }
  table.print(out);
  return 0;
}

}  // namespace hw::app
