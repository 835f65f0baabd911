#include "alerts/digest.h"

#include <algorithm>
#include <set>

#include "alerts/alert_text.h"
#include "alerts/digest_chart.h"
#include "alerts/digest_order.h"
#include "util/url_host.h"

namespace hw::alerts {
namespace {

std::string html_escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

bool is_web_link(const std::string& url) {
  return url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
}

}  // namespace

DigestText render_digest(const DigestContent& c) {
  std::vector<std::string> first_alert_order;
  std::map<std::string, std::vector<const DigestAlert*>> by_claim;
  for (const auto& a : c.alerts) {
    if (!by_claim.contains(a.alert.claim_id)) {
      first_alert_order.push_back(a.alert.claim_id);
    }
    by_claim[a.alert.claim_id].push_back(&a);
  }
  const std::vector<std::string> order = claims_by_attention(first_alert_order, by_claim);

  DigestText d;
  const std::size_t n = c.alerts.size();
  d.subject = "hypewatch: " + std::to_string(n) + (n == 1 ? " alert" : " alerts") + " on " +
              std::to_string(order.size()) + (order.size() == 1 ? " claim" : " claims");
  if (!c.failing_feeds.empty()) {
    d.subject += ", " + std::to_string(c.failing_feeds.size()) + " failing feeds";
  }

  std::string& t = d.text;
  std::string& h = d.html;
  t = "hypewatch digest, " + format_utc(c.now) + "\n";
  h = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + html_escape(d.subject) +
      "</title></head><body style=\"font-family:sans-serif\">\n<h1 style=\"font-size:18px\">"
      "hypewatch digest, " +
      format_utc(c.now) + "</h1>\n";

  for (const auto& claim : order) {
    const auto& alerts = by_claim[claim];
    const auto statement = c.statements.contains(claim) ? c.statements.at(claim) : std::string();
    // Alerts without a claim are about the feeds themselves (feed_failing).
    const std::string heading = claim.empty() ? std::string("feeds") : claim;
    t += "\n== " + heading + (statement.empty() ? "" : ": " + statement) + "\n";
    h += "<h2 style=\"font-size:16px\">" + html_escape(heading) + "</h2>\n";
    if (!statement.empty()) {
      h += "<p><i>" + html_escape(statement) + "</i></p>\n";
    }
    int repeats = 0;
    for (const auto* a : alerts) {
      if (a->alert.kind == AlertKind::repeated_after_clarification) {
        ++repeats;
      }
    }
    if (repeats > 0) {
      const std::string line = std::to_string(repeats) + (repeats == 1 ? " story" : " stories") +
                               " repeated the claim after it was " +
                               std::string(to_string(alerts.back()->alert.to)) + ".";
      t += "  " + line + "\n";
      h += "<p><b>" + html_escape(line) + "</b></p>\n";
    }
    h += "<ul>\n";
    for (const auto* item : alerts) {
      const Alert& a = item->alert;
      // The host as the link shows it ("www." kept, unlike the evidence gate's count of sites).
      const std::string site = url_host(a.story_link);
      t += "  - [#" + std::to_string(item->id) + "] " + event_text(a);
      if (!a.story_title.empty()) {
        t += ": \"" + a.story_title + "\"";
      }
      if (!site.empty()) {
        t += " (" + site + ")";
      }
      t += "\n";
      if (!a.story_link.empty()) {
        t += "    " + a.story_link + "\n";
      }
      if (!a.message.empty()) {
        t += "    " + a.message + "\n";
      }
      h += "<li><b>" + html_escape(event_text(a)) + "</b>";
      if (!a.story_title.empty()) {
        h += ": ";
        h += is_web_link(a.story_link) ? "<a href=\"" + html_escape(a.story_link) + "\">" +
                                             html_escape(a.story_title) + "</a>"
                                       : html_escape(a.story_title);
      }
      if (!site.empty()) {
        h += " <small>(" + html_escape(site) + ")</small>";
      }
      if (!a.message.empty()) {
        h += "<br><small>" + html_escape(a.message) + "</small>";
      }
      h += "</li>\n";
    }
    h += "</ul>\n";
    // Only claims that were mentioned get a chart: an all-zero strip says nothing.
    if (auto m = c.mentions.find(claim);
        m != c.mentions.end() && summarize_mentions(m->second).total > 0) {
      const std::string caption = mentions_caption(m->second);
      t += "  " + caption + "\n";
      h += "<p><small>" + html_escape(caption) + "</small></p>\n" +
           mentions_chart_html(m->second, c.chart_end == TimePoint{} ? c.now : c.chart_end) + "\n";
    }
  }

  if (!c.failing_feeds.empty()) {
    t += "\n== failing feeds\n";
    h += "<h2 style=\"font-size:16px\">Failing feeds</h2>\n<ul>\n";
    for (const auto& f : c.failing_feeds) {
      t += "  - " + f.url + " (" + std::to_string(f.error_count) + " errors): " + f.last_error +
           "\n";
      h += "<li>" + html_escape(f.url) + " (" + std::to_string(f.error_count) +
           " errors): " + html_escape(f.last_error) + "</li>\n";
    }
    h += "</ul>\n";
  }
  h += "</body></html>\n";
  return d;
}

}  // namespace hw::alerts
