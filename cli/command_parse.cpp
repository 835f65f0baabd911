// `hypewatch parse`: the normalized feed as JSON (a contract: README.md, "Querying").
#include <fstream>
#include <iostream>
#include <sstream>
#include <variant>

#include "cli/commands.h"
#include "cli/json_output.h"
#include "feeds/feed_parser.h"
#include "feeds/fetcher.h"

namespace hw::cli {

int cmd_parse(const std::string& source, const std::string& base_uri,
              const std::string& content_type, std::ostream& out, std::ostream& err) {
  std::string bytes;
  std::string base = base_uri;
  std::string ctype = content_type;
  if (source.find("://") != std::string::npos) {
    feeds::Fetcher fetcher;
    auto results = fetcher.fetch_all({{source, "", ""}});
    if (!results[0]) {
      err << "hypewatch parse: " << results[0].error().message << "\n";
      return EX_UNAVAILABLE;
    }
    auto& fetched = std::get<feeds::Fetched>(*results[0]);
    bytes = std::move(fetched.body);
    if (base.empty()) {
      base = fetched.effective_url;
    }
    if (ctype.empty()) {
      ctype = fetched.content_type;
    }
  } else {
    std::ifstream in(source, std::ios::binary);
    if (!in) {
      err << "hypewatch parse: " << source << ": cannot open file\n";
      return EX_NOINPUT;
    }
    std::ostringstream buf;
    buf << in.rdbuf();
    bytes = buf.str();
  }
  auto parsed = feeds::parse_feed(bytes, base, ctype);
  if (!parsed) {
    err << "hypewatch parse: " << source << ": " << parsed.error().message << "\n";
    return EX_DATAERR;
  }
  out << to_json(*parsed).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  return 0;
}

}  // namespace hw::cli
