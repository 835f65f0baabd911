#pragma once
// The order of claims in the digest: what needs a person's attention first.
#include <map>
#include <string>
#include <vector>

#include "alerts/digest.h"

namespace hw::alerts {

// Claim ids (as keys of `by_claim`, each with its alerts oldest first), most urgent first:
//  1. claims repeated after they were clarified or retracted: the damage hypewatch exists to
//     catch, and someone may have to answer it;
//  2. claims newly disputed: the record is changing;
//  3. hype spikes;
//  4. every other claim (first reports, confirmations, …);
//  5. alerts without a claim (operational) last.
// Within a rank, claims keep the order of their first alert, so equal urgency reads in time order.
std::vector<std::string> claims_by_attention(
    const std::vector<std::string>& first_alert_order,
    const std::map<std::string, std::vector<const DigestAlert*>>& by_claim);

}  // namespace hw::alerts
