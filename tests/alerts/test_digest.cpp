#include <catch2/catch.hpp>

#include <algorithm>

#include "alerts/digest.h"

using Catch::Matchers::Contains;
using namespace std::chrono;

namespace {

hw::alerts::DigestAlert alert(std::int64_t id, const std::string& claim, hw::AlertKind kind,
                              std::optional<hw::ClaimStatus> from, hw::ClaimStatus to,
                              const std::string& title, const std::string& link, int repeat = 0) {
  hw::alerts::DigestAlert a;
  a.id = id;
  a.alert.kind = kind;
  a.alert.claim_id = claim;
  a.alert.from = from;
  a.alert.to = to;
  a.alert.story_title = title;
  a.alert.story_link = link;
  a.alert.repeat_count = repeat;
  return a;
}

hw::alerts::DigestContent sample() {
  using hw::AlertKind;
  using hw::ClaimStatus;
  hw::alerts::DigestContent c;
  c.now = sys_days{2012y / September / 15} + 8h;
  c.statements["yemen"] = "The State Department hacked al-Qaeda websites in Yemen.";
  c.alerts = {
      alert(1, "yemen", AlertKind::status_change, ClaimStatus::tracked, ClaimStatus::reported,
            "Clinton says State hacked sites", "https://wire.example/a"),
      alert(2, "ip", AlertKind::status_change, ClaimStatus::tracked, ClaimStatus::reported,
            "Senators press on trade secrets", "https://ledger.example/b"),
      alert(3, "yemen", AlertKind::status_change, ClaimStatus::reported, ClaimStatus::clarified,
            "It was a purchase of advertisements", "https://wire.example/c"),
      alert(4, "yemen", AlertKind::repeated_after_clarification, std::nullopt,
            ClaimStatus::clarified, "Op-ed: <script>alert(1)</script> & the hacking",
            "https://op.example/d", 1),
      alert(5, "yemen", AlertKind::repeated_after_clarification, std::nullopt,
            ClaimStatus::clarified, "Another repeat", "https://other.example/e", 2),
  };
  c.mentions["yemen"] = {0, 0, 3, 1, 0, 2, 0};
  c.failing_feeds = {{"https://down.example/rss", 4, "https://down.example/rss: HTTP 503"}};
  return c;
}

}  // namespace

TEST_CASE("the digest groups alerts by claim, the claim being repeated first") {
  const auto d = hw::alerts::render_digest(sample());
  CHECK(d.subject == "hypewatch: 5 alerts on 2 claims, 1 failing feeds");
  const auto yemen = d.text.find("== yemen: The State Department hacked");
  const auto ip = d.text.find("== ip");
  REQUIRE(yemen != std::string::npos);
  REQUIRE(ip != std::string::npos);
  CHECK(yemen < ip);
  // All yemen alerts sit under its heading, before the next claim.
  for (const char* id : {"[#1]", "[#3]", "[#4]", "[#5]"}) {
    const auto at = d.text.find(id);
    REQUIRE(at != std::string::npos);
    CHECK(at > yemen);
    CHECK(at < ip);
  }
  CHECK(d.text.find("[#2]") > ip);
}

TEST_CASE("the digest shows evidence, the source site, repeat counts and failing feeds") {
  const auto d = hw::alerts::render_digest(sample());
  CHECK_THAT(d.text, Contains("reported -> clarified: \"It was a purchase of advertisements\" "
                              "(wire.example)"));
  CHECK_THAT(d.text, Contains("2 stories repeated the claim after it was clarified."));
  CHECK_THAT(d.text, Contains("repeated after it was clarified (repeat #2)"));
  CHECK_THAT(d.text, Contains("https://down.example/rss (4 errors): https://down.example/rss: "
                              "HTTP 503"));
  // The text says what its numbers are: a total over the window, and the busiest day.
  CHECK_THAT(d.text, Contains("mentions in the last 7 days: 6 (at most 3 a day)"));
}

TEST_CASE("the HTML part escapes story text, links the evidence and charts without scripts") {
  const auto d = hw::alerts::render_digest(sample());
  CHECK_THAT(d.html, Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; the hacking"));
  CHECK(d.html.find("<script") == std::string::npos);
  CHECK_THAT(d.html, Contains("<a href=\"https://wire.example/c\">It was a purchase of "
                              "advertisements</a>"));
  // One bar cell per day, tallest for the busiest day.
  std::size_t bars = 0;
  for (auto at = d.html.find("width=\"8\""); at != std::string::npos;
       at = d.html.find("width=\"8\"", at + 1)) {
    ++bars;
  }
  CHECK(bars == 7);
  CHECK_THAT(d.html, Contains("height=\"40\" bgcolor=\"#c0392b\" title=\"Sep 11: 3\""));
}

TEST_CASE("claims are ordered by what needs attention: repeats, disputes, spikes, the rest") {
  using hw::AlertKind;
  using hw::ClaimStatus;
  hw::alerts::DigestContent c;
  c.now = sys_days{2012y / September / 15} + 8h;
  c.alerts = {
      alert(1, "first-report", AlertKind::status_change, ClaimStatus::tracked,
            ClaimStatus::reported, "A", "https://a.example/1"),
      alert(2, "spiking", AlertKind::hype_spike, std::nullopt, ClaimStatus::reported, "B",
            "https://b.example/2"),
      alert(3, "disputed", AlertKind::status_change, ClaimStatus::reported, ClaimStatus::disputed,
            "C", "https://c.example/3"),
      alert(4, "repeated", AlertKind::repeated_after_clarification, std::nullopt,
            ClaimStatus::clarified, "D", "https://d.example/4", 1),
      alert(5, "confirmed", AlertKind::status_change, ClaimStatus::reported,
            ClaimStatus::confirmed, "E", "https://e.example/5"),
  };
  const auto d = hw::alerts::render_digest(c);
  std::vector<std::size_t> at;
  for (const char* claim : {"== repeated", "== disputed", "== spiking", "== first-report",
                            "== confirmed"}) {
    INFO(claim);
    at.push_back(d.text.find(claim));
    CHECK(at.back() != std::string::npos);
  }
  CHECK(std::is_sorted(at.begin(), at.end()));
}

TEST_CASE("the HTML chart has dates and a scale; claims without mentions get none") {
  auto c = sample();
  c.mentions["ip"] = {0, 0, 0, 0, 0, 0, 0};
  const auto d = hw::alerts::render_digest(c);
  // The window's first and last day under the bars, the busiest day's count as the scale.
  CHECK_THAT(d.html, Contains(">Sep 9</td>") && Contains(">Sep 15</td>"));
  CHECK_THAT(d.html, Contains("padding-right:3px\">3</td>") &&
                         Contains("padding-right:3px\">0</td>"));
  CHECK_THAT(d.html, Contains("aria-label=\"mentions per day, Sep 9 to Sep 15, at most 3\""));
  // No remote images, no scripts: it reads the same in a mail client that blocks both.
  CHECK(d.html.find("<img") == std::string::npos);
  CHECK(d.html.find("<script") == std::string::npos);
  // One chart (yemen's); the unmentioned claim has neither chart nor caption.
  std::size_t charts = 0;
  for (auto p = d.html.find("role=\"img\""); p != std::string::npos;
       p = d.html.find("role=\"img\"", p + 1)) {
    ++charts;
  }
  CHECK(charts == 1);
  const auto ip = d.text.find("== ip");
  REQUIRE(ip != std::string::npos);
  CHECK(d.text.find("mentions in the last", ip) == std::string::npos);
}
