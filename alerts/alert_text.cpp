#include "alerts/alert_text.h"

#include "util/log.h"

namespace hw::alerts {

namespace {

std::string transition(const Alert& a) {
  return (a.from ? std::string(to_string(*a.from)) : std::string("new")) + " -> " +
         std::string(to_string(a.to));
}

}  // namespace

// Both texts switch over every kind with no default, so a new kind is a compile warning
// (-Wswitch) here instead of falling into another kind's wording, as the CLI's copy once did
// ("repeat #0" for a hype spike).
std::string event_text(const Alert& a) {
  switch (a.kind) {
    case AlertKind::status_change:
      return transition(a);
    case AlertKind::repeated_after_clarification:
      return "repeated after it was " + std::string(to_string(a.to)) + " (repeat #" +
             std::to_string(a.repeat_count) + ")";
    case AlertKind::hype_spike:
      return "hype spike: " + a.message;
    case AlertKind::feed_failing:
      return "feed failing: " + a.message;
  }
  return std::string(to_string(a.kind));
}

std::string event_cell(const Alert& a) {
  switch (a.kind) {
    case AlertKind::status_change:
      return transition(a);
    case AlertKind::repeated_after_clarification:
      return "repeat #" + std::to_string(a.repeat_count) + " after " +
             std::string(to_string(a.to));
    case AlertKind::hype_spike:
      return "hype spike";
    case AlertKind::feed_failing:
      return "feed failing";
  }
  return std::string(to_string(a.kind));
}

std::string summary_line(const Alert& a) {
  std::string line = (a.claim_id.empty() ? std::string("feeds") : a.claim_id) + ": " + event_text(a);
  if (!a.story_title.empty()) {
    line += " — \"" + a.story_title + "\"";
  }
  return line;
}

void log_alert(const Alert& a) {
  log::write("alerts", log::Level::info, summary_line(a),
             {{"kind", std::string(to_string(a.kind))},
              {"claim", a.claim_id},
              {"status", std::string(to_string(a.to))},
              {"story", a.story_link}});
}

}  // namespace hw::alerts
