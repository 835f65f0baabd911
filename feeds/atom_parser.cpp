#include "feeds/atom_parser.h"

#include <string>

#include "feeds/feed_text.h"
#include "feeds/html_text.h"
#include "feeds/uri.h"
#include "feeds/xml_text.h"

namespace hw::feeds {
namespace {

class AtomReader {
 public:
  AtomReader(pugi::xml_node root, std::string_view document_uri)
      : m_ns(namespace_uri(root)),
        m_is_03(m_ns == ns::kAtom03 || trim_xml(root.attribute("version").value()) == "0.3"),
        m_document_uri(document_uri) {}

  bool is_03() const { return m_is_03; }
  bool is_core(pugi::xml_node element, std::string_view local) const {
    return is_element(element, m_ns, local);
  }

  pugi::xml_node child(pugi::xml_node parent, std::string_view local) const {
    return child_element(parent, m_ns, local);
  }

  // Atom 1.0 says type="text|html|xhtml"; Atom 0.3 used MIME types plus mode="escaped".
  std::string construct_text(pugi::xml_node element) const {
    const std::string_view type = element.attribute("type").value();
    const std::string_view mode = element.attribute("mode").value();
    if (type == "xhtml" || type == "application/xhtml+xml" || mode == "xml") {
      return plain_element_text(element);
    }
    if (type == "html" || type == "text/html" || mode == "escaped") {
      return html_element_text(element);
    }
    return plain_element_text(element);
  }

  std::string alternate_link(pugi::xml_node parent) const {
    for (pugi::xml_node link : parent.children()) {
      if (!is_element(link, m_ns, "link"))
        continue;
      const std::string_view rel = trim_xml(link.attribute("rel").value());
      if (!rel.empty() && rel != "alternate")
        continue;
      const pugi::xml_attribute href = link.attribute("href");
      if (!href)
        continue;
      return resolve_uri(base_uri_of(link, m_document_uri), trim_xml(href.value()));
    }
    return {};
  }

  Story entry(pugi::xml_node element) const {
    Story story;
    if (pugi::xml_node t = child(element, "title"))
      story.title = title_text(t);
    story.link = alternate_link(element);
    if (pugi::xml_node id = child(element, "id"))
      story.guid = trim_xml(direct_text(id));
    if (pugi::xml_node s = child(element, "summary"))
      story.summary = construct_text(s);
    if (pugi::xml_node c = child(element, "content"))
      story.content = construct_text(c);
    story.published = first_date({child(element, m_is_03 ? "issued" : "published")});
    story.updated = first_date({child(element, m_is_03 ? "modified" : "updated")});
    return story;
  }

 private:
  std::string m_ns;  // the namespace of <feed>; every core element shares it
  bool m_is_03;
  std::string_view m_document_uri;
};

}  // namespace

ParsedFeed parse_atom(pugi::xml_node root, std::string_view document_uri) {
  const AtomReader reader(root, document_uri);

  ParsedFeed feed;
  feed.format = reader.is_03() ? "atom03" : "atom10";
  if (pugi::xml_node t = reader.child(root, "title"))
    feed.title = title_text(t);
  feed.link = reader.alternate_link(root);
  for (pugi::xml_node child : root.children()) {
    if (reader.is_core(child, "entry"))
      feed.items.push_back(reader.entry(child));
  }
  return feed;
}

}  // namespace hw::feeds
