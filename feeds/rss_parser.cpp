#include "feeds/rss_parser.h"

#include <array>

#include "feeds/feed_text.h"
#include "feeds/uri.h"
#include "feeds/xml_text.h"

namespace hw::feeds {
namespace {

// Namespaces the core RSS elements appear in: none for 0.91-2.0, the RDF ones for 0.90/1.0,
// and the URIs a few publishers put on otherwise plain RSS 2.0.
constexpr std::array<std::string_view, 7> kRssNamespaces = {
    "",
    ns::kRss10,
    ns::kRss090,
    "http://backend.userland.com/rss",
    "http://backend.userland.com/rss2",
    "http://blogs.law.harvard.edu/tech/rss",
    "http://purl.org/net/rss1.1#",
};

bool is_rss(pugi::xml_node node, std::string_view local) {
  if (node.type() != pugi::node_element || local_name(node) != local)
    return false;
  const std::string uri = namespace_uri(node);
  for (std::string_view candidate : kRssNamespaces) {
    if (uri == candidate)
      return true;
  }
  return false;
}

pugi::xml_node rss_child(pugi::xml_node parent, std::string_view local) {
  for (pugi::xml_node child : parent.children()) {
    if (is_rss(child, local))
      return child;
  }
  return {};
}

std::string first_link(pugi::xml_node parent, std::string_view document_uri) {
  for (pugi::xml_node child : parent.children()) {
    if (!is_rss(child, "link"))
      continue;
    const std::string text = direct_text(child);
    const std::string_view href = trim_xml(text);
    if (!href.empty())
      return resolve_uri(base_uri_of(child, document_uri), href);
  }
  return {};
}

std::string title_of(pugi::xml_node parent) {
  if (pugi::xml_node t = rss_child(parent, "title"))
    return title_text(t);
  if (pugi::xml_node t = child_element(parent, ns::kDc, "title"))
    return title_text(t);
  return {};
}

Story read_item(pugi::xml_node item, std::string_view document_uri) {
  Story story;
  story.title = title_of(item);
  story.link = first_link(item, document_uri);
  if (pugi::xml_node guid = rss_child(item, "guid")) {
    story.guid = std::string(trim_xml(direct_text(guid)));
  } else if (pugi::xml_attribute about = find_attribute(item, ns::kRdf, "about")) {
    story.guid = std::string(trim_xml(about.value()));
  }
  if (pugi::xml_node d = rss_child(item, "description"))
    story.summary = html_element_text(d);
  if (pugi::xml_node c = child_element(item, ns::kContent, "encoded")) {
    story.content = html_element_text(c);
  } else if (pugi::xml_node body = child_element(item, ns::kXhtml, "body")) {
    story.content = plain_element_text(body);
  }
  story.published = first_date({rss_child(item, "pubDate"), child_element(item, ns::kDc, "date"),
                                child_element(item, ns::kDcTerms, "issued")});
  story.updated = first_date(
      {child_element(item, ns::kAtom10, "updated"), child_element(item, ns::kDcTerms, "modified")});
  return story;
}

void read_channel(pugi::xml_node channel, std::string_view document_uri, ParsedFeed& feed) {
  if (!channel)
    return;
  feed.title = title_of(channel);
  feed.link = first_link(channel, document_uri);
}

void read_items(pugi::xml_node parent, std::string_view document_uri, ParsedFeed& feed) {
  for (pugi::xml_node child : parent.children()) {
    if (is_rss(child, "item"))
      feed.items.push_back(read_item(child, document_uri));
  }
}

std::string rss_format(pugi::xml_node root) {
  const std::string_view version = trim_xml(root.attribute("version").value());
  if (version == "2.0" || version == "2.00")
    return "rss20";
  if (version == "0.91")
    return "rss091";
  if (version == "0.92")
    return "rss092";
  if (version == "0.93")
    return "rss093";
  if (version == "0.94")
    return "rss094";
  return "rss";
}

}  // namespace

ParsedFeed parse_rss(pugi::xml_node root, std::string_view document_uri) {
  ParsedFeed feed;
  feed.format = rss_format(root);
  const pugi::xml_node channel = rss_child(root, "channel");
  read_channel(channel, document_uri, feed);
  if (channel)
    read_items(channel, document_uri, feed);
  // Some generators put the items beside the channel, or drop the channel altogether.
  read_items(root, document_uri, feed);
  return feed;
}

ParsedFeed parse_rdf(pugi::xml_node root, std::string_view document_uri) {
  ParsedFeed feed;
  const pugi::xml_node channel = rss_child(root, "channel");
  const bool is_090 = namespace_uri(channel ? channel : root) == ns::kRss090 ||
                      root.attribute("xmlns").value() == ns::kRss090;
  feed.format = is_090 ? "rss090" : "rss10";
  read_channel(channel, document_uri, feed);
  read_items(root, document_uri, feed);
  if (channel)
    read_items(channel, document_uri, feed);
  return feed;
}

}  // namespace hw::feeds
