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
    "launch launched unveil unveiled release released",
    "cancel cancelled canceled scrap scrapped",
    "close closed closing shut shutting shutdown",
    "find discover discovered discovery",
    "crash crashed strike struck slam slams land landed",
    "airstrike strike raid bombing",
    "pregnant pregnancy expecting baby",
    "sue sued lawsuit",
    "leave leaving exit depart departure",
    "capture captured seize seized",
    "infect infected diagnose diagnosed",
};

}  // namespace

EventSynonyms::EventSynonyms(TextPipeline& pipeline) {
  for (const std::string_view group : kGroups) {
    std::vector<TermId> terms;
    for (std::size_t at = 0; at < group.size();) {
      const std::size_t end = std::min(group.find(' ', at), group.size());
      const TermId term = term_id_of(pipeline.stem_of(group.substr(at, end - at)));
      if (std::ranges::find(terms, term) == terms.end()) {
        terms.push_back(term);
      }
      at = end + 1;
    }
    m_groups.push_back(std::move(terms));
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

}  // namespace hw::rules
