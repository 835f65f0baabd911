// A fact-checker's feed on a real HTTP server on 127.0.0.1: its items' pages are fetched, their
// ClaimReviews judged against the claims file, and the verdicts move the claims with the
// fact-checker named in the history. Polling again adds nothing; a missing page is reported
// and the cycle goes on.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>

#include "app/config.h"
#include "app/poll_cycle.h"
#include "rules/claims_loader.h"
#include "storage/factcheck_pages.h"
#include "support/http_server.h"
#include "support/test_support.h"

using Catch::Matchers::Contains;
using namespace std::chrono;

namespace {

constexpr std::string_view kClaims = R"toml(
[[claim]]
id = "lighthouse-demolition"
statement = "The north pier lighthouse will be demolished."
required = [["lighthouse"], ["demolish*"]]

[[claim]]
id = "yemen-hacking"
statement = "The State Department hacked al-Qaeda websites in Yemen."
required = [["state department"], ["hack*"], ["al-qaeda", "al qaeda"], ["yemen*"]]

[[claim]]
id = "bridge-reopening"
statement = "The old bridge reopens to traffic."
required = [["bridge"], ["reopen*"]]
)toml";

// Copies the fixture pages and feeds, pointing their links at the server.
void publish(const std::filesystem::path& www, const std::string& host) {
  std::filesystem::create_directories(www);
  for (const auto& entry : std::filesystem::directory_iterator(hw::test::fixture("factcheck-feed"))) {
    const std::string text = hw::test::read_file(entry.path());
    hw::test::write_file(www / entry.path().filename(),
                         std::regex_replace(text, std::regex("HOST"), host));
  }
}

std::string status_of(const hw::storage::Store& store, const std::string& claim) {
  return std::string(hw::to_string(store.claims().claim(claim).value().status));
}

// The history entry that moved `claim` to `status`.
hw::storage::HistoryEntry entry_to(const hw::storage::Store& store, const std::string& claim,
                                   hw::ClaimStatus status) {
  for (const auto& e : store.claims().history(claim)) {
    if (e.change.to == status && e.change.from) {
      return e;
    }
  }
  FAIL("no history entry of " << claim << " to " << hw::to_string(status));
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("a fact-check feed's verdicts move the claims, once, and a missing page is reported") {
  hw::test::TempDir dir;
  hw::test::HttpServer server(dir / "www");
  const std::string host = "127.0.0.1:" + std::to_string(server.port());
  publish(dir / "www", host);
  hw::test::write_file(dir / "claims.toml", std::string(kClaims));
  hw::test::write_file(dir / "hypewatch.toml",
                       "claims = \"claims.toml\"\n"
                       "[[feed]]\nurl = \"" + server.url("/files/news.xml") + "\"\n"
                       "[[feed]]\nurl = \"" + server.url("/files/factcheck.xml") + "\"\n"
                       "name = \"Check Desk\"\nkind = \"factcheck\"\n");
  const auto config = hw::app::load_config(dir / "hypewatch.toml");
  REQUIRE(config.feeds.at(1).kind == "factcheck");

  auto store = hw::storage::Store::open(dir / "hw.db", hw::storage::OpenMode::read_write);
  hw::feeds::FetchOptions options;
  options.total_timeout_ms = 5000;
  hw::feeds::Fetcher fetcher(options);
  hw::rules::Matcher matcher(hw::rules::load_claims_file(config.claims_file));
  hw::ManualClock clock(sys_days{2012y / June / 6} + 12h);
  hw::app::PollCycle cycle(store, fetcher, matcher, clock);
  cycle.set_factcheck(config.factcheck);

  const auto first = cycle.run(config.feeds);
  CHECK(first.failed == 0);
  CHECK(first.stories_new == 6);
  CHECK(first.factcheck_pages == 4);
  CHECK(first.factcheck_failed == 1);
  // The missing page names the fact-check feed and the page; the other pages still counted.
  const std::string missing = server.url("/status/404");
  REQUIRE(first.errors.size() == 1);
  CHECK_THAT(first.errors[0], Contains(server.url("/files/factcheck.xml")) &&
                                  Contains(missing) && Contains("404"));

  // Pants on Fire disputes the claim from one fact-checker, though min_sources is 2.
  CHECK(status_of(store, "lighthouse-demolition") == "disputed");
  const auto disputed = entry_to(store, "lighthouse-demolition", hw::ClaimStatus::disputed);
  CHECK_THAT(disputed.change.rule, Contains("Meter Desk") && Contains("pants on fire") &&
                                       Contains("fact-check: 127.0.0.1"));
  CHECK_THAT(disputed.change.evidence_text, Contains("Pants on Fire"));
  CHECK(disputed.story_link == server.url("/files/pants-on-fire.html"));

  // Reported by the paper, then clarified by the fact-checker's "Missing context".
  CHECK(status_of(store, "yemen-hacking") == "clarified");
  const auto clarified = entry_to(store, "yemen-hacking", hw::ClaimStatus::clarified);
  CHECK_THAT(clarified.change.rule, Contains("Fact Desk B") && Contains("missing context"));
  CHECK_THAT(clarified.change.evidence_text, Contains("bought advertisements"));

  // Tied to the claim only through its firstAppearance: the paper's story that matched it.
  CHECK(status_of(store, "bridge-reopening") == "confirmed");
  const auto confirmed = entry_to(store, "bridge-reopening", hw::ClaimStatus::confirmed);
  CHECK_THAT(confirmed.change.rule,
             Contains("Meter Desk") && Contains("appearance " + server.url("/files/news/bridge.html")));

  const auto counts = store.counts();
  const auto alerts = store.alerts().list_alerts().size();

  SECTION("polling again adds nothing") {
    clock.advance(minutes(10));  // the missing page's retry is due after 15 minutes
    const auto again = cycle.run(config.feeds);
    CHECK(again.stories_new == 0);
    CHECK(again.alerts.empty());
    CHECK(again.factcheck_pages == 0);
    CHECK(store.counts().matches == counts.matches);
    CHECK(store.counts().history == counts.history);
    CHECK(store.alerts().list_alerts().size() == alerts);
  }

  SECTION("a revised item refetches its page conditionally and judges nothing again") {
    const auto feed_path = dir / "www/factcheck.xml";
    std::string xml = hw::test::read_file(feed_path);
    xml = std::regex_replace(xml, std::regex("Our verdict on a claim about the harbour."),
                             "Our verdict on a claim about the harbour (updated).");
    hw::test::write_file(feed_path, xml);
    clock.advance(minutes(10));
    const auto again = cycle.run(config.feeds);
    CHECK(again.stories_revised == 1);
    CHECK(again.factcheck_pages == 1);
    CHECK(server.hits("/files/pants-on-fire.html") == 2);
    CHECK_FALSE(server.last_header("/files/pants-on-fire.html", "If-None-Match").empty());
    CHECK(again.alerts.empty());
    CHECK(store.counts().matches == counts.matches);
    CHECK(store.alerts().list_alerts().size() == alerts);
  }

  SECTION("a claim added later is judged from the reviews kept, without fetching the pages") {
    hw::test::write_file(dir / "claims.toml", std::string(kClaims) + R"toml(
[[claim]]
id = "ferries"
statement = "Ten new ferries entered service this year."
)toml");
    hw::rules::Matcher later(hw::rules::load_claims_file(config.claims_file));
    hw::app::PollCycle next(store, fetcher, later, clock);
    next.set_factcheck(config.factcheck);
    clock.advance(minutes(10));
    const auto again = next.run(config.feeds);
    CHECK(again.factcheck_pages == 0);
    CHECK(server.hits("/files/missing-context.html") == 1);
    // "Correct." on the page's second review, of exactly this statement: confirmed, by the
    // fact-checker alone.
    CHECK(status_of(store, "ferries") == "confirmed");
    const auto ferries = entry_to(store, "ferries", hw::ClaimStatus::confirmed);
    CHECK_THAT(ferries.change.rule, Contains("Fact Desk B") && Contains("correct"));
    CHECK(ferries.story_link == server.url("/files/missing-context.html"));
    // Old evidence: the alerts say so, and the other claims gained nothing.
    REQUIRE_FALSE(again.alerts.empty());
    for (const auto& a : again.alerts) {
      CHECK(a.claim_id == "ferries");
      CHECK(a.backfill);
    }
    CHECK(status_of(store, "lighthouse-demolition") == "disputed");
    CHECK(store.counts().matches == counts.matches + 1);
  }

  SECTION("a failed page is retried after its backoff, and reported again") {
    clock.advance(minutes(16));
    const auto again = cycle.run(config.feeds);
    CHECK(again.factcheck_pages == 1);
    CHECK(again.factcheck_failed == 1);
    CHECK(server.hits("/status/404") == 2);
    CHECK(again.alerts.empty());
    CHECK(store.counts().matches == counts.matches);
    hw::storage::FactcheckPages pages(store.database());
    const auto failed = pages.page(missing);
    REQUIRE(failed);
    CHECK(failed->error_count == 2);
    CHECK(failed->last_http_status == 404);
  }
}

TEST_CASE("[factcheck] verdicts and a feed's kind are checked with the file and line") {
  hw::test::TempDir dir;
  auto load = [&](const std::string& text) {
    hw::test::write_file(dir / "hypewatch.toml", "claims = \"c.toml\"\n" + text);
    return hw::app::load_config(dir / "hypewatch.toml");
  };
  const auto ok = load(
      "[factcheck]\npage_max_bytes = 100000\n"
      "[[factcheck.verdict]]\nphrase = \"Four Pinocchios\"\nstance = \"refutes\"\n");
  CHECK(ok.factcheck.page_max_bytes == 100000);
  REQUIRE(ok.factcheck.verdicts.size() == 1);
  CHECK(ok.factcheck.verdicts[0].stance == hw::Stance::refutes);

  CHECK_THROWS_WITH(load("[[feed]]\nurl = \"http://x.example/rss\"\nkind = \"factchek\"\n"),
                    Contains("hypewatch.toml:4:8") && Contains("news\" or \"factcheck"));
  CHECK_THROWS_WITH(
      load("[[factcheck.verdict]]\nphrase = \"Four Pinocchios\"\nstance = \"supports\"\n"),
      Contains("hypewatch.toml:4:10") && Contains("refutes, clarifies, confirms"));
  CHECK_THROWS_WITH(load("[factcheck]\npage_size = 1\n"),
                    Contains("hypewatch.toml:3:1") && Contains("unknown key 'page_size'"));
}
