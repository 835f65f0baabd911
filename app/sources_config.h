#pragma once
// [sources]: the sites known for fabricated or satirical news (docs/status.md, "Where a rumour
// starts"). The built-in list applies unless the config replaces it or adds to it.
#include <filesystem>
#include <string>
#include <vector>

#include <toml++/toml.h>

namespace hw::app {

struct SourcesConfig {
  // Sites as url_site writes them: lower case, without "www.".
  std::vector<std::string> low_credibility;
};

// The built-in list (rules/source_credibility.h).
SourcesConfig default_sources_config();

// `low_credibility = [...]` replaces the built-in list (`[]` turns the rule off);
// `add_low_credibility = [...]` adds to it. Entries are host names ("example.com"): written in
// any case, with or without "www.". Throws hw::ConfigError "FILE:LINE:COLUMN: message" on
// unknown keys and on entries that are not host names (a URL, a path, spaces).
SourcesConfig parse_sources_config(const std::filesystem::path& file, const toml::node& node);

}  // namespace hw::app
