#pragma once
// schema.org ClaimReview markup on a fact-checker's article page (docs/factchecks.md): every
// review in JSON-LD (one object, an array, an @graph, @type as an array, nested in another
// item) and, only when no JSON-LD review is present, in microdata. Pure: bytes in, values out.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/time.h"

namespace hw::feeds {

// reviewRating: the verdict text and, when the publisher gives them, the numbers.
struct ReviewRating {
  std::string alternate_name;  // the verdict as words ("Pants on Fire", "Missing context")
  std::optional<double> value;  // ratingValue
  std::optional<double> best;   // bestRating: declared scale only
  std::optional<double> worst;  // worstRating
};

// One ClaimReview. URLs are absolute (resolved against the page's URL), text is trimmed.
struct ClaimReview {
  std::string claim_reviewed;  // the claim as the fact-checker words it
  ReviewRating rating;
  std::string url;          // the review's own URL; the page URL when it names none
  std::string author;       // the fact-checker (organisation name)
  std::string author_url;
  std::optional<TimePoint> date_published;
  std::vector<std::string> appearances;  // itemReviewed.appearance and firstAppearance URLs
  std::string first_appearance;          // "" when not given
  std::string claim_author;              // itemReviewed.author name: who made the claim
  bool microdata = false;                // found in microdata rather than JSON-LD
};

struct ClaimReviewPage {
  std::vector<ClaimReview> reviews;
  // What was skipped and why, one line each: "line 12: JSON-LD block is not valid JSON (…)",
  // "line 40: ClaimReview without claimReviewed". For the log; the rest of the page still counts.
  std::vector<std::string> problems;
};

// Every ClaimReview of the HTML page `html` fetched from `page_url`. Never throws on page
// content: anything unusable is reported in `problems` and skipped.
ClaimReviewPage extract_claim_reviews(std::string_view html, std::string_view page_url);

}  // namespace hw::feeds
