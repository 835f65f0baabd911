#pragma once
#include <string>

#include "model/alert.h"

namespace hw::alerts {

// What happened, in full: "new -> reported", "repeated after it was clarified (repeat #2)",
// "hype spike: <message>". The digest's bullet and the middle of summary_line.
std::string event_text(const Alert& alert);

// What happened, short enough for a table cell (`hypewatch alerts`): "new -> reported",
// "repeat #2 after clarified", "hype spike".
std::string event_cell(const Alert& alert);

// The one-line message people read in the log, the CLI and the digest, e.g.
//   yemen-hacking: reported -> clarified ("State Dept: 'hacking' was ad purchases")
std::string summary_line(const Alert& alert);

// Sends the alert to the log ("alerts" channel) with its attributes.
void log_alert(const Alert& alert);

}  // namespace hw::alerts
