#pragma once
#include <optional>
#include <string>

#include "model/claim.h"

namespace hw::rules {

// What one piece of evidence does to a claim in `current` status.
struct Decision {
  std::optional<ClaimStatus> new_status;  // set when the status changes
  // The story asserts the claim although it is already clarified, disputed (refuted) or
  // retracted: raise repeated_after_clarification.
  bool repeated_after_resolution = false;
  std::string reason;  // why, for the history ("clarification phrase: 'purchase of ads'")
};

// Pure transition function of the status machine (docs/status.md).
Decision decide(ClaimStatus current, const Match& match);

}  // namespace hw::rules
