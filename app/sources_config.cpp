#include "app/sources_config.h"

#include <algorithm>

#include "app/toml_values.h"
#include "rules/source_credibility.h"

namespace hw::app {
namespace {

// A host name as url_site writes it; the reason when `text` is not one.
std::string site_of(std::string text, std::string& why) {
  std::ranges::transform(text, text.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  if (text.starts_with("www.")) {
    text.erase(0, 4);
  }
  const bool host = !text.empty() && text.front() != '.' && text.back() != '.' &&
                    std::ranges::all_of(text, [](unsigned char c) {
                      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
                             c == '-' || c >= 0x80;
                    });
  if (!host) {
    why = "'" + text + "' is not a host name (write \"example.com\": no scheme, path or port)";
  }
  return text;
}

std::vector<std::string> sites(const std::filesystem::path& file, const toml::node& value,
                               const std::string& key) {
  const auto* arr = value.as_array();
  if (arr == nullptr) {
    toml_fail(file, value.source(), "sources." + key + " must be an array of host names");
  }
  std::vector<std::string> out;
  for (const auto& item : *arr) {
    const auto text = item.value<std::string>();
    if (!item.is_string() || !text) {
      toml_fail(file, item.source(), "sources." + key + " must hold strings (host names)");
    }
    std::string why;
    std::string site = site_of(*text, why);
    if (!why.empty()) {
      toml_fail(file, item.source(), "sources." + key + ": " + why);
    }
    out.push_back(std::move(site));
  }
  return out;
}

}  // namespace

SourcesConfig default_sources_config() {
  return {rules::default_low_credibility_sites()};
}

SourcesConfig parse_sources_config(const std::filesystem::path& file, const toml::node& node) {
  const auto* table = node.as_table();
  if (table == nullptr) {
    toml_fail(file, node.source(), "'sources' must be a table: write [sources]");
  }
  SourcesConfig c = default_sources_config();
  std::vector<std::string> added;
  for (const auto& [key, value] : *table) {
    const std::string k(key.str());
    if (k == "low_credibility") {
      c.low_credibility = sites(file, value, k);
    } else if (k == "add_low_credibility") {
      added = sites(file, value, k);
    } else {
      toml_fail(
          file, key.source(),
          "unknown key '" + k + "' in [sources] (known: low_credibility, add_low_credibility)");
    }
  }
  for (auto& site : added) {
    if (std::ranges::find(c.low_credibility, site) == c.low_credibility.end()) {
      c.low_credibility.push_back(std::move(site));
    }
  }
  return c;
}

}  // namespace hw::app
