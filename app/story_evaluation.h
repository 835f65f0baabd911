#pragma once
// One story revision through the matcher and the status engine, written in one transaction:
// the step the poll cycle takes for each new revision and a rescan for each stored story.
#include <set>
#include <span>
#include <string>
#include <vector>

#include "model/alert.h"
#include "rules/matcher.h"
#include "rules/source_credibility.h"
#include "storage/store.h"

namespace hw::app {

struct StoryToEvaluate {
  std::int64_t story_id = 0;
  std::int64_t revision_id = 0;
  std::string feed_url;
  TimePoint at{};  // evidence time
  const Story* story = nullptr;
};

struct EvaluationOptions {
  // Only these claims' matches are kept (a rescan of some claims); empty = every claim.
  std::set<std::string> only_claims;
  // A rescan: alerts are backfill, the revision stays where it is in the queue, and pairs
  // already matched under the claim's current definition are skipped.
  bool rescan = false;
  // When set, these are the story's matches (a fact-check page's verdicts, app/factcheck_reader)
  // and the matcher does not judge its text.
  const std::vector<Match>* given_matches = nullptr;
  // Sites known for fabricated or satirical news ([sources] in hypewatch.toml).
  std::span<const std::string> low_credibility = rules::default_low_credibility_sites();
};

struct EvaluationOutcome {
  int matches = 0;
  std::vector<Alert> alerts;
};

// Matches the story against every claim of `matcher` (claims compete for a story, so a subset
// would judge differently), keeps those `options` select, asks the engine, records the result.
EvaluationOutcome evaluate_story(storage::Store& store, rules::Matcher& matcher,
                                 const StoryToEvaluate& s, const EvaluationOptions& options,
                                 TimePoint now);

}  // namespace hw::app
