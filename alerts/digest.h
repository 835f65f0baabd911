#pragma once
// Building the alert digest: a pure function from alerts (+ context) to subject, plain text and
// HTML. Sending is someone else's job.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "model/alert.h"
#include "util/time.h"

namespace hw::alerts {

struct DigestAlert {
  std::int64_t id = 0;
  Alert alert;
};

struct FeedTrouble {
  std::string url;
  int error_count = 0;
  std::string last_error;
};

struct DigestContent {
  std::vector<DigestAlert> alerts;                   // oldest first
  std::map<std::string, std::string> statements;     // claim id -> statement
  std::map<std::string, std::vector<int>> mentions;  // claim id -> per-day counts
  std::vector<FeedTrouble> failing_feeds;
  TimePoint now{};
  // The last day of the mentions charts: `now`, or the newest evidence when the stories are
  // older (an archive replayed): the charts then show the archive's last days, not zeros.
  TimePoint chart_end{};
};

struct DigestText {
  std::string subject;
  std::string text;
  std::string html;
};

// Alerts grouped by claim, most urgent claim first (digest_order.h): status changes with the
// evidence story (title, link, source site), repeats after clarification with their count,
// any other alert kinds, then failing feeds. The HTML part has a mentions-per-day bar chart
// with dates and a scale per mentioned claim, built from table cells (digest_chart.h).
DigestText render_digest(const DigestContent& content);

}  // namespace hw::alerts
