#include "feeds/xml_text.h"

#include <cstring>
#include <vector>

#include "feeds/uri.h"

namespace hw::feeds {
namespace {

bool is_xml_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string_view prefix_of(const char* qualified_name) {
  const std::string_view name(qualified_name);
  const std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? std::string_view{} : name.substr(0, colon);
}

std::string lookup_prefix(pugi::xml_node element, std::string_view prefix) {
  if (prefix == "xml")
    return "http://www.w3.org/XML/1998/namespace";
  const std::string attribute = prefix.empty() ? "xmlns" : "xmlns:" + std::string(prefix);
  for (pugi::xml_node n = element; n && n.type() == pugi::node_element; n = n.parent()) {
    if (const pugi::xml_attribute a = n.attribute(attribute.c_str()))
      return a.value();
  }
  return {};
}

// Inline XHTML elements run into the surrounding words; every other element is a boundary.
bool is_inline_element(pugi::xml_node n) {
  static constexpr std::string_view kInline[] = {"a",    "abbr",   "b",    "cite", "code", "em",
                                                 "font", "i",      "mark", "q",    "s",    "small",
                                                 "span", "strong", "sub",  "sup",  "time", "u"};
  const std::string_view name = local_name(n);
  for (std::string_view candidate : kInline) {
    if (name == candidate)
      return true;
  }
  return false;
}

bool is_text_node(pugi::xml_node n) {
  return n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata;
}

}  // namespace

std::string_view trim_xml(std::string_view s) {
  while (!s.empty() && is_xml_space(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && is_xml_space(s.back()))
    s.remove_suffix(1);
  return s;
}

std::string_view local_name(const char* qualified_name) {
  const char* colon = std::strchr(qualified_name, ':');
  return colon ? std::string_view(colon + 1) : std::string_view(qualified_name);
}

std::string_view local_name(pugi::xml_node node) {
  return local_name(node.name());
}

std::string namespace_uri(pugi::xml_node element) {
  return lookup_prefix(element, prefix_of(element.name()));
}

std::string attribute_namespace_uri(pugi::xml_node element, pugi::xml_attribute attribute) {
  const std::string_view prefix = prefix_of(attribute.name());
  return prefix.empty() ? std::string{} : lookup_prefix(element, prefix);
}

bool is_element(pugi::xml_node element, std::string_view uri, std::string_view local) {
  return element.type() == pugi::node_element && local_name(element) == local &&
         namespace_uri(element) == uri;
}

pugi::xml_node child_element(pugi::xml_node parent, std::string_view uri, std::string_view local) {
  for (pugi::xml_node child : parent.children()) {
    if (is_element(child, uri, local))
      return child;
  }
  return {};
}

pugi::xml_attribute find_attribute(pugi::xml_node element, std::string_view uri,
                                   std::string_view local) {
  for (pugi::xml_attribute a : element.attributes()) {
    if (local_name(a.name()) == local && attribute_namespace_uri(element, a) == uri)
      return a;
  }
  return {};
}

std::string direct_text(pugi::xml_node element) {
  std::string out;
  for (pugi::xml_node child : element.children()) {
    if (is_text_node(child))
      out += child.value();
  }
  return out;
}

std::string descendant_text(pugi::xml_node element) {
  std::string out;
  // Walks the subtree through first-child / next-sibling / parent links: constant stack.
  pugi::xml_node n = element.first_child();
  while (n && n != element) {
    if (is_text_node(n)) {
      out += n.value();
    } else if (n.type() == pugi::node_element) {
      if (!is_inline_element(n))
        out += ' ';
      if (n.first_child()) {
        n = n.first_child();
        continue;
      }
    }
    while (n != element && !n.next_sibling()) {
      n = n.parent();
      if (n != element && !is_inline_element(n))
        out += ' ';
    }
    if (n == element)
      break;
    n = n.next_sibling();
  }
  return out;
}

bool has_child_elements(pugi::xml_node element) {
  for (pugi::xml_node child : element.children()) {
    if (child.type() == pugi::node_element)
      return true;
  }
  return false;
}

std::string base_uri_of(pugi::xml_node element, std::string_view document_uri) {
  std::vector<const char*> bases;
  for (pugi::xml_node n = element; n && n.type() == pugi::node_element; n = n.parent()) {
    if (const pugi::xml_attribute a = n.attribute("xml:base"))
      bases.push_back(a.value());
  }
  std::string base(document_uri);
  for (auto it = bases.rbegin(); it != bases.rend(); ++it)
    base = resolve_uri(base, *it);
  return base;
}

}  // namespace hw::feeds
