#include "alerts/alert_text.h"

#include "util/log.h"

namespace hw::alerts {

std::string summary_line(const Alert& a) {
  std::string line = a.claim_id + ": ";
  switch (a.kind) {
    case AlertKind::status_change:
      line += a.from ? std::string(to_string(*a.from)) : std::string("new");
      line += " -> ";
      line += to_string(a.to);
      break;
    case AlertKind::repeated_after_clarification:
      line += "repeated after it was ";
      line += to_string(a.to);
      line += " (repeat #" + std::to_string(a.repeat_count) + ")";
      break;
    case AlertKind::hype_spike:
      line += "hype spike: " + a.message;
      break;
  }
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
