// ClaimReview extraction on pages shaped like each major fact-checker's (tests/fixtures/factcheck).
#include <catch2/catch.hpp>

#include "feeds/claim_review.h"
#include "feeds/claim_review_json.h"
#include "support/test_support.h"

using hw::feeds::ClaimReview;
using hw::feeds::extract_claim_reviews;

namespace {

hw::feeds::ClaimReviewPage page(const std::string& name, const std::string& url) {
  return extract_claim_reviews(hw::test::read_file(hw::test::fixture("factcheck/" + name)), url);
}

}  // namespace

TEST_CASE("PolitiFact-style: one JSON-LD object, numbers as strings, claim author") {
  const auto p = page("politifact-style.html", "https://factcheck-a.example/statements/x/");
  REQUIRE(p.reviews.size() == 1);
  const ClaimReview& r = p.reviews[0];
  CHECK(r.claim_reviewed == "The moon is made of cheese.");
  CHECK(r.rating.alternate_name == "Pants on Fire");
  CHECK(r.rating.value == 1.0);
  CHECK(r.rating.best == 6.0);
  CHECK(r.rating.worst == 1.0);
  CHECK(r.author == "Truth-O-Tron");
  CHECK(r.author_url == "https://factcheck-a.example/");
  CHECK(r.url == "https://factcheck-a.example/statements/2026/moon-cheese/");
  CHECK(r.claim_author == "Sen. Jane Example");
  CHECK(r.appearances == std::vector<std::string>{"https://news.example.org/2026/11/18/moon-cheese"});
  REQUIRE(r.date_published.has_value());
  CHECK(hw::format_utc(*r.date_published) == "2026-11-20T00:00:00Z");
  CHECK_FALSE(r.microdata);
  CHECK(p.problems.empty());
}

TEST_CASE("Full Fact-style: a top-level array holds two reviews with sentence verdicts") {
  const auto p = page("fullfact-style.html", "https://factcheck-b.example/health/waiting-times/");
  REQUIRE(p.reviews.size() == 2);
  CHECK(p.reviews[0].claim_reviewed == "Waiting lists have halved since last year.");
  CHECK(p.reviews[0].rating.alternate_name.starts_with("This is missing context."));
  CHECK_FALSE(p.reviews[0].rating.value.has_value());
  CHECK(p.reviews[0].appearances == std::vector<std::string>{"https://tv.example.net/interview-123"});
  CHECK(p.reviews[1].claim_reviewed == "Ten new hospitals opened this year.");
  CHECK(p.reviews[1].url == "https://factcheck-b.example/health/waiting-times/#second");
  CHECK(p.reviews[1].appearances.empty());
}

TEST_CASE("AFP-style: @graph, @type as an array, a broken block reported with its line") {
  const auto p = page("afp-style.html", "https://factcheck-c.example/en/doc.photo-flood");
  REQUIRE(p.reviews.size() == 1);
  const ClaimReview& r = p.reviews[0];
  CHECK(r.claim_reviewed == "Photo shows flooding in the capital this week");
  CHECK(r.rating.alternate_name == "False");
  CHECK(r.first_appearance == "https://social.example.com/post/998800");
  CHECK(r.appearances == std::vector<std::string>{"https://social.example.com/post/998800",
                                                  "https://social.example.com/post/998877"});
  REQUIRE(p.problems.size() == 1);
  CHECK(p.problems[0] == "line 2: JSON-LD block is not valid JSON; skipped");
}

TEST_CASE("FactCheck.org-style: microdata with nested items and relative URLs") {
  const auto p = page("factcheckorg-style.html", "https://factcheck-d.example/2026/11/x/");
  REQUIRE(p.reviews.size() == 1);
  const ClaimReview& r = p.reviews[0];
  CHECK(r.microdata);
  CHECK(r.claim_reviewed == "The new law triples income tax for everyone.");
  CHECK(r.rating.alternate_name == "Misleading");
  CHECK(r.author == "Check Center D");
  CHECK(r.url == "https://factcheck-d.example/2026/11/viral-post-tax-figures/");
  CHECK(r.appearances == std::vector<std::string>{"https://blog.example.org/tax-triple"});
  REQUIRE(r.date_published.has_value());
}

TEST_CASE("Lead Stories-style: the review nested in a NewsArticle, schema:-prefixed type") {
  const auto p = page("leadstories-style.html", "https://factcheck-e.example/2026/11/x.html");
  REQUIRE(p.reviews.size() == 1);
  CHECK(p.reviews[0].claim_reviewed == "Celebrity endorsed a miracle weight-loss pill");
  CHECK(p.reviews[0].rating.alternate_name == "Fake");
  CHECK(p.reviews[0].appearances.size() == 2);
}

TEST_CASE("Maldita-style: Spanish verdict, inverted scale, relative URLs resolved") {
  const auto p = page("maldita-style.html", "https://factcheck-f.example/bulo-agua-grifo/");
  REQUIRE(p.reviews.size() == 1);
  const ClaimReview& r = p.reviews[0];
  CHECK(r.rating.alternate_name == "Bulo");
  CHECK(r.rating.best == 1.0);
  CHECK(r.rating.worst == 5.0);
  CHECK(r.url == "https://factcheck-f.example/bulo-agua-grifo/");
  CHECK(r.author_url == "https://factcheck-f.example/");
  CHECK(r.appearances == std::vector<std::string>{"https://mensajes.example.es/cadena-42",
                                                  "https://factcheck-f.example/otro-enlace"});
}

TEST_CASE("Pages without usable reviews give none and say why") {
  CHECK(extract_claim_reviews("<html><body>plain article</body></html>", "https://x.example/")
            .reviews.empty());
  const auto p = extract_claim_reviews(
      R"(<script type="application/ld+json">{"@type":"ClaimReview","reviewRating":{}}</script>)",
      "https://x.example/a");
  CHECK(p.reviews.empty());
  REQUIRE(p.problems.size() == 1);
  CHECK(p.problems[0] == "line 1: ClaimReview without claimReviewed");
  std::string deep(10000, '[');
  const auto d = extract_claim_reviews(
      "<script type=\"application/ld+json\">" + deep + "</script>", "https://x.example/");
  CHECK(d.reviews.empty());
}

TEST_CASE("the reviews kept for a later claim read back as extracted, and damage is named") {
  const auto p = page("politifact-style.html", "https://factcheck-a.example/statements/x/");
  REQUIRE_FALSE(p.reviews.empty());
  const auto back = hw::feeds::reviews_from_json(hw::feeds::reviews_to_json(p.reviews));
  REQUIRE(back);
  REQUIRE(back->size() == p.reviews.size());
  const ClaimReview& a = p.reviews[0];
  const ClaimReview& b = (*back)[0];
  CHECK(b.claim_reviewed == a.claim_reviewed);
  CHECK(b.rating.alternate_name == a.rating.alternate_name);
  CHECK(b.rating.value == a.rating.value);
  CHECK(b.rating.best == a.rating.best);
  CHECK(b.rating.worst == a.rating.worst);
  CHECK(b.url == a.url);
  CHECK(b.author == a.author);
  CHECK(b.author_url == a.author_url);
  CHECK(b.date_published == a.date_published);
  CHECK(b.appearances == a.appearances);
  CHECK(b.first_appearance == a.first_appearance);
  CHECK(b.claim_author == a.claim_author);
  CHECK(b.microdata == a.microdata);

  const auto truncated = hw::feeds::reviews_from_json("[{\"claim_reviewed\": \"x\"");
  REQUIRE_FALSE(truncated);
  CHECK_THAT(truncated.error().message, Catch::Contains("stored ClaimReviews are not readable"));
  const auto object = hw::feeds::reviews_from_json("{}");
  REQUIRE_FALSE(object);
  CHECK_THAT(object.error().message, Catch::Contains("not a JSON array"));
}
