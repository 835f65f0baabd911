#include "rules/place_names.h"

#include <algorithm>
#include <string_view>

namespace hw::rules {
namespace {

// A country, then the words for its people and what is theirs, a line per place. The United
// States is left out: "American" is in too many claims (an American hostage, American
// Airlines) to say where anything happened.
constexpr std::string_view kPlaces[] = {
    "afghanistan afghan afghans",
    "albania albanian",
    "algeria algerian",
    "argentina argentine argentinian argentinean",
    "armenia armenian",
    "australia australian",
    "austria austrian",
    "bangladesh bangladeshi",
    "belgium belgian",
    "bolivia bolivian",
    "bosnia bosnian",
    "brazil brazilian",
    "britain british briton britons brit brits",
    "cambodia cambodian",
    "canada canadian",
    "colombia colombian",
    "croatia croatian",
    "cuba cuban",
    "denmark danish",
    "ecuador ecuadorian",
    "egypt egyptian",
    "ethiopia ethiopian",
    "finland finnish",
    "germany german",
    "ghana ghanaian",
    "greece greek",
    "haiti haitian",
    "hungary hungarian",
    "indonesia indonesian",
    "iran iranian",
    "iraq iraqi",
    "ireland irish",
    "israel israeli",
    "italy italian",
    "jamaica jamaican",
    "japan japanese",
    "kenya kenyan",
    "korea korean",
    "kurdistan kurdish kurd kurds",
    "lebanon lebanese",
    "libya libyan",
    "malaysia malaysian",
    "mexico mexican",
    "morocco moroccan",
    "nepal nepalese",
    "nicaragua nicaraguan",
    "nigeria nigerian",
    "norway norwegian",
    "pakistan pakistani",
    "palestine palestinian",
    "peru peruvian",
    "philippines filipino",
    "portugal portuguese",
    "qatar qatari",
    "romania romanian",
    "russia russian",
    "scotland scottish",
    "somalia somali",
    "spain spanish",
    "sudan sudanese",
    "sweden swedish",
    "switzerland swiss",
    "syria syrian",
    "taiwan taiwanese",
    "thailand thai",
    "tunisia tunisian",
    "ukraine ukrainian",
    "venezuela venezuelan",
    "vietnam vietnamese",
    "yemen yemeni",
    "zimbabwe zimbabwean",
};

// Places whose name is also an everyday word, or a first name: their people's words stand for
// the place ("Jordanian jets" are Jordan's), but the place's name does not stand for them (a
// "turkey" in November is dinner, "Jordan" may be Michael Jordan).
constexpr std::string_view kOneWay[] = {
    "jordan jordanian jordanians", "turkey turkish",   "china chinese",    "india indian",
    "france french",               "chile chilean",    "netherlands dutch", "georgia georgian",
};

const std::vector<TermId> kNone;

}  // namespace

PlaceNames::PlaceNames(TextPipeline& pipeline) {
  const auto add = [&](std::string_view line, bool both_ways) {
    std::vector<TermId> terms = pipeline.terms_of(line);
    terms.erase(std::unique(terms.begin(), terms.end()), terms.end());  // "briton britons"
    for (std::size_t i = both_ways ? 0 : 1; i < terms.size(); ++i) {
      auto& other = m_other[terms[i]];
      for (const TermId o : terms) {
        if (o != terms[i] && std::ranges::find(other, o) == other.end()) {
          other.push_back(o);
        }
      }
    }
  };
  for (const std::string_view line : kPlaces) {
    add(line, true);
  }
  for (const std::string_view line : kOneWay) {
    add(line, false);
  }
}

const std::vector<TermId>& PlaceNames::other_words(TermId term) const {
  const auto it = m_other.find(term);
  return it == m_other.end() ? kNone : it->second;
}

std::vector<TermId> PlaceNames::other_words(const AnalyzedText& text,
                                            std::size_t sentence_limit) const {
  std::vector<TermId> out;
  for (std::size_t i = 0; i < text.terms.size() && text.sentence_of[i] < sentence_limit; ++i) {
    for (const TermId other : other_words(text.terms[i])) {
      if (std::ranges::find(out, other) == out.end()) {
        out.push_back(other);
      }
    }
  }
  return out;
}

}  // namespace hw::rules
