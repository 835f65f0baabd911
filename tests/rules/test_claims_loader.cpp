#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "rules/claims_loader.h"
#include "support/test_support.h"
#include "util/error.h"

using hw::ClaimStatus;
using hw::rules::load_claims_file;
using hw::rules::parse_claims;

namespace {

// The message of the ConfigError that parsing `text` throws; fails the test if none.
std::string error_of(const std::string& text) {
  try {
    parse_claims(text, "claims.toml");
  } catch (const hw::ConfigError& error) {
    return error.what();
  }
  FAIL("no ConfigError for:\n" << text);
  return {};
}

const std::string kHeader =
    "[[claim]]\n"
    "id = \"c1\"\n"
    "statement = \"A claim.\"\n";

}  // namespace

TEST_CASE("a full claim loads with every field") {
  const auto claims = parse_claims(R"(
[[claim]]
id = "yemen-hacking"
statement = "The State Department hacked al-Qaeda websites in Yemen."
status = "reported"
required = [["state department", "clinton"], ["hack*"], "yemen*"]
clarification = ["purchase of advertisements"]
refutation = ["did not hack"]
confirmation = ["confirmed the hacking"]
retraction = ["retracted its report"]

[[claim]]
id = "second.claim_2"
statement = "Another."
required = [["another"]]
)",
                                   "claims.toml");
  REQUIRE(claims.size() == 2);
  const auto& c = claims[0];
  CHECK(c.id == "yemen-hacking");
  CHECK(c.statement == "The State Department hacked al-Qaeda websites in Yemen.");
  CHECK(c.initial_status == ClaimStatus::reported);
  REQUIRE(c.required.size() == 3);
  CHECK(c.required[0] == std::vector<std::string>{"state department", "clinton"});
  CHECK(c.required[2] == std::vector<std::string>{"yemen*"});  // bare string = group of one
  CHECK(c.clarification_phrases == std::vector<std::string>{"purchase of advertisements"});
  CHECK(c.refutation_phrases == std::vector<std::string>{"did not hack"});
  CHECK(c.confirmation_phrases == std::vector<std::string>{"confirmed the hacking"});
  CHECK(c.retraction_phrases == std::vector<std::string>{"retracted its report"});
  CHECK(claims[1].initial_status == ClaimStatus::tracked);
  CHECK(claims[1].clarification_phrases.empty());
}

TEST_CASE("an empty claims file has no claims") {
  CHECK(parse_claims("# nothing yet\n", "claims.toml").empty());
}

TEST_CASE("the shipped example claims load") {
  const auto claims = load_claims_file(hw::test::source_dir() / "examples" / "claims.toml");
  REQUIRE(claims.size() >= 6);
  std::vector<std::string> ids;
  for (const auto& claim : claims) {
    ids.push_back(claim.id);
    CHECK_FALSE(claim.required.empty());
  }
  for (const char* id : {"yemen-hacking", "nyt-stuxnet-us", "china-ip-theft",
                         "cybercom-defense-mission", "us-china-hotlines", "un-code-of-conduct"}) {
    CHECK(std::ranges::find(ids, id) != ids.end());
  }
}

TEST_CASE("loader errors from files name the file, line and column") {
  const auto unknown = hw::test::fixture("rules/unknown_key.toml");
  CHECK_THROWS_WITH(load_claims_file(unknown),
                    unknown.string() + ":5:1: unknown key 'stauts' (did you mean 'status'?)");
  const auto duplicate = hw::test::fixture("rules/duplicate_id.toml");
  CHECK_THROWS_WITH(load_claims_file(duplicate),
                    duplicate.string() + ":7:6: duplicate claim id 'same' (first defined at " +
                        duplicate.string() + ":2:6)");
  CHECK(load_claims_file(hw::test::fixture("rules/minimal.toml")).size() == 1);
  const auto missing = hw::test::fixture("rules/does-not-exist.toml");
  CHECK_THROWS_WITH(load_claims_file(missing),
                    Catch::StartsWith(missing.string() + ": cannot read claims file"));
}

TEST_CASE("TOML syntax errors carry the parser's position") {
  const auto message = error_of("[[claim]]\nid = \"x\nstatement = \"y\"\n");
  CHECK_THAT(message, Catch::StartsWith("claims.toml:2:"));
}

TEST_CASE("missing id or statement points at the claim's table") {
  CHECK(error_of("\n[[claim]]\nstatement = \"A.\"\nrequired = [[\"a\"]]\n") ==
        "claims.toml:2:1: claim has no 'id'");
  CHECK(error_of("[[claim]]\nid = \"c1\"\nrequired = [[\"a\"]]\n") ==
        "claims.toml:1:1: claim 'c1' has no 'statement'");
}

TEST_CASE("a claim without 'required' is matched from its statement; thresholds are read") {
  const auto claims = parse_claims(kHeader +
                                       "min_sources = 3\nmin_score = 0.7\n"
                                       "hype_min_mentions = 10\nhype_factor = 4\n",
                                   "claims.toml");
  REQUIRE(claims.size() == 1);
  CHECK(claims[0].required.empty());
  CHECK(claims[0].min_sources == 3);
  CHECK(claims[0].min_sources_resolve == 1);
  CHECK(claims[0].min_score == Approx(0.7));
  CHECK(claims[0].hype_min_mentions == 10);
  CHECK(claims[0].hype_factor == Approx(4.0));
  CHECK_THAT(error_of(kHeader + "min_sources = 0\n"),
             Catch::Contains("'min_sources' must be between 1 and 100"));
  CHECK_THAT(error_of(kHeader + "hype_factor = \"x\"\n"),
             Catch::Contains("'hype_factor' must be a number, not a string"));
}

TEST_CASE("an invalid status lists the valid ones") {
  CHECK(error_of(kHeader + "status = \"debunked\"\nrequired = [[\"a\"]]\n") ==
        "claims.toml:4:10: invalid status 'debunked' (valid: tracked, reported, disputed, "
        "clarified, confirmed, retracted)");
}

TEST_CASE("ids are restricted to a-z 0-9 . _ -") {
  CHECK(error_of("[[claim]]\nid = \"Yemen Hacking\"\nstatement = \"A.\"\nrequired = [[\"a\"]]\n") ==
        "claims.toml:2:6: invalid id 'Yemen Hacking': use only lower-case letters, digits, '.', "
        "'_' and '-'");
  CHECK_THAT(error_of("[[claim]]\nid = \"\"\nstatement = \"A.\"\nrequired = [[\"a\"]]\n"),
             Catch::StartsWith("claims.toml:2:6: invalid id ''"));
}

TEST_CASE("wrong types are reported with what was found") {
  CHECK(error_of("[[claim]]\nid = 7\n") ==
        "claims.toml:2:6: 'id' must be a string, not an integer");
  CHECK(error_of(kHeader + "required = \"hack*\"\n") ==
        "claims.toml:4:12: 'required' must be an array of term groups, not a string");
  CHECK(error_of(kHeader + "required = [[\"a\", 3]]\n") ==
        "claims.toml:4:19: required term must be a string, not an integer");
  CHECK(error_of(kHeader + "required = [[\"a\"]]\nclarification = \"ads\"\n") ==
        "claims.toml:5:17: 'clarification' must be an array of strings, not a string");
  CHECK(error_of(kHeader + "required = [[\"a\"], 1.5]\n") ==
        "claims.toml:4:20: a 'required' group must be an array of strings, not a float");
}

TEST_CASE("empty groups and empty terms are rejected") {
  CHECK(error_of(kHeader + "required = []\n") ==
        "claims.toml:4:12: 'required' has no term groups (a claim needs at least one)");
  CHECK(error_of(kHeader + "required = [[\"a\"], []]\n") ==
        "claims.toml:4:20: empty 'required' group (it could never match)");
  CHECK(error_of(kHeader + "required = [[\"a\", \"\"]]\n") ==
        "claims.toml:4:19: required term '' has no letters or digits (empty term)");
  CHECK(error_of(kHeader + "required = [[\"a\"]]\nrefutation = [\"--\"]\n") ==
        "claims.toml:5:15: 'refutation' phrase '--' has no letters or digits");
  CHECK(error_of(kHeader + "required = [[\"ha*ck\"]]\n") ==
        "claims.toml:4:14: required term 'ha*ck': '*' is only allowed at the end of a term");
  CHECK(error_of(kHeader + "required = [[\"hack *\"]]\n") ==
        "claims.toml:4:14: required term 'hack *': '*' must directly follow a letter or digit");
}

TEST_CASE("unknown keys are reported at the key, top level included") {
  CHECK(error_of(kHeader + "required = [[\"a\"]]\nnotes = \"x\"\n") ==
        "claims.toml:5:1: unknown key 'notes' (a claim has: id, statement, status, required, "
        "clarification, refutation, confirmation, retraction, min_score, min_sources, "
        "min_sources_resolve, clear_denial_score, dispute_balance, hype_min_mentions, "
        "hype_factor)");
  CHECK(error_of("version = 1\n") ==
        "claims.toml:1:1: unknown key 'version' (a claims file holds only [[claim]] tables)");
  CHECK(error_of("[claim]\nid = \"a\"\n") ==
        "claims.toml:1:1: 'claim' must be an array of tables: write each claim as [[claim]]");
}

TEST_CASE("a duplicate id points at the second definition") {
  CHECK(error_of(kHeader + "required = [[\"a\"]]\n\n" + kHeader + "required = [[\"b\"]]\n") ==
        "claims.toml:7:6: duplicate claim id 'c1' (first defined at claims.toml:2:6)");
}
