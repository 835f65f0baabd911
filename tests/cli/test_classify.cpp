// `hypewatch classify` follows its README contract: JSON lines in, one verdict line out per
// input, in order, with claim ids from RULES or free statements; bad lines get an error line.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/commands.h"
#include "support/test_support.h"

using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

std::vector<json> classify(const std::string& input, const std::string& claims = {},
                           int* exit_code = nullptr, std::string* raw = nullptr) {
  std::istringstream in(input);
  std::ostringstream out, err;
  const int rc = hw::cli::cmd_classify(claims, in, out, err);
  if (exit_code != nullptr) {
    *exit_code = rc;
  }
  if (raw != nullptr) {
    *raw = out.str();
  }
  std::vector<json> lines;
  std::istringstream text(out.str());
  for (std::string line; std::getline(text, line);) {
    lines.push_back(json::parse(line));
  }
  return lines;
}

}  // namespace

TEST_CASE("classify: one line per input, contract fields in contract order") {
  const std::string claims = (hw::test::source_dir() / "examples/claims.toml").string();
  int rc = -1;
  std::string raw;
  const auto out = classify(
      R"({"id":"a","claim":"yemen-hacking","title":"Clinton: State Department hacked al-Qaeda websites in Yemen","body":""})"
      "\n"
      R"({"id":"b","claim":"yemen-hacking","title":"State Department bought advertisements on al-Qaeda sites in Yemen, not a hack","body":"Clinton said the State Department hacked nothing."})"
      "\n"
      R"({"id":7,"claim":"yemen-hacking","title":"Olympic swimming results","body":"Phelps wins again."})"
      "\n",
      claims, &rc, &raw);
  CHECK(rc == 0);
  REQUIRE(out.size() == 3);
  CHECK(raw.starts_with(R"({"id":"a","related":true,"stance":"supports","score":)"));
  CHECK(out[1]["stance"] == "clarifies");
  CHECK(out[2]["id"] == 7);
  CHECK(out[2]["related"] == false);
  CHECK(out[2]["stance"] == "unrelated");
}

TEST_CASE("classify works without --claims: the claim is a free statement") {
  const auto out = classify(
      R"({"id":1,"claim":"Apple will sell 19 million Apple Watches in 2015","title":"Analyst forecasts 19 million Apple Watch sales in 2015","body":""})"
      "\n"
      R"({"id":2,"claim":"Apple will sell 19 million Apple Watches in 2015","title":"Police find mass graves near Mexican town","body":"Forty-three students disappeared after a clash with police."})"
      "\n"
      R"({"id":3,"claim":"Apple will sell 19 million Apple Watches in 2015","title":"","body":""})"
      "\n");
  REQUIRE(out.size() == 3);
  CHECK(out[0]["related"] == true);
  CHECK(out[1]["related"] == false);
  CHECK(out[2]["related"] == false);  // title and body may be empty
  for (const auto& line : out) {
    CHECK(line["score"].get<double>() >= 0.0);
    CHECK(line["score"].get<double>() <= 1.0);
  }
}

TEST_CASE("classify: a bad line gets an error line and exit code 1, the rest go on") {
  int rc = 0;
  const auto out =
      classify("not json\n{\"id\":2}\n{\"id\":3,\"claim\":\"Cats can fly.\"}\n", {}, &rc);
  CHECK(rc == 1);
  REQUIRE(out.size() == 3);
  CHECK(out[0].contains("error"));
  CHECK_THAT(out[1]["error"].get<std::string>(), Contains("'claim'"));
  CHECK(out[2]["related"] == false);
}
