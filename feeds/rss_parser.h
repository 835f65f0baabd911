#pragma once
// RSS 0.9x/2.0 (<rss>) and RDF-based RSS 0.90/1.0 (<rdf:RDF>) documents.
#include <pugixml.hpp>

#include <string_view>

#include "model/story.h"

namespace hw::feeds {

// `root` is the <rss> element.
ParsedFeed parse_rss(pugi::xml_node root, std::string_view document_uri);
// `root` is the <rdf:RDF> element.
ParsedFeed parse_rdf(pugi::xml_node root, std::string_view document_uri);

}  // namespace hw::feeds
