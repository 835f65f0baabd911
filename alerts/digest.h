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
};

struct DigestText {
  std::string subject;
  std::string text;
  std::string html;
};

// Alerts grouped by claim (claims in order of their first alert): status changes with the
// evidence story (title, link, source site), repeats after clarification with their count,
// any other alert kinds, then failing feeds. The HTML part has a small mentions-per-day bar
// chart per claim built from table cells, which renders in mail clients without scripts.
DigestText render_digest(const DigestContent& content);

// "www.example.org" from "https://www.example.org/a/b"; empty when there is no host.
std::string site_of(const std::string& url);

}  // namespace hw::alerts
