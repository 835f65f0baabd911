// `hypewatch export claimreview`: schema.org ClaimReview JSON-LD checked against the
// vocabulary's expectations (required properties present, types right, URLs absolute).
#include <catch2/catch.hpp>

#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "storage/store.h"
#include "support/test_support.h"

namespace {

using nlohmann::json;
using namespace std::chrono_literals;

bool absolute_web_url(const json& v) {
  if (!v.is_string()) {
    return false;
  }
  const std::string s = v;
  return (s.starts_with("https://") || s.starts_with("http://")) && s.find(' ') == std::string::npos;
}

// The properties schema.org and the ClaimReview consumers' guidelines expect, with their types.
void check_claim_review(const json& r) {
  CHECK(r["@context"] == "https://schema.org");
  CHECK(r["@type"] == "ClaimReview");
  CHECK(absolute_web_url(r["url"]));
  CHECK(r["claimReviewed"].is_string());
  CHECK_FALSE(r["claimReviewed"].get<std::string>().empty());
  CHECK(hw::parse_utc(r["datePublished"].get<std::string>()).has_value());
  CHECK(r["author"]["@type"] == "Organization");
  CHECK(r["author"]["name"].is_string());
  const json& rating = r["reviewRating"];
  CHECK(rating["@type"] == "Rating");
  REQUIRE(rating["ratingValue"].is_number_integer());
  CHECK(rating["worstRating"] == 1);
  CHECK(rating["bestRating"] == 5);
  CHECK(rating["ratingValue"].get<int>() >= 1);
  CHECK(rating["ratingValue"].get<int>() <= 5);
  CHECK(rating["alternateName"].is_string());
  CHECK(r["itemReviewed"]["@type"] == "Claim");
  for (const auto& a : r["itemReviewed"]["appearance"]) {
    CHECK(a["@type"] == "CreativeWork");
    CHECK(absolute_web_url(a["url"]));
  }
  CHECK(absolute_web_url(r["itemReviewed"]["firstAppearance"]["url"]));
}

}  // namespace

TEST_CASE("export claimreview: disputed claim with its appearances; undecided claims refused") {
  hw::test::TempDir dir;
  const auto db = dir / "hw.db";
  const auto t0 = hw::parse_utc("2026-11-20T08:00:00Z").value();
  {
    auto store = hw::storage::Store::open(db, hw::storage::OpenMode::read_write);
    hw::Claim moon, mars;
    moon.id = "moon-cheese";
    moon.statement = "The moon is made of cheese.";
    mars.id = "mars-base";
    mars.statement = "NASA will open a base on Mars in 2030.";
    store.claims().sync_claims({{moon, "h1"}, {mars, "h2"}}, t0);
    const auto feed = store.feeds().ensure_feed("https://news.example.org/rss");
    auto add_story = [&](const std::string& link, hw::TimePoint at) {
      hw::Story s;
      s.guid = link;
      s.link = link;
      s.title = "story " + link;
      s.published = at;
      return store.stories().upsert_story(feed, s, at);
    };
    const auto first = add_story("https://news.example.org/a", t0 + 1h);
    const auto later = add_story("https://news.example.org/b", t0 + 5h);
    const auto denial = add_story("https://factcheck.example/moon", t0 + 9h);
    auto record = [&](const hw::storage::UpsertResult& story, hw::Stance stance,
                      std::optional<hw::ClaimStatus> to, hw::TimePoint at) {
      hw::storage::EvaluationWrite w;
      w.story_id = story.story_id;
      w.revision_id = story.revision_id;
      w.at = at;
      w.evidence_at = at;
      hw::Match m;
      m.claim_id = "moon-cheese";
      m.stance = stance;
      m.score = 0.9;
      w.matches.push_back(m);
      if (to) {
        hw::StatusChange c;
        c.claim_id = "moon-cheese";
        c.to = *to;
        c.at = at;
        c.actor = "engine";
        w.changes.push_back(c);
      }
      REQUIRE(store.claims().record_evaluation(w));
    };
    record(later, hw::Stance::supports, std::nullopt, t0 + 5h);
    record(first, hw::Stance::supports, hw::ClaimStatus::reported, t0 + 1h);
    record(denial, hw::Stance::refutes, hw::ClaimStatus::disputed, t0 + 9h);
  }
  hw::cli::Invocation inv;
  inv.paths.db = db;
  std::ostringstream out, err;
  REQUIRE(hw::cli::cmd_export_claimreview(
              inv, {{}, "https://claims.example.org/review", "Example Desk"}, out, err) == 0);
  const json doc = json::parse(out.str());
  REQUIRE(doc.is_array());
  REQUIRE(doc.size() == 1);  // mars-base has no verdict
  const json& r = doc[0];
  check_claim_review(r);
  CHECK(r["url"] == "https://claims.example.org/review/moon-cheese");
  CHECK(r["claimReviewed"] == "The moon is made of cheese.");
  CHECK(r["datePublished"] == "2026-11-20T17:00:00Z");
  CHECK(r["author"]["name"] == "Example Desk");
  CHECK(r["reviewRating"]["ratingValue"] == 2);
  CHECK(r["reviewRating"]["alternateName"] == "Disputed");
  // The stories that carried the claim, oldest first; not the fact-check that denied it.
  REQUIRE(r["itemReviewed"]["appearance"].size() == 2);
  CHECK(r["itemReviewed"]["appearance"][0]["url"] == "https://news.example.org/a");
  CHECK(r["itemReviewed"]["appearance"][1]["url"] == "https://news.example.org/b");
  CHECK(r["itemReviewed"]["firstAppearance"]["url"] == "https://news.example.org/a");
  CHECK(err.str().empty());

  std::ostringstream out2, err2;
  CHECK(hw::cli::cmd_export_claimreview(inv, {{"mars-base"}, "", ""}, out2, err2) == 65);
  CHECK(err2.str() ==
        "hypewatch export: claim mars-base is tracked: no verdict to export (only disputed, "
        "clarified, confirmed, retracted)\n");
  CHECK(out2.str() == "[]\n");
}
