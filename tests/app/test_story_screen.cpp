// The parse threads screen new stories for ones no claim can match (app/story_screen.h); the
// poll cycle then records those as matching nothing without reading their texts back. A wrong
// "no" would silently lose a match, so the screen must refuse only what the matcher refuses.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "app/story_screen.h"
#include "rules/claims_loader.h"
#include "rules/matcher.h"

using hw::Story;
using hw::app::StoryScreen;
using hw::rules::Matcher;

namespace {

Story story(std::string title, std::string content) {
  Story s;
  s.title = std::move(title);
  s.content = std::move(content);
  s.guid = s.title;
  return s;
}

Matcher matcher_of(const char* toml) {
  return Matcher(hw::rules::parse_claims(toml, "claims.toml"));
}

}  // namespace

TEST_CASE("the story screen refuses only stories the matcher matches nothing in") {
  Matcher matcher = matcher_of(R"(
[[claim]]
id = "yemen-hacking"
statement = "The State Department hacked al-Qaeda websites in Yemen."
required = [["state department", "clinton"], ["hack*"], ["al-qaeda", "al qaeda", "qaeda"], ["yemen*"]]
)");
  const std::vector<Story> stories{
      story("State Department hackers hit al-Qaeda sites", "The operation targeted Yemeni forums."),
      story("Yemen talks resume", "Hackers were blamed for an outage at the department store."),
      story("Local bakery wins prize", "Nothing to see here."),
  };
  auto screen = StoryScreen::for_claims(matcher);
  REQUIRE(screen);
  const auto verdicts = screen->screen(stories);
  REQUIRE(verdicts.size() == stories.size());
  CHECK(verdicts[0] == 1);
  CHECK(!matcher.match(stories[0]).empty());
  for (std::size_t i = 1; i < stories.size(); ++i) {
    CHECK(verdicts[i] == 0);
    CHECK(matcher.match(stories[i]).empty());
  }
}

TEST_CASE("statement claims are not screened: learned wording can still bring a story in") {
  Matcher matcher = matcher_of(R"(
[[claim]]
id = "burger"
statement = "Two Australian men kept a McDonald's Quarter Pounder for 20 years."
)");
  CHECK(StoryScreen::for_claims(matcher) == nullptr);
}
