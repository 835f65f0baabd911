#include "app/learned_wording.h"

namespace hw::app {

std::size_t learn_from_stored_matches(const storage::Store& store, rules::Matcher& matcher) {
  std::size_t read = 0;
  // In pages, oldest evidence first: only one page of texts in memory, and the order in which
  // the stories were first judged.
  std::optional<std::pair<TimePoint, std::int64_t>> after;
  for (auto page = store.stories().matched_stories(after, 256); !page.empty();
       page = store.stories().matched_stories(after, 256)) {
    for (const auto& s : page) {
      matcher.match_and_learn(s.story);
      ++read;
    }
    after = std::pair{page.back().at, page.back().revision_id};
  }
  return read;
}

}  // namespace hw::app
