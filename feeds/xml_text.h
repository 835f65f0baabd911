#pragma once
// Reading text, namespaces and xml:base out of a pugixml tree. pugixml is not namespace
// aware, so prefixes are resolved here by walking the xmlns declarations of the ancestors.
#include <pugixml.hpp>

#include <string>
#include <string_view>

namespace hw::feeds {

namespace ns {
inline constexpr std::string_view kAtom10 = "http://www.w3.org/2005/Atom";
inline constexpr std::string_view kAtom03 = "http://purl.org/atom/ns#";
inline constexpr std::string_view kRss10 = "http://purl.org/rss/1.0/";
inline constexpr std::string_view kRss090 = "http://my.netscape.com/rdf/simple/0.9/";
inline constexpr std::string_view kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
inline constexpr std::string_view kDc = "http://purl.org/dc/elements/1.1/";
inline constexpr std::string_view kDcTerms = "http://purl.org/dc/terms/";
inline constexpr std::string_view kContent = "http://purl.org/rss/1.0/modules/content/";
inline constexpr std::string_view kXhtml = "http://www.w3.org/1999/xhtml";
}  // namespace ns

// Trims XML whitespace (space, tab, CR, LF) at both ends.
std::string_view trim_xml(std::string_view s);

// The part of a qualified name after the colon.
std::string_view local_name(const char* qualified_name);
std::string_view local_name(pugi::xml_node node);

// The namespace URI of the element's prefix (or of the default namespace); empty when none
// or undeclared.
std::string namespace_uri(pugi::xml_node element);
// Same for an attribute of `element`; unprefixed attributes have no namespace.
std::string attribute_namespace_uri(pugi::xml_node element, pugi::xml_attribute attribute);

// True when `element` has local name `local` in namespace `uri`.
bool is_element(pugi::xml_node element, std::string_view uri, std::string_view local);

// The first child element in namespace `uri` with local name `local`, or an empty node.
pugi::xml_node child_element(pugi::xml_node parent, std::string_view uri, std::string_view local);

// An attribute by namespace and local name (e.g. rdf:about).
pugi::xml_attribute find_attribute(pugi::xml_node element, std::string_view uri,
                                   std::string_view local);

// The XML text content of the element's own text and CDATA children, joined. Unlike
// pugixml's child_value() this does not stop at the first child.
std::string direct_text(pugi::xml_node element);

// All text below the element, in document order, without recursion (documents can nest
// elements arbitrarily deep). Boundaries of block (non-inline) elements become spaces.
std::string descendant_text(pugi::xml_node element);

bool has_child_elements(pugi::xml_node element);

// The base URI in effect for `element`: the document URI with every xml:base from the root
// down to the element itself applied in turn.
std::string base_uri_of(pugi::xml_node element, std::string_view document_uri);

}  // namespace hw::feeds
