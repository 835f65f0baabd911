#include "model/alert.h"

namespace hw {

std::string_view to_string(AlertKind k) {
  switch (k) {
    case AlertKind::status_change:
      return "status_change";
    case AlertKind::repeated_after_clarification:
      return "repeated_after_clarification";
    case AlertKind::hype_spike:
      return "hype_spike";
    case AlertKind::feed_failing:
      return "feed_failing";
  }
  return "?";
}

std::optional<AlertKind> alert_kind_from_string(std::string_view name) {
  for (const AlertKind k : kAlertKinds) {
    if (to_string(k) == name) {
      return k;
    }
  }
  return std::nullopt;
}

}  // namespace hw
