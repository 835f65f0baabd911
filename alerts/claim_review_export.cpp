#include "alerts/claim_review_export.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace hw::alerts {
namespace {

std::string_view verdict_name(ClaimStatus status) {
  switch (status) {
    case ClaimStatus::retracted:
      return "Retracted";
    case ClaimStatus::disputed:
      return "Disputed";
    case ClaimStatus::clarified:
      return "Clarified: missing context";
    case ClaimStatus::confirmed:
      return "Confirmed";
    case ClaimStatus::tracked:
    case ClaimStatus::reported:
      break;
  }
  return {};
}

bool web_url(const std::string& url) {
  return url.starts_with("https://") || url.starts_with("http://");
}

}  // namespace

std::optional<int> rating_value(ClaimStatus status) {
  switch (status) {
    case ClaimStatus::retracted:
      return 1;
    case ClaimStatus::disputed:
      return 2;
    case ClaimStatus::clarified:
      return 3;
    case ClaimStatus::confirmed:
      return 5;
    case ClaimStatus::tracked:
    case ClaimStatus::reported:
      break;
  }
  return std::nullopt;
}

std::optional<std::string> claim_review_jsonld(const ClaimReviewSource& source) {
  const auto value = rating_value(source.status);
  if (!value) {
    return std::nullopt;
  }
  using J = nlohmann::ordered_json;
  std::vector<Appearance> seen;
  for (const auto& a : source.appearances) {
    if (web_url(a.url)) {
      seen.push_back(a);
    }
  }
  std::ranges::sort(seen, [](const Appearance& x, const Appearance& y) {
    return x.at != y.at ? x.at < y.at : x.url < y.url;
  });
  std::vector<std::string> urls;
  for (const auto& a : seen) {
    if (std::ranges::find(urls, a.url) == urls.end()) {
      urls.push_back(a.url);
    }
  }
  J claim{{"@type", "Claim"}};
  if (!urls.empty()) {
    J list = J::array();
    for (const auto& u : urls) {
      list.push_back({{"@type", "CreativeWork"}, {"url", u}});
    }
    claim["appearance"] = list;
    claim["firstAppearance"] = {{"@type", "CreativeWork"}, {"url", urls.front()}};
    claim["datePublished"] = format_utc(seen.front().at);
  }
  J review;
  review["@context"] = "https://schema.org";
  review["@type"] = "ClaimReview";
  if (web_url(source.base_url)) {
    review["@id"] = source.base_url + source.claim_id;
    review["url"] = source.base_url + source.claim_id;
  }
  review["identifier"] = source.claim_id;
  review["claimReviewed"] = source.statement;
  review["datePublished"] = format_utc(source.since);
  review["author"] = {{"@type", "Organization"}, {"name", source.author}};
  review["reviewRating"] = {{"@type", "Rating"},
                            {"ratingValue", *value},
                            {"worstRating", 1},
                            {"bestRating", 5},
                            {"alternateName", verdict_name(source.status)}};
  review["itemReviewed"] = claim;
  return review.dump(2, ' ', false, J::error_handler_t::replace);
}

}  // namespace hw::alerts
