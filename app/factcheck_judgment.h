#pragma once
// What the ClaimReviews of one fact-check page say about our claims, as matches (docs/factchecks.md,
// "Fact-check feeds"). Pure: the page's reviews, the matcher, the verdict mapping and a lookup of
// the claims stored stories matched in, matches out.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/claim_review.h"
#include "model/claim.h"
#include "rules/matcher.h"
#include "rules/verdict_stance.h"

namespace hw::app {

// The claims stored stories with this link matched (a review's appearance URL).
using ClaimsOfLink = std::function<std::vector<std::string>(std::string_view url)>;

struct ReviewJudgment {
  std::vector<Match> matches;       // at most one per claim, each with factcheck = true
  std::vector<std::string> skipped;  // one line per review that is not evidence, and why
};

// A review is about a claim when (1) its claimReviewed, judged by the matcher as a story's
// title, matches the claim and asserts it (supports or mentions: a review of the claim's denial
// is not a verdict on the claim), or (2) one of its appearance/firstAppearance URLs is the link
// of a stored story that matched the claim. Its stance is the verdict's (rules::verdict_stance),
// never the matcher's; a review whose verdict says nothing usable is skipped. The first review
// of the page that is about a claim decides for that claim. `site` names the fact-checker when
// the review has no author.
ReviewJudgment judge_reviews(const rules::Matcher& matcher, const rules::VerdictMapping& mapping,
                             const std::vector<feeds::ClaimReview>& reviews,
                             const ClaimsOfLink& claims_of_link, std::string_view site);

}  // namespace hw::app
