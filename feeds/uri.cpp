#include "feeds/uri.h"
#include "feeds/xml_text.h"

#include <cctype>
#include <optional>

namespace hw::feeds {
namespace {

struct UriParts {
  std::optional<std::string_view> scheme;
  std::optional<std::string_view> authority;
  std::string_view path;
  std::optional<std::string_view> query;
  std::optional<std::string_view> fragment;
};

// The regular expression of RFC 3986 appendix B, written out by hand.
UriParts split(std::string_view s) {
  UriParts p;
  const std::size_t scheme_end = s.find_first_of(":/?#");
  if (scheme_end != std::string_view::npos && scheme_end > 0 && s[scheme_end] == ':' &&
      std::isalpha(static_cast<unsigned char>(s[0]))) {
    p.scheme = s.substr(0, scheme_end);
    s.remove_prefix(scheme_end + 1);
  }
  if (s.starts_with("//")) {
    s.remove_prefix(2);
    const std::size_t end = s.find_first_of("/?#");
    p.authority = s.substr(0, end);
    s = end == std::string_view::npos ? std::string_view{} : s.substr(end);
  }
  if (const std::size_t hash = s.find('#'); hash != std::string_view::npos) {
    p.fragment = s.substr(hash + 1);
    s = s.substr(0, hash);
  }
  if (const std::size_t q = s.find('?'); q != std::string_view::npos) {
    p.query = s.substr(q + 1);
    s = s.substr(0, q);
  }
  p.path = s;
  return p;
}

// RFC 3986 section 5.2.4.
std::string remove_dot_segments(std::string_view in) {
  std::string out;
  while (!in.empty()) {
    if (in.starts_with("../")) {
      in.remove_prefix(3);
    } else if (in.starts_with("./")) {
      in.remove_prefix(2);
    } else if (in.starts_with("/./")) {
      in.remove_prefix(2);
    } else if (in == "/.") {
      in = "/";
    } else if (in.starts_with("/../") || in == "/..") {
      in = in.size() == 3 ? std::string_view("/") : in.substr(3);
      const std::size_t slash = out.rfind('/');
      out.resize(slash == std::string::npos ? 0 : slash);
    } else if (in == "." || in == "..") {
      in = {};
    } else {
      const std::size_t next = in.find('/', in.starts_with('/') ? 1 : 0);
      out.append(in.substr(0, next));
      in = next == std::string_view::npos ? std::string_view{} : in.substr(next);
    }
  }
  return out;
}

std::string merge(const UriParts& base, std::string_view ref_path) {
  if (base.authority && base.path.empty())
    return "/" + std::string(ref_path);
  const std::size_t slash = base.path.rfind('/');
  if (slash == std::string_view::npos)
    return std::string(ref_path);
  return std::string(base.path.substr(0, slash + 1)) + std::string(ref_path);
}

}  // namespace

std::string resolve_uri(std::string_view base_text, std::string_view reference) {
  base_text = trim_xml(base_text);
  reference = trim_xml(reference);
  if (base_text.empty())
    return std::string(reference);
  const UriParts ref = split(reference);
  if (ref.scheme)
    return std::string(reference);
  const UriParts base = split(base_text);

  std::optional<std::string_view> authority;
  std::string path;
  std::optional<std::string_view> query;
  if (ref.authority) {
    authority = ref.authority;
    path = remove_dot_segments(ref.path);
    query = ref.query;
  } else {
    authority = base.authority;
    if (ref.path.empty()) {
      path = std::string(base.path);
      query = ref.query ? ref.query : base.query;
    } else {
      path = ref.path.starts_with('/') ? remove_dot_segments(ref.path)
                                       : remove_dot_segments(merge(base, ref.path));
      query = ref.query;
    }
  }

  std::string out;
  if (base.scheme) {
    out.append(*base.scheme);
    out += ':';
  }
  if (authority) {
    out += "//";
    out.append(*authority);
  }
  out += path;
  if (query) {
    out += '?';
    out.append(*query);
  }
  if (ref.fragment) {
    out += '#';
    out.append(*ref.fragment);
  }
  return out;
}

bool has_userinfo(std::string_view url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) {
    return false;
  }
  const std::string_view rest = url.substr(scheme_end + 3);
  const std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  return authority.find('@') != std::string_view::npos;
}

}  // namespace hw::feeds
