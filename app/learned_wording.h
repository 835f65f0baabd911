#pragma once
// Statement claims learn the wording of the stories they clearly matched
// (rules::Matcher::match_and_learn). That memory lives in the matcher, so a matcher built for a
// run starts by reading the stored stories that matched some claim, oldest evidence first: a
// `poll --once` then knows what the previous runs learned, and ten polls learn what one poll
// of the same archive would.
#include "rules/matcher.h"
#include "storage/store.h"

namespace hw::app {

// Returns how many stored stories were read.
std::size_t learn_from_stored_matches(const storage::Store& store, rules::Matcher& matcher);

}  // namespace hw::app
