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
  }
  return "?";
}

}  // namespace hw
