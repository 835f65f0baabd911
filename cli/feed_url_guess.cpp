#include "cli/feed_url_guess.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

namespace hw::cli {
namespace {

bool is_label_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-';
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// Endings of the files people keep feeds in: "feed.xml" is a file name, not a host in the
// (real) .xml top-level domain.
bool is_file_extension(std::string_view label) {
  static constexpr std::array<std::string_view, 12> kExtensions = {
      "xml", "rss", "atom", "rdf", "json", "opml", "txt", "html", "htm", "feed", "toml", "gz"};
  const std::string l = lower(label);
  return std::find(kExtensions.begin(), kExtensions.end(), l) != kExtensions.end();
}

bool looks_like_host(std::string_view host) {
  if (const auto colon = host.rfind(':'); colon != std::string_view::npos) {
    if (!all_digits(host.substr(colon + 1))) {
      return false;
    }
    host = host.substr(0, colon);
  }
  if (lower(host) == "localhost") {
    return true;
  }
  std::vector<std::string_view> labels;
  for (std::size_t start = 0;;) {
    const auto dot = host.find('.', start);
    labels.push_back(host.substr(start, dot - start));
    if (dot == std::string_view::npos) {
      break;
    }
    start = dot + 1;
  }
  if (labels.size() < 2) {
    return false;
  }
  for (std::string_view l : labels) {
    if (l.empty() || l.size() > 63 || !std::all_of(l.begin(), l.end(), is_label_char)) {
      return false;
    }
  }
  if (labels.size() == 4 && std::all_of(labels.begin(), labels.end(), all_digits)) {
    return true;  // an IPv4 address
  }
  const std::string_view tld = labels.back();
  const bool alphabetic = std::all_of(tld.begin(), tld.end(), [](char c) {
    return std::isalpha(static_cast<unsigned char>(c)) != 0;
  });
  return alphabetic && tld.size() >= 2 &&
         (lower(labels.front()) == "www" || !is_file_extension(tld));
}

}  // namespace

std::optional<std::string> scheme_missing_guess(std::string_view arg) {
  if (arg.empty() || arg.find("://") != std::string_view::npos || arg.starts_with('.') ||
      arg.starts_with('/') || arg.starts_with('~')) {
    return std::nullopt;
  }
  const std::string_view host = arg.substr(0, arg.find('/'));
  if (!looks_like_host(host)) {
    return std::nullopt;
  }
  return "https://" + std::string(arg);
}

}  // namespace hw::cli
