// The words for an alert, in the log, the digest and the `hypewatch alerts` table.
#include <catch2/catch.hpp>

#include "alerts/alert_text.h"

using hw::Alert;
using hw::AlertKind;
using hw::ClaimStatus;

namespace {

Alert alert(AlertKind kind) {
  Alert a;
  a.kind = kind;
  a.claim_id = "yemen-hacking";
  a.to = ClaimStatus::clarified;
  return a;
}

}  // namespace

TEST_CASE("a status change reads as a transition, from 'new' when there was none") {
  Alert a = alert(AlertKind::status_change);
  CHECK(hw::alerts::event_text(a) == "new -> clarified");
  a.from = ClaimStatus::reported;
  CHECK(hw::alerts::event_text(a) == "reported -> clarified");
  CHECK(hw::alerts::event_cell(a) == "reported -> clarified");
}

TEST_CASE("a repeat after clarification carries its count") {
  Alert a = alert(AlertKind::repeated_after_clarification);
  a.repeat_count = 2;
  CHECK(hw::alerts::event_text(a) == "repeated after it was clarified (repeat #2)");
  CHECK(hw::alerts::event_cell(a) == "repeat #2 after clarified");
}

TEST_CASE("a hype spike is a hype spike, never 'repeat #0'") {
  Alert a = alert(AlertKind::hype_spike);
  a.to = ClaimStatus::reported;
  a.message = "9 mentions from 4 sites in 24h";
  CHECK(hw::alerts::event_text(a) == "hype spike: 9 mentions from 4 sites in 24h");
  CHECK(hw::alerts::event_cell(a) == "hype spike");
  CHECK(hw::alerts::event_cell(a).find("repeat") == std::string::npos);
}

TEST_CASE("the summary line is the claim, the event and the story title") {
  Alert a = alert(AlertKind::repeated_after_clarification);
  a.repeat_count = 1;
  a.story_title = "Hackers bought ads";
  CHECK(hw::alerts::summary_line(a) ==
        "yemen-hacking: repeated after it was clarified (repeat #1) — \"Hackers bought ads\"");
}
