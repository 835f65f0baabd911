#pragma once
// Atom 0.3 and 1.0 documents.
#include <pugixml.hpp>

#include <string_view>

#include "model/story.h"

namespace hw::feeds {

// `root` is the <feed> element.
ParsedFeed parse_atom(pugi::xml_node root, std::string_view document_uri);

}  // namespace hw::feeds
