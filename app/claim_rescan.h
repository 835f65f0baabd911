#pragma once
// Claims change, stories stay (docs/status.md): a new or edited claim is evaluated against
// the stories already stored, oldest evidence first, so its history reads as if it had been
// watched all along. Alerts raised this way are backfill (old evidence, not news).
#include <atomic>
#include <string>
#include <vector>

#include "app/factcheck_config.h"
#include "app/sources_config.h"
#include "model/alert.h"
#include "rules/matcher.h"
#include "storage/store.h"
#include "util/time.h"

namespace hw::app {

struct RescanReport {
  std::vector<std::string> claims;  // the claims rescanned
  int stories = 0;                  // stored stories looked at
  int matches = 0;                  // new matches recorded
  std::vector<Alert> alerts;        // all backfill
  bool complete = true;             // false when cancelled part-way (resumed next time)
};

// Evaluates every stored story not waiting in the queue against `claim_ids` (claims of
// `matcher`), skipping pairs already matched under the claim's current definition, and then
// marks each claim scanned under that definition. A fact-check feed's item is judged from the
// ClaimReviews its page had when last fetched (never from its text), with `factcheck`'s verdict
// words, and `sources` names the sites known for fabricated news. Stops between stories when
// `cancel` is set.
RescanReport rescan_claims(storage::Store& store, rules::Matcher& matcher,
                           const std::vector<std::string>& claim_ids,
                           const FactcheckConfig& factcheck, const SourcesConfig& sources,
                           const Clock& clock, const std::atomic<bool>* cancel = nullptr);

// ClaimLedger::sync_claims for the claims of `matcher`, with their definition hashes.
storage::ClaimSync sync_matcher_claims(storage::Store& store, const rules::Matcher& matcher,
                                       TimePoint now);

}  // namespace hw::app
