#pragma once
#include <string>

#include "model/claim.h"

namespace hw::rules {

// A stable digest of everything in a claim that decides which stories match it and how they
// move its status (statement, terms, phrases, thresholds; not the id). When it changes, the
// stories already stored are evaluated again under the new definition (docs/status.md,
// "Claims change, stories stay").
std::string definition_hash(const Claim& claim);

}  // namespace hw::rules
