#include "feeds/claim_review.h"

#include <gumbo.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <memory>

#include <nlohmann/json.hpp>

#include "feeds/date_parser.h"
#include "feeds/html_text.h"
#include "feeds/uri.h"

namespace hw::feeds {
namespace {

using nlohmann::json;

struct GumboDeleter {
  void operator()(GumboOutput* output) const {
    gumbo_destroy_output(&kGumboDefaultOptions, output);
  }
};
using GumboPtr = std::unique_ptr<GumboOutput, GumboDeleter>;

// Deeper nesting than any publisher's markup: a hostile page cannot exhaust the stack.
constexpr int kMaxDepth = 48;

std::string trim(std::string_view s) {
  return collapse_whitespace(s);
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::ranges::transform(out, out.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  });
  return out;
}

// "ClaimReview", "schema:ClaimReview", "http://schema.org/ClaimReview" -> "claimreview".
std::string type_name(std::string_view t) {
  if (const auto cut = t.find_last_of("/:#"); cut != std::string_view::npos) {
    t = t.substr(cut + 1);
  }
  return lower(t);
}

bool has_type(const json& item, std::string_view wanted) {
  const auto it = item.find("@type");
  if (it == item.end()) {
    return false;
  }
  if (it->is_string()) {
    return type_name(it->get_ref<const std::string&>()) == wanted;
  }
  if (it->is_array()) {
    return std::ranges::any_of(*it, [&](const json& t) {
      return t.is_string() && type_name(t.get_ref<const std::string&>()) == wanted;
    });
  }
  return false;
}

// A property's value; JSON-LD allows a key with or without the "schema:" prefix, and an array
// where one value is expected (the first one counts).
const json* property(const json& item, std::string_view key) {
  if (!item.is_object()) {
    return nullptr;
  }
  auto it = item.find(std::string(key));
  if (it == item.end()) {
    it = item.find("schema:" + std::string(key));
  }
  if (it == item.end() || it->is_null()) {
    return nullptr;
  }
  if (it->is_array()) {
    return it->empty() ? nullptr : &it->front();
  }
  return &*it;
}

std::string text_of(const json* v) {
  if (v == nullptr) {
    return {};
  }
  if (v->is_string()) {
    return trim(v->get_ref<const std::string&>());
  }
  if (v->is_number()) {
    return v->dump();
  }
  if (v->is_object()) {
    if (const json* value = property(*v, "@value")) {
      return text_of(value);
    }
    return text_of(property(*v, "name"));
  }
  return {};
}

std::optional<double> number_of(const std::string& text) {
  if (text.empty()) {
    return std::nullopt;
  }
  double d = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
  if (ec != std::errc{} || ptr != text.data() + text.size()) {
    return std::nullopt;
  }
  return d;
}

std::optional<double> number_of(const json* v) {
  if (v == nullptr) {
    return std::nullopt;
  }
  if (v->is_number()) {
    return v->get<double>();
  }
  return number_of(text_of(v));
}

// A URL value: a string, or an object with "url" or "@id".
std::string url_of(const json* v, std::string_view base) {
  if (v == nullptr) {
    return {};
  }
  std::string raw;
  if (v->is_string()) {
    raw = trim(v->get_ref<const std::string&>());
  } else if (v->is_object()) {
    raw = text_of(property(*v, "url"));
    if (raw.empty()) {
      raw = text_of(property(*v, "@id"));
    }
  }
  if (raw.empty()) {
    return {};
  }
  return resolve_uri(base, raw);
}

// Every URL of a property that may hold one value or a list (appearance).
std::vector<std::string> urls_of(const json& item, std::string_view key, std::string_view base) {
  std::vector<std::string> out;
  auto it = item.find(std::string(key));
  if (it == item.end()) {
    return out;
  }
  if (it->is_array()) {
    for (const auto& v : *it) {
      if (auto u = url_of(&v, base); !u.empty()) {
        out.push_back(std::move(u));
      }
    }
  } else if (auto u = url_of(&*it, base); !u.empty()) {
    out.push_back(std::move(u));
  }
  return out;
}

void add_unique(std::vector<std::string>& list, const std::string& url) {
  if (!url.empty() && std::ranges::find(list, url) == list.end()) {
    list.push_back(url);
  }
}

std::optional<ClaimReview> review_from_json(const json& item, std::string_view base,
                                            std::string& problem) {
  ClaimReview r;
  r.claim_reviewed = text_of(property(item, "claimReviewed"));
  const json* reviewed = property(item, "itemReviewed");
  if (r.claim_reviewed.empty() && reviewed != nullptr) {
    r.claim_reviewed = text_of(property(*reviewed, "name"));
  }
  if (r.claim_reviewed.empty()) {
    problem = "ClaimReview without claimReviewed";
    return std::nullopt;
  }
  if (const json* rating = property(item, "reviewRating"); rating && rating->is_object()) {
    r.rating.alternate_name = text_of(property(*rating, "alternateName"));
    if (r.rating.alternate_name.empty()) {
      r.rating.alternate_name = text_of(property(*rating, "name"));
    }
    r.rating.value = number_of(property(*rating, "ratingValue"));
    r.rating.best = number_of(property(*rating, "bestRating"));
    r.rating.worst = number_of(property(*rating, "worstRating"));
  }
  r.url = url_of(property(item, "url"), base);
  if (r.url.empty()) {
    r.url = std::string(base);
  }
  if (const json* author = property(item, "author")) {
    r.author = text_of(author);
    if (author->is_object()) {
      r.author_url = url_of(property(*author, "url"), base);
    }
  }
  r.date_published = parse_date(text_of(property(item, "datePublished")));
  if (reviewed != nullptr && reviewed->is_object()) {
    r.first_appearance = url_of(property(*reviewed, "firstAppearance"), base);
    add_unique(r.appearances, r.first_appearance);
    for (const auto& u : urls_of(*reviewed, "appearance", base)) {
      add_unique(r.appearances, u);
    }
    r.claim_author = text_of(property(*reviewed, "author"));
  }
  return r;
}

// Collects ClaimReview items anywhere in a JSON-LD value: top level, arrays, @graph, or nested
// in another item (an Article's "review" or "mainEntity").
void collect_json(const json& v, std::string_view base, int depth, int line,
                  ClaimReviewPage& page) {
  if (depth > kMaxDepth) {
    page.problems.push_back("line " + std::to_string(line) + ": JSON-LD nested too deeply");
    return;
  }
  if (v.is_array()) {
    for (const auto& e : v) {
      collect_json(e, base, depth + 1, line, page);
    }
    return;
  }
  if (!v.is_object()) {
    return;
  }
  if (has_type(v, "claimreview")) {
    std::string problem;
    if (auto r = review_from_json(v, base, problem)) {
      page.reviews.push_back(std::move(*r));
    } else {
      page.problems.push_back("line " + std::to_string(line) + ": " + problem);
    }
    return;
  }
  for (const auto& [key, value] : v.items()) {
    if (value.is_structured()) {
      collect_json(value, base, depth + 1, line, page);
    }
  }
}

std::string attribute(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a == nullptr ? std::string() : std::string(a->value);
}

bool has_attribute(const GumboElement& e, const char* name) {
  return gumbo_get_attribute(&e.attributes, name) != nullptr;
}

void text_content(const GumboNode* node, std::string& out, int depth) {
  if (depth > kMaxDepth) {
    return;
  }
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
      node->type == GUMBO_NODE_CDATA) {
    out += node->v.text.text;
    return;
  }
  if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) {
    return;
  }
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    text_content(static_cast<const GumboNode*>(children.data[i]), out, depth + 1);
  }
  out += ' ';
}

// Microdata: one item's properties as JSON (nested itemscopes become objects), so the JSON-LD
// reading above serves both syntaxes.
void microdata_properties(const GumboNode* node, json& item, std::string_view base, int depth);

json microdata_item(const GumboNode* node, std::string_view base, int depth) {
  json item = json::object();
  const std::string type = attribute(node->v.element, "itemtype");
  if (!type.empty()) {
    json types = json::array();
    std::size_t pos = 0;
    while (pos < type.size()) {
      const auto end = std::min(type.find(' ', pos), type.size());
      if (end > pos) {
        types.push_back(type.substr(pos, end - pos));
      }
      pos = end + 1;
    }
    item["@type"] = types;
  }
  microdata_properties(node, item, base, depth);
  return item;
}

json microdata_value(const GumboNode* node, std::string_view base, int depth) {
  const GumboElement& e = node->v.element;
  if (has_attribute(e, "itemscope")) {
    return microdata_item(node, base, depth + 1);
  }
  if (has_attribute(e, "content")) {
    return trim(attribute(e, "content"));
  }
  switch (e.tag) {
    case GUMBO_TAG_A:
    case GUMBO_TAG_LINK:
    case GUMBO_TAG_AREA:
      return resolve_uri(base, trim(attribute(e, "href")));
    case GUMBO_TAG_IMG:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SOURCE:
      return resolve_uri(base, trim(attribute(e, "src")));
    case GUMBO_TAG_TIME:
      if (has_attribute(e, "datetime")) {
        return trim(attribute(e, "datetime"));
      }
      break;
    case GUMBO_TAG_DATA:
    case GUMBO_TAG_METER:
      if (has_attribute(e, "value")) {
        return trim(attribute(e, "value"));
      }
      break;
    default:
      break;
  }
  std::string text;
  text_content(node, text, depth);
  return trim(text);
}

void microdata_properties(const GumboNode* node, json& item, std::string_view base, int depth) {
  if (depth > kMaxDepth) {
    return;
  }
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(children.data[i]);
    if (child->type != GUMBO_NODE_ELEMENT) {
      continue;
    }
    const GumboElement& e = child->v.element;
    const std::string names = attribute(e, "itemprop");
    if (!names.empty()) {
      const json value = microdata_value(child, base, depth + 1);
      std::size_t pos = 0;
      while (pos < names.size()) {
        const auto end = std::min(names.find(' ', pos), names.size());
        if (end > pos) {
          json& slot = item[names.substr(pos, end - pos)];
          if (slot.is_null()) {
            slot = value;
          } else {
            if (!slot.is_array()) {
              slot = json::array({slot});
            }
            slot.push_back(value);
          }
        }
        pos = end + 1;
      }
    }
    if (!has_attribute(e, "itemscope")) {
      microdata_properties(child, item, base, depth + 1);
    }
  }
}

struct Scan {
  std::vector<std::pair<int, std::string>> json_ld;  // (line, text)
  std::vector<const GumboNode*> microdata;           // top-level itemscope elements
};

void scan(const GumboNode* node, Scan& out, int depth) {
  if (node->type != GUMBO_NODE_ELEMENT || depth > kMaxDepth * 4) {
    return;
  }
  const GumboElement& e = node->v.element;
  if (e.tag == GUMBO_TAG_SCRIPT) {
    std::string type = lower(trim(attribute(e, "type")));
    type = type.substr(0, type.find(';'));
    if (trim(type) == "application/ld+json") {
      std::string text;
      for (unsigned i = 0; i < e.children.length; ++i) {
        const auto* child = static_cast<const GumboNode*>(e.children.data[i]);
        if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE ||
            child->type == GUMBO_NODE_CDATA) {
          text += child->v.text.text;
        }
      }
      out.json_ld.emplace_back(static_cast<int>(e.start_pos.line), std::move(text));
    }
    return;
  }
  // A top-level item is an itemscope that is no other item's property (HTML, "Microdata").
  if (has_attribute(e, "itemscope") && !has_attribute(e, "itemprop")) {
    out.microdata.push_back(node);
  }
  for (unsigned i = 0; i < e.children.length; ++i) {
    scan(static_cast<const GumboNode*>(e.children.data[i]), out, depth + 1);
  }
}

}  // namespace

ClaimReviewPage extract_claim_reviews(std::string_view html, std::string_view page_url) {
  ClaimReviewPage page;
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;
  const GumboPtr output(gumbo_parse_with_options(&options, html.data(), html.size()));
  Scan found;
  scan(output->root, found, 0);
  for (const auto& [line, text] : found.json_ld) {
    const json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) {
      page.problems.push_back("line " + std::to_string(line) +
                              ": JSON-LD block is not valid JSON; skipped");
      continue;
    }
    collect_json(doc, page_url, 0, line, page);
  }
  if (!page.reviews.empty()) {
    return page;
  }
  // Microdata only where JSON-LD gave nothing: pages that carry both describe the same review.
  for (const GumboNode* node : found.microdata) {
    const json item = microdata_item(node, page_url, 0);
    const auto before = page.reviews.size();
    collect_json(item, page_url, 0, static_cast<int>(node->v.element.start_pos.line), page);
    for (auto i = before; i < page.reviews.size(); ++i) {
      page.reviews[i].microdata = true;
    }
  }
  return page;
}

}  // namespace hw::feeds
