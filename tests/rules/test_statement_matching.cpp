// Claims without `required` are matched from their statement by the shipped stance model;
// hand rules still win for claims that have them.
#include <catch2/catch.hpp>

#include "rules/claim_fit.h"
#include "rules/claims_loader.h"
#include "rules/matcher.h"
#include "rules/place_names.h"
#include "rules/stance_classifier.h"

using hw::Stance;
using hw::Story;

namespace {

Story story(std::string title, std::string summary) {
  Story s;
  s.title = std::move(title);
  s.summary = std::move(summary);
  return s;
}

// A matcher of one claim written only as a statement.
hw::rules::Matcher statement_matcher(const std::string& id, const std::string& statement) {
  return hw::rules::Matcher(hw::rules::parse_claims(
      "[[claim]]\nid = \"" + id + "\"\nstatement = \"" + statement + "\"\n", "c.toml"));
}

}  // namespace

TEST_CASE("a claim with no rules matches stories about its statement, and only those") {
  const hw::rules::Matcher matcher(hw::rules::parse_claims(R"(
[[claim]]
id = "burger"
statement = "Two Australian men kept a McDonald's Quarter Pounder for 20 years."

[[claim]]
id = "yemen-hacking"
statement = "The State Department hacked al-Qaeda websites in Yemen."
required = [["state department"], ["hack*"], ["yemen*"]]
)",
                                                           "c.toml"));
  const auto hits = matcher.match(
      story("Two Australian men kept a Quarter Pounder for 20 years",
            "The McDonald's burger, bought in 1995, has barely changed, the two men said."));
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].claim_id == "burger");
  CHECK(hits[0].rule.starts_with("statement fit"));
  CHECK_THAT(hits[0].rule,
             Catch::Contains("shared terms: Two, Australian, men, kept, Quarter, Pounder"));
  CHECK_FALSE(hits[0].evidence.empty());

  CHECK(matcher.match(story("Stock markets close higher", "Shares rose on Tuesday.")).empty());
  // The statement model never matches a rule claim: these words are not its required groups.
  CHECK(matcher.match(story("State Department and Yemen", "Officials met in Yemen.")).empty());
}

TEST_CASE("the classifier reads stance cues") {
  hw::rules::StanceClassifier classifier;
  const auto claim = classifier.profile("A shark bit a surfer at Bondi beach.");
  const auto yes = classifier.classify(claim, "Shark bites surfer at Bondi beach", "");
  CHECK(yes.related);
  const auto no = classifier.classify(claim, "Bondi shark bite story is a hoax, fake photo", "");
  CHECK(no.related);
  CHECK((no.stance == Stance::refutes || no.stance == Stance::clarifies));
  const auto other = classifier.classify(claim, "Parliament passes budget", "");
  CHECK_FALSE(other.related);
}

namespace {

// Three claims on one topic, as a desk following the Apple Watch launch would write them.
const char* const kLookAlikes = R"(
[[claim]]
id = "watch-march"
statement = "The Apple Watch will ship in March."

[[claim]]
id = "watch-gold-price"
statement = "The gold Apple Watch Edition will cost 10,000 dollars."

[[claim]]
id = "watch-sapphire"
statement = "The Apple Watch screen is made of sapphire crystal."
)";

std::vector<std::string> ids(const std::vector<hw::Match>& matches) {
  std::vector<std::string> out;
  for (const auto& m : matches) {
    out.push_back(m.claim_id);
  }
  return out;
}

}  // namespace

TEST_CASE("a story goes to the look-alike claim it carries, not to every claim on the topic") {
  const hw::rules::Matcher matcher(hw::rules::parse_claims(kLookAlikes, "c.toml"));
  using V = std::vector<std::string>;
  CHECK(ids(matcher.match(story("Apple Watch to start shipping in March, sources say", ""))) ==
        V{"watch-march"});
  CHECK(ids(matcher.match(story("Gold Apple Watch Edition to cost $10,000", ""))) ==
        V{"watch-gold-price"});
  CHECK(ids(matcher.match(story("Apple Watch display uses sapphire crystal", ""))) ==
        V{"watch-sapphire"});
  // The topic alone fits all three about equally: none of them wins.
  CHECK(matcher.match(story("Hands on with the Apple Watch", "")).empty());
  // Another topic sharing one word ("Oscar" is not Oscar Pistorius) is not the claim.
  const auto pistorius =
      statement_matcher("pistorius-escape", "Oscar Pistorius escaped from prison.");
  CHECK(pistorius.match(story("Greatest Oscar winners ever", "")).empty());
  // The same people without what the claim says of them is not the claim.
  CHECK(
      pistorius.match(story("Oscar Pistorius granted parole a decade after killing girlfriend", ""))
          .empty());
  const auto finland = statement_matcher("russia-finland", "Russia has invaded Finland.");
  CHECK(finland.match(story("Finland pushing back 'weaponized migration' on Russia border", ""))
            .empty());
  CHECK(ids(finland.match(story("Russian troops invade Finland", ""))) == V{"russia-finland"});
  CHECK(ids(pistorius.match(story("Oscar Pistorius escapes from prison", ""))) ==
        V{"pistorius-escape"});
}

TEST_CASE("news words for the same event count as the claim's predicate, and only those") {
  const auto matcher = statement_matcher("apple-path", "Apple is buying Path.");
  using V = std::vector<std::string>;
  // "acquire" and "purchase" say what "buying" says.
  CHECK(ids(matcher.match(story("Apple to acquire Path, the struggling social network", ""))) ==
        V{"apple-path"});
  CHECK(ids(matcher.match(story("Apple in talks over Path purchase", ""))) == V{"apple-path"});
  // The same names with another event are still not the claim.
  CHECK(matcher.match(story("Apple and Path executives meet in Cupertino", "")).empty());
  // A product "debuts" when a claim says it "will ship"; "reviewed" is another event.
  const auto kestrel =
      statement_matcher("kestrel-march", "Orbital Labs will ship the Kestrel X2 in March.");
  CHECK(ids(kestrel.match(story(
            "Orbital's Kestrel phone debuts with a bigger battery and a brighter screen", ""))) ==
        V{"kestrel-march"});
  CHECK(kestrel
            .match(story("Orbital's Kestrel phone reviewed: a bigger battery and a brighter screen",
                         ""))
            .empty());
  // One of the claim's numbers says what the claim says of its names; a year does not.
  const auto price = statement_matcher(
      "kestrel-price", "Orbital Labs will sell the Kestrel X2 for 950 USD in 2016.");
  CHECK(ids(price.match(story(
            "Would you pay 950 for the Kestrel? Readers weigh in on phones, tablets and watches",
            ""))) == V{"kestrel-price"});
  CHECK(price
            .match(story("Kestrel in 2016? Readers weigh in on Orbital phones, tablets and watches",
                         ""))
            .empty());
  // A story that calls the claim a rumour or a hoax is about it, predicate or not.
  const auto castro = statement_matcher("castro-died", "Fidel Castro has died.");
  CHECK(ids(castro.match(story("Fidel Castro rumors sweep internet, but no sign in Cuba", ""))) ==
        V{"castro-died"});
  // The same story without the rumour word: the names alone.
  CHECK(castro.match(story("Fidel Castro talk sweeps internet, but no sign in Cuba", "")).empty());
  // A denial of something else, in the body's lead, is everyday news wording, not the claim's
  // rumour: only the headline stands in for the predicate.
  CHECK(castro
            .match(story("Fidel Castro's brother meets the Pope in Havana",
                         "Officials are denying that the talks were about trade."))
            .empty());
}

TEST_CASE("one common word in common is not a story about the claim") {
  const auto matcher = statement_matcher("beats-shutdown", "Apple will shutdown Beats Music");
  using V = std::vector<std::string>;
  CHECK(matcher.match(story("India deploys shutdowns in name of security", "")).empty());
  const auto decisions = matcher.explain(story("India deploys shutdowns in name of security", ""));
  REQUIRE(decisions.size() == 1);
  CHECK_THAT(decisions[0].why, Catch::Contains("a single shared word, and not a name"));
  CHECK(ids(matcher.match(story("Apple confirms Beats Music shutdown", ""))) ==
        V{"beats-shutdown"});
}

TEST_CASE("a headline that asks whether the claim is a hoax does not deny it") {
  const auto matcher =
      statement_matcher("audio", "An audio recording captured the shooting at the mall.");
  const auto asked =
      matcher.match(story("Is the audio recording of the mall shooting a hoax?", ""));
  REQUIRE(asked.size() == 1);
  CHECK(asked[0].stance == Stance::mentions);
  const auto said = matcher.match(story("The audio recording of the mall shooting is a hoax", ""));
  REQUIRE(said.size() == 1);
  CHECK(said[0].stance == Stance::refutes);
}

TEST_CASE("a story calling the claim a hoax needs less of its wording than one repeating it") {
  const auto matcher = statement_matcher("armed-women",
                                         "A photo shows Nigerian women armed with rifles who saved "
                                         "their village school from Boko Haram.");
  using V = std::vector<std::string>;
  const auto denial = story("Tale of gutsy bravehearts who repelled Boko Haram is a hoax", "");
  const auto decisions = matcher.explain(denial);
  REQUIRE(decisions.size() == 1);
  // Below the fit an ordinary story needs, above the one a rumour story needs.
  CHECK(decisions[0].fit < hw::rules::FitPolicy{}.min_fit);
  CHECK(decisions[0].fit >= hw::rules::FitPolicy{}.rumour_min_fit);
  CHECK(ids(matcher.match(denial)) == V{"armed-women"});
  // The same few words without calling anything a hoax: a story on the topic, not the claim.
  CHECK(matcher.match(story("Tale of gutsy bravehearts who repelled Boko Haram is a hit", ""))
            .empty());
}

TEST_CASE("a description that repeats the headline is read as a headline, not as a body") {
  const auto matcher =
      statement_matcher("banksy-arrested", "The artist Banksy was arrested in London.");
  const std::string headline = "Banksy has NOT been arrested, despite viral report";
  const auto alone = matcher.match(story(headline, ""));
  const auto echoed = matcher.match(story(headline, headline));
  const auto prefix = matcher.match(story(headline, "Banksy has NOT been arrested"));
  REQUIRE(alone.size() == 1);
  REQUIRE(echoed.size() == 1);
  REQUIRE(prefix.size() == 1);
  // Same text, same judgement, whichever way the feed shaped it.
  CHECK(alone[0].stance == Stance::refutes);
  CHECK(echoed[0].stance == alone[0].stance);
  CHECK(prefix[0].stance == alone[0].stance);
  CHECK_THAT(echoed[0].rule, Catch::Contains("; headline; refutes"));
  // A real body is read too, with the headline.
  const auto both = matcher.match(
      story(headline,
            "Police in London said no one had been detained. The artist Banksy remains "
            "anonymous and was not arrested, a spokesman said."));
  REQUIRE(both.size() == 1);
  CHECK_THAT(both[0].rule, Catch::Contains("headline+body"));
}

TEST_CASE("repeats_headline: equal or a prefix, whatever the case and punctuation") {
  using hw::rules::repeats_headline;
  CHECK(repeats_headline("Apple's Watch: out in March!", "apples watch out in march"));
  CHECK(repeats_headline("Apple Watch out in March", "Apple Watch out"));
  CHECK(repeats_headline("Apple Watch out in March", ""));
  CHECK_FALSE(repeats_headline("Apple Watch out", "Apple Watch out in March, sources say"));
  CHECK_FALSE(repeats_headline("Apple Watch out in March", "Shipping starts next spring."));
}

TEST_CASE("a statement claim learns the wording of the stories it clearly matched") {
  hw::rules::Matcher matcher(hw::rules::parse_claims(R"(
[[claim]]
id = "burger"
statement = "Two Australian men kept a McDonald's Quarter Pounder for 20 years."

[[claim]]
id = "mars"
statement = "NASA will open a base on Mars in 2030."
)",
                                                     "claims.toml"));
  const Story later = story("World's oldest burger pictured in an Adelaide kitchen", "");
  const Story echo = story("Adelaide kitchen pictured", "");
  // Before: the later headline shares no word with the statement.
  CHECK(matcher.match(later).empty());
  // A story the statement alone matches clearly teaches the claim its wording...
  const auto taught = matcher.match_and_learn(
      story("Two Australian men kept a McDonald's Quarter Pounder for 20 years: the world's "
            "oldest burger",
            ""));
  REQUIRE(taught.size() == 1);
  CHECK(taught[0].claim_id == "burger");
  // ...so the later story about the same burger now matches, and says why.
  const auto now = matcher.match_and_learn(later);
  REQUIRE(now.size() == 1);
  CHECK(now[0].claim_id == "burger");
  CHECK_THAT(now[0].rule, Catch::Contains("learned wording"));
  // A story matched only through learned wording teaches nothing: no chain of look-alikes.
  CHECK(matcher.match(echo).empty());
  // match() itself learns nothing.
  const hw::rules::Matcher fresh(matcher.claims());
  CHECK(fresh.match(later).empty());
}

TEST_CASE("a headline about something else needs a body that states the claim clearly") {
  const auto matcher =
      statement_matcher("harbour-tower", "Mayor Ines Ortega will demolish the harbour tower.");
  using V = std::vector<std::string>;
  const Story aside = story("City budget: what the new year brings",
                            "Parks, swimming pools and libraries get more money; night buses "
                            "run later on weekdays; council staff receive a pay rise. Ortega "
                            "thanked the harbour office, the fire brigade and the volunteers "
                            "of the food bank. Schools, clinics and roads follow below.");
  const Story stated = story("City budget: what the new year brings",
                             "Mayor Ines Ortega will demolish the harbour tower, she said.");
  // The lead names the mayor and the harbour (fit 0.22), the headline neither.
  CHECK(matcher.match(aside).empty());
  CHECK(ids(matcher.match(stated)) == V{"harbour-tower"});
}

TEST_CASE("learned wording belongs to the rumour's wave, not to later news in the same words") {
  using namespace std::chrono;
  hw::rules::Matcher matcher(hw::rules::parse_claims(R"(
[[claim]]
id = "burger"
statement = "Two Australian men kept a McDonald's Quarter Pounder for 20 years."
)",
                                                     "claims.toml"));
  const hw::TimePoint taught_at = sys_days{2015y / February / 16} + 9h;
  Story taught = story(
      "Two Australian men kept a McDonald's Quarter Pounder for 20 years: the world's oldest "
      "burger",
      "");
  taught.published = taught_at;
  REQUIRE(matcher.match_and_learn(taught).size() == 1);
  // Days later, the rumour's own wording is still the rumour.
  Story days_later = story("World's oldest burger pictured in an Adelaide kitchen", "");
  days_later.published = taught_at + days{3};
  CHECK(matcher.match(days_later).size() == 1);
  // Two years later the same words are other news: the statement alone must carry it.
  Story years_later = days_later;
  years_later.published = taught_at + days{730};
  CHECK(matcher.match(years_later).empty());
  // An undated story is compared with every kept headline.
  CHECK(matcher.match(story("World's oldest burger pictured in an Adelaide kitchen", "")).size() ==
        1);
}

TEST_CASE("a number run into its unit is the claim's number") {
  using V = std::vector<std::string>;
  const auto crab = statement_matcher("crab", "A 50-foot crab was photographed in the U.K.");
  const auto found = crab.match(story("Giant crab measuring 50ft spotted off British coast", ""));
  CHECK(ids(found) == V{"crab"});
  REQUIRE(found.size() == 1);
  // --explain names the word as the story spells it.
  CHECK_THAT(found[0].rule, Catch::Contains("shared terms: crab, 50ft"));
  // The crab without the claim's number, or with another, is not the claim.
  CHECK(crab.match(story("Giant crab measuring 20ft spotted off British coast", "")).empty());

  CHECK(hw::rules::leading_number("50ft") == "50");
  CHECK(hw::rules::leading_number("72million") == "72");
  CHECK(hw::rules::leading_number("4.5gb") == "4.5");
  // Ordinals, plain numbers and words that only contain digits are left as they are.
  CHECK(hw::rules::leading_number("9th").empty());
  CHECK(hw::rules::leading_number("2015").empty());
  CHECK(hw::rules::leading_number("mp3").empty());
  CHECK(hw::rules::leading_number("3d2").empty());
}

TEST_CASE("a claim forgets the words of the headlines it no longer keeps") {
  auto matcher = statement_matcher(
      "burger", "Two Australian men kept a McDonald's Quarter Pounder for 20 years.");
  const auto teach = [&](const std::string& title, const std::string& guid) {
    Story s = story(title, "");
    s.guid = guid;
    return matcher.match_and_learn(s).size();
  };
  REQUIRE(teach("Two Australian men kept a McDonald's Quarter Pounder for 20 years: pictured in "
                "an Adelaide kitchen",
                "first") == 1);
  const Story later = story("Adelaide kitchen pictured", "");
  CHECK(matcher.explain(later).size() == 1);
  // A claim keeps the wording of its newest 64 stories; 64 newer ones push the first out...
  for (int i = 0; i < 64; ++i) {
    REQUIRE(teach("Two Australian men kept a McDonald's Quarter Pounder for 20 years",
                  "newer-" + std::to_string(i)) == 1);
  }
  // ...and with it the words only it held: the story is not even a candidate any more.
  CHECK(matcher.explain(later).empty());
  CHECK(matcher.match(later).empty());
}

TEST_CASE("a faint likeness to learned wording counts only with the statement's predicate") {
  auto matcher = statement_matcher("haines", "ISIS beheaded British aid worker David Haines.");
  const Story retold = story("Video of the beheading of a hostage shocks the world", "");
  const Story topic =
      story("Cameron vows to hunt down the killers of the British hostage in the ISIS video", "");
  // The statement alone fits neither.
  CHECK(matcher.match(retold).empty());
  CHECK(matcher.match(topic).empty());
  REQUIRE(matcher
              .match_and_learn(
                  story("ISIS video shows beheading of British aid worker David Haines", ""))
              .size() == 1);
  // Both now resemble the kept headline a little (cosine 0.2 to 0.3). The one that also says
  // what the statement says ("beheading") is the rumour retold...
  const auto now = matcher.match(retold);
  REQUIRE(now.size() == 1);
  CHECK_THAT(now[0].rule, Catch::Contains("learned wording"));
  // ...the one that only shares the rumour's setting (ISIS, video, British) is not, and
  // --explain says why.
  CHECK(matcher.match(topic).empty());
  const auto why = matcher.explain(topic);
  REQUIRE(why.size() == 1);
  CHECK_THAT(why[0].why, Catch::Contains("a faint likeness"));
}

TEST_CASE("two of the claim's names in full stand in for its predicate; one name does not") {
  const auto matcher = statement_matcher(
      "whitfield-delgado",
      "Senator Clara Whitfield had a secret affair with celebrity chef Marco Delgado during the "
      "campaign.");
  // Both people the claim relates, without "affair": the story is about what it says of them.
  const auto both = story(
      "Clara Whitfield and Marco Delgado pictured together at the annual film awards gala", "");
  CHECK(ids(matcher.match(both)) == std::vector<std::string>{"whitfield-delgado"});
  const auto why = matcher.explain(both);
  REQUIRE(why.size() == 1);
  CHECK_THAT(why[0].why, Catch::Contains("two of the claim's names in place of its predicate"));
  // One of them, however fully named, is news about that person.
  const auto one = story("Senator Clara Whitfield pictured at awards gala in Denver", "");
  CHECK(matcher.match(one).empty());
  const auto refused = matcher.explain(one);
  REQUIRE(refused.size() == 1);
  CHECK_THAT(refused[0].why, Catch::Contains("the names without the claim's predicate"));
  // Nor is a topic that other claims share, and a month: each name must be the claim's own.
  const hw::rules::Matcher topic(hw::rules::parse_claims(R"(
[[claim]]
id = "kestrel-march"
statement = "Orbital Kestrel Phone will ship in March."
[[claim]]
id = "kestrel-price"
statement = "Orbital Kestrel Phone will cost 950 USD."
)",
                                                         "c.toml"));
  const auto month = story(
      "Orbital Kestrel Phone coming in March with a larger screen, longer battery life and a "
      "faster chip, say analysts at two banks in a note to investors",
      "");
  CHECK(topic.match(month).empty());
  const auto month_why = topic.explain(month);
  REQUIRE_FALSE(month_why.empty());
  CHECK_THAT(month_why[0].why, Catch::Contains("the names without the claim's predicate"));
}

TEST_CASE("a country and the word for its people are one place") {
  using V = std::vector<std::string>;
  const auto meteorite = statement_matcher("meteorite", "A meteorite landed in Nicaragua.");
  CHECK(ids(meteorite.match(story("Meteorite leaves crater in Nicaraguan capital Managua", ""))) ==
        V{"meteorite"});
  const auto catfish =
      statement_matcher("catfish", "Italian fishermen caught a 280-pound catfish.");
  CHECK(ids(catfish.match(story("Italy: record catfish reeled in from the Po", ""))) ==
        V{"catfish"});
}

TEST_CASE("place names: a people's word stands for its country, not always the other way") {
  hw::rules::TextPipeline pipeline;
  const hw::rules::PlaceNames places(pipeline);
  const auto term = [&](const char* word) { return pipeline.stem_term(word); };
  using T = std::vector<hw::rules::TermId>;
  CHECK(places.other_words(term("nicaraguan")) == T{term("nicaragua")});
  CHECK(places.other_words(term("nicaragua")) == T{term("nicaraguan")});
  // "Jordan" may be Michael Jordan, and a "turkey" dinner: only their people's words count.
  CHECK(places.other_words(term("jordanian")) == T{term("jordan")});
  CHECK(places.other_words(term("jordan")).empty());
  CHECK(places.other_words(term("turkey")).empty());
  CHECK(places.other_words(term("catfish")).empty());
  // In a text: each other word once, from the sentences asked for.
  const auto text = pipeline.analyze("Syrian rebels left Syria. Italians cheered.");
  CHECK(places.other_words(text, 1) == T{term("syria"), term("syrian")});
  CHECK(places.other_words(text).size() == 3);
}
