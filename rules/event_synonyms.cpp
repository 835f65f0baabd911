#include "rules/event_synonyms.h"

#include <algorithm>
#include <string_view>

namespace hw::rules {
namespace {

// Verbs and nouns of the events rumours are about, a group per line of words a reader takes as
// one event.
// General English, not any one rumour's wording; kept small, because every word added lets a
// story with the claim's names and that word count as carrying the claim.
constexpr std::string_view kGroups[] = {
    "buy buying bought acquire acquires acquired acquisition purchase takeover",
    "sell sells sold sale",
    "kill killed killing dead death die died slain",
    "behead beheaded beheading execute executed execution",
    "arrest arrested detain detained custody",
    "resign resigned resignation quit quits",
    "choose chose chosen pick picked select selected",
    "build building built construct construction",
    "marry married marriage wed wedding",
    "ban banned banning prohibit prohibited",
    "fire fired sack sacked dismissed ousted",
    "hack hacked hacker hackers breach",
    "launch launched unveil unveiled release released ship ships shipping debut debuts",
    "shoot shot shooting shooter gunman gunfire",
    "cost costs price priced pricing retail",
    "stop stopped halt halted remove removed removing discontinue discontinued",
    "play plays role starring",
    "film films movie movies",
    "name named identify identified unmask unmasked",
    "cancel cancelled canceled scrap scrapped",
    "close closed closing shut shutting shutdown",
    "find discover discovered discovery",
    "crash crashed strike struck slam slams land landed",
    "airstrike strike raid bombing",
    "pregnant pregnancy expecting baby",
    "sue sued lawsuit",
    "leave leaving exit depart departure",
    "capture captured seize seized kidnap kidnapped abduct abducted",
    "infect infected diagnose diagnosed",
};

constexpr std::string_view kRumourWords =
    "rumor rumors rumour rumours rumored rumoured hoax hoaxes fake untrue debunk debunked deny "
    "denies denied myth baseless unfounded inaccurate";

std::vector<TermId> stems_of(TextPipeline& pipeline, std::string_view words) {
  std::vector<TermId> terms;
  for (std::size_t at = 0; at < words.size();) {
    const std::size_t end = std::min(words.find(' ', at), words.size());
    const TermId term = term_id_of(pipeline.stem_of(words.substr(at, end - at)));
    if (std::ranges::find(terms, term) == terms.end()) {
      terms.push_back(term);
    }
    at = end + 1;
  }
  return terms;
}

}  // namespace

EventSynonyms::EventSynonyms(TextPipeline& pipeline)
    : m_rumour_words(stems_of(pipeline, kRumourWords)) {
  for (const std::string_view group : kGroups) {
    m_groups.push_back(stems_of(pipeline, group));
  }
}

std::vector<TermId> EventSynonyms::expand(TermId term) const {
  std::vector<TermId> out{term};
  for (const auto& group : m_groups) {
    if (std::ranges::find(group, term) == group.end()) {
      continue;
    }
    for (const TermId t : group) {
      if (std::ranges::find(out, t) == out.end()) {
        out.push_back(t);
      }
    }
  }
  return out;
}

bool EventSynonyms::is_rumour_word(TermId term) const {
  return std::ranges::find(m_rumour_words, term) != m_rumour_words.end();
}

}  // namespace hw::rules
