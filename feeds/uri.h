#pragma once
// RFC 3986 reference resolution, just enough for feed links and xml:base.
#include <string>
#include <string_view>

namespace hw::feeds {

// Resolves `reference` against `base` (RFC 3986 section 5.2). An empty base leaves the
// reference as it is; an absolute reference is returned untouched (no normalisation, so
// "http://host" stays without a trailing slash). A relative base is allowed and gives a
// relative result, which is what a feed without a document URI should keep.
std::string resolve_uri(std::string_view base, std::string_view reference);

// Whether an absolute URL carries user information ("scheme://user[:password]@host/…"): a
// secret that would end up in logs, tables and the database wherever the URL is shown.
bool has_userinfo(std::string_view url);

}  // namespace hw::feeds
