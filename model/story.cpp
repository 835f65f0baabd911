#include "model/story.h"

#include "util/hash.h"

namespace hw {

std::string story_key(const Story& story) {
  if (!story.guid.empty()) {
    return story.guid;
  }
  if (!story.link.empty()) {
    return "link:" + story.link;
  }
  std::string basis = story.title;
  basis += '\n';
  if (story.published) {
    basis += format_utc(*story.published);
  }
  return "hash:" + stable_hash_hex(basis);
}

}  // namespace hw
