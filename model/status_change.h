#pragma once
// One entry of a claim's append-only status history. A model type (not a storage one) because
// the status engine (rules/claim_engine.h) builds it and the store records it.
#include <cstdint>
#include <optional>
#include <string>

#include "model/claim.h"
#include "util/time.h"

namespace hw {

struct StatusChange {
  std::string claim_id;
  std::optional<ClaimStatus> from;  // nullopt for the initial entry
  ClaimStatus to = ClaimStatus::tracked;
  TimePoint at{};           // evidence time: the story's published time, else when recorded
  TimePoint recorded_at{};  // when hypewatch wrote it
  std::string actor;        // "initial" | "engine" | "manual"
  std::string rule;         // the rule/feature that fired
  std::string evidence_text;
  std::string reason;  // manual changes: the person's reason
  std::optional<std::int64_t> story_id;
  std::optional<std::int64_t> revision_id;
};

}  // namespace hw
