#include "cli/opml.h"

#include <pugixml.hpp>

#include <algorithm>
#include <set>
#include <sstream>

namespace hw::cli {
namespace {

int line_of(std::string_view text, std::ptrdiff_t offset) {
  const auto end = text.begin() + std::clamp<std::ptrdiff_t>(offset, 0, text.size());
  return 1 + static_cast<int>(std::count(text.begin(), end, '\n'));
}

std::string trimmed(const char* s) {
  std::string_view v(s);
  const auto first = v.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    return {};
  }
  const auto last = v.find_last_not_of(" \t\r\n");
  return std::string(v.substr(first, last - first + 1));
}

}  // namespace

Expected<std::vector<OpmlFeed>> parse_opml(std::string_view bytes, std::string_view label) {
  pugi::xml_document doc;
  // No parse_doctype: entities declared in a DTD are never expanded.
  const auto result =
      doc.load_buffer(bytes.data(), bytes.size(), pugi::parse_default & ~pugi::parse_doctype);
  if (!result) {
    return fail(std::string(label) + ":" + std::to_string(line_of(bytes, result.offset)) +
                ": XML error: " + result.description());
  }
  const pugi::xml_node root = doc.document_element();
  if (std::string_view(root.name()) != "opml") {
    return fail(std::string(label) + ": not OPML (root element <" + root.name() + ">)");
  }
  std::vector<OpmlFeed> feeds;
  std::set<std::string> seen;
  // Iterative walk: nesting depth is the file's choice, the stack is not.
  std::vector<pugi::xml_node> stack{root.child("body")};
  while (!stack.empty()) {
    const pugi::xml_node node = stack.back();
    stack.pop_back();
    std::vector<pugi::xml_node> children;
    for (pugi::xml_node child : node.children("outline")) {
      children.push_back(child);
    }
    // Reverse so the stack pops them in document order.
    for (auto it = children.rbegin(); it != children.rend(); ++it) {
      stack.push_back(*it);
    }
    if (std::string_view(node.name()) != "outline") {
      continue;
    }
    std::string url = trimmed(node.attribute("xmlUrl").value());
    if (url.empty()) {
      url = trimmed(node.attribute("xmlurl").value());  // seen in hand-written files
    }
    if (url.empty() || !seen.insert(url).second) {
      continue;
    }
    std::string title = trimmed(node.attribute("title").value());
    if (title.empty()) {
      title = trimmed(node.attribute("text").value());
    }
    feeds.push_back({std::move(url), std::move(title)});
  }
  return feeds;
}

std::string write_opml(const std::vector<OpmlFeed>& feeds, std::string_view title) {
  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  auto opml = doc.append_child("opml");
  opml.append_attribute("version") = "2.0";
  opml.append_child("head").append_child("title").text().set(std::string(title).c_str());
  auto body = opml.append_child("body");
  for (const auto& f : feeds) {
    auto o = body.append_child("outline");
    const std::string& text = f.title.empty() ? f.url : f.title;
    o.append_attribute("type") = "rss";
    o.append_attribute("text") = text.c_str();
    o.append_attribute("title") = text.c_str();
    o.append_attribute("xmlUrl") = f.url.c_str();
  }
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

}  // namespace hw::cli
