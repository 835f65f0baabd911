#pragma once
// The one home of "which host/site is this URL from": per-host politeness in the fetcher,
// independent sites in the evidence gate and the site shown beside a story in the digest all
// ask it, so they can no longer disagree about userinfo, ports, case or IPv6 literals.
#include <string>
#include <string_view>

namespace hw {

// The host of an absolute URL, lowercased, without userinfo or port; an IPv6 literal keeps its
// brackets ("[::1]"). Empty when `url` is not an absolute URL with a host ("file:///x",
// "not a url", a relative link). Parsed by libcurl's URL API (CURLU), the parser the fetcher
// itself uses, with any scheme and with spaces allowed, as feeds write them.
std::string url_host(std::string_view url);

// The site a story comes from: url_host without a leading "www.", so "www.example.org" and
// "example.org" count as one source.
std::string url_site(std::string_view url);

}  // namespace hw
