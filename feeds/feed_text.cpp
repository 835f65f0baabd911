#include "feeds/feed_text.h"

#include "feeds/date_parser.h"
#include "feeds/html_text.h"
#include "feeds/xml_text.h"

namespace hw::feeds {

std::string title_text(pugi::xml_node element) {
  if (has_child_elements(element))
    return collapse_whitespace(descendant_text(element));
  return std::string(trim_xml(direct_text(element)));
}

std::string html_element_text(pugi::xml_node element) {
  if (has_child_elements(element))
    return collapse_whitespace(descendant_text(element));
  return html_to_text(direct_text(element));
}

std::string plain_element_text(pugi::xml_node element) {
  if (has_child_elements(element))
    return collapse_whitespace(descendant_text(element));
  return collapse_whitespace(direct_text(element));
}

std::optional<TimePoint> first_date(std::initializer_list<pugi::xml_node> candidates) {
  for (pugi::xml_node node : candidates) {
    if (!node)
      continue;
    if (auto t = parse_date(direct_text(node)))
      return t;
  }
  return std::nullopt;
}

}  // namespace hw::feeds
