#pragma once
// A fact-check page's ClaimReviews as the JSON kept beside the page (factcheck_pages.
// reviews_json, docs/schema.md): a claim added after the page was judged is judged from the
// reviews stored, without fetching the page again (docs/factchecks.md, "Claims added later").
#include <string>
#include <string_view>
#include <vector>

#include "feeds/claim_review.h"
#include "util/error.h"

namespace hw::feeds {

std::string reviews_to_json(const std::vector<ClaimReview>& reviews);

// The reviews reviews_to_json wrote; an error naming what is wrong for anything else.
Expected<std::vector<ClaimReview>> reviews_from_json(std::string_view json);

}  // namespace hw::feeds
