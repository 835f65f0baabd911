#pragma once
// Telling a web address typed without its scheme from a local file name.
#include <optional>
#include <string>
#include <string_view>

namespace hw::cli {

// "https://<arg>" when `arg` (no "://") starts with something that reads as a host name:
// "www.example.org/rss.xml", "example.org", "news.example.co.uk:8080/feed", "127.0.0.1/rss",
// "localhost:8080/x". Paths that say they are paths ("./x", "/x", "~/x", "../x") and plain
// file names ("feed.xml", "feeds/archive.xml") give nullopt.
std::optional<std::string> scheme_missing_guess(std::string_view arg);

}  // namespace hw::cli
