#pragma once
// Sites known for fabricated or satirical news (docs/status.md, "Where a rumour starts"): a
// claim whose first story comes from one is disputed from the start, because its origin is a
// site that makes stories up. Pure: the caller says which sites are listed.
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hw::rules {

// The built-in list: satire and fabricated-news sites, addresses made to pass for a news
// outlet's, and sites that republish fabricated stories as news, as fact-checkers (Snopes,
// PolitiFact, Wikipedia's list of fake news websites) describe them. Sorted; lower case; no
// "www.".
const std::vector<std::string>& default_low_credibility_sites();

// Whether `site` (url_site: lower-case host without "www.") is one of `listed` or a subdomain
// of one ("video.example.com" is "example.com").
bool site_listed(std::string_view site, std::span<const std::string> listed);

}  // namespace hw::rules
