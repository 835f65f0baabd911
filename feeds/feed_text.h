#pragma once
// Field extraction shared by the RSS and Atom readers.
#include <pugixml.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "util/time.h"

namespace hw::feeds {

// A title: the element's XML text content, trimmed. Entities are decoded once by the XML
// parser and never again, so "AT&amp;amp;T" reads "AT&amp;T" as other readers agree.
// Titles carrying child elements get their descendant text.
std::string title_text(pugi::xml_node element);

// Plain text of an element whose text is escaped HTML (RSS description, content:encoded,
// Atom type="html"); child elements (unescaped markup) contribute their text.
std::string html_element_text(pugi::xml_node element);

// Plain text of an element holding text or inline XHTML, without HTML unescaping.
std::string plain_element_text(pugi::xml_node element);

// The first of the candidates whose text parses as a date.
std::optional<TimePoint> first_date(std::initializer_list<pugi::xml_node> candidates);

}  // namespace hw::feeds
