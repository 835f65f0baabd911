#include "model/story.h"

#include <cstdint>
#include <cstdio>

namespace hw {
namespace {

std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

std::string hex(std::uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

}  // namespace

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
  return "hash:" + hex(fnv1a(basis));
}

}  // namespace hw
