#pragma once
// A claim's standing as a schema.org ClaimReview (README, "Exporting ClaimReview"), for
// fact-checking tools and search engines. Pure: the caller reads the claim and its stories.
#include <optional>
#include <string>
#include <vector>

#include "model/claim.h"
#include "util/time.h"

namespace hw::alerts {

// A story that carried the claim: where and when it appeared.
struct Appearance {
  std::string url;  // absolute http(s) URL
  TimePoint at{};   // evidence time: published, else first seen
};

struct ClaimReviewSource {
  std::string claim_id;
  std::string statement;
  ClaimStatus status = ClaimStatus::tracked;
  TimePoint since{};                    // when the status was reached: datePublished
  std::vector<Appearance> appearances;  // any order; deduplicated and sorted here
  std::string author = "hypewatch";     // the reviewing organisation
  std::string base_url;  // review URL = base_url + claim id; "" = no url (and no @id)
};

// The documented scale (worstRating 1, bestRating 5): retracted 1, disputed 2, clarified 3,
// confirmed 5. nullopt for tracked and reported, which are no verdict.
std::optional<int> rating_value(ClaimStatus status);

// The ClaimReview JSON-LD object ({"@context","@type":"ClaimReview",…}) for a claim with a
// verdict; nullopt for tracked and reported claims. Only http(s) appearances are listed;
// firstAppearance is the earliest of them.
std::optional<std::string> claim_review_jsonld(const ClaimReviewSource& source);

}  // namespace hw::alerts
