#pragma once
#include <string>

#include "model/alert.h"

namespace hw::alerts {

// The one-line message people read in the log, the CLI and the digest, e.g.
//   yemen-hacking: reported -> clarified ("State Dept: 'hacking' was ad purchases")
std::string summary_line(const Alert& alert);

// Sends the alert to the log ("alerts" channel) with its attributes.
void log_alert(const Alert& alert);

}  // namespace hw::alerts
