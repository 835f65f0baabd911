#include "feeds/claim_review_json.h"

#include <nlohmann/json.hpp>

namespace hw::feeds {
namespace {

using nlohmann::json;

json optional_number(const std::optional<double>& x) {
  return x ? json(*x) : json(nullptr);
}

std::optional<double> number_or_none(const json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    return std::nullopt;
  }
  return it->get<double>();
}

std::string text(const json& j, const char* key) {
  const auto it = j.find(key);
  return it == j.end() || it->is_null() ? std::string() : it->get<std::string>();
}

}  // namespace

std::string reviews_to_json(const std::vector<ClaimReview>& reviews) {
  json out = json::array();
  for (const auto& r : reviews) {
    out.push_back({
        {"claim_reviewed", r.claim_reviewed},
        {"rating",
         {{"alternate_name", r.rating.alternate_name},
          {"value", optional_number(r.rating.value)},
          {"best", optional_number(r.rating.best)},
          {"worst", optional_number(r.rating.worst)}}},
        {"url", r.url},
        {"author", r.author},
        {"author_url", r.author_url},
        {"date_published", r.date_published ? json(format_utc(*r.date_published)) : json(nullptr)},
        {"appearances", r.appearances},
        {"first_appearance", r.first_appearance},
        {"claim_author", r.claim_author},
        {"microdata", r.microdata},
    });
  }
  // Invalid UTF-8 cannot reach here (the page extractor cleans text), but a stored value must
  // never make the dump throw: replace rather than fail.
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

Expected<std::vector<ClaimReview>> reviews_from_json(std::string_view text_in) {
  std::vector<ClaimReview> out;
  try {
    const json all = json::parse(text_in);
    if (!all.is_array()) {
      return fail("stored ClaimReviews are not a JSON array");
    }
    for (const auto& j : all) {
      ClaimReview r;
      r.claim_reviewed = text(j, "claim_reviewed");
      if (const auto rating = j.find("rating"); rating != j.end() && rating->is_object()) {
        r.rating.alternate_name = text(*rating, "alternate_name");
        r.rating.value = number_or_none(*rating, "value");
        r.rating.best = number_or_none(*rating, "best");
        r.rating.worst = number_or_none(*rating, "worst");
      }
      r.url = text(j, "url");
      r.author = text(j, "author");
      r.author_url = text(j, "author_url");
      if (const auto date = text(j, "date_published"); !date.empty()) {
        r.date_published = parse_utc(date);
      }
      if (const auto a = j.find("appearances"); a != j.end() && a->is_array()) {
        r.appearances = a->get<std::vector<std::string>>();
      }
      r.first_appearance = text(j, "first_appearance");
      r.claim_author = text(j, "claim_author");
      r.microdata = j.value("microdata", false);
      out.push_back(std::move(r));
    }
  } catch (const json::exception& e) {
    return fail(std::string("stored ClaimReviews are not readable: ") + e.what());
  }
  return out;
}

}  // namespace hw::feeds
