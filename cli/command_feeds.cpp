// `hypewatch feeds add|remove|import|export`: feed management in the database.
//
// Feeds come from two places. [[feed]] entries in the config are synced into the database at
// the start of every cycle (source "config"); `feeds add` and `feeds import` add rows with
// source "cli"/"opml". Every cycle polls all enabled rows, whatever their source. A config
// feed is managed by editing the config: `feeds remove` refuses it, since the next cycle
// would only list it again.
#include <charconv>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/feed_url_guess.h"
#include "cli/opml.h"
#include "feeds/uri.h"
#include "util/error.h"
#include "util/printable.h"
#include "util/time.h"

namespace hw::cli {
namespace {

namespace fs = std::filesystem;

// A feed URL as given on the command line or in an OPML file: http(s) as is, file:// when
// allowed, a local path (CLI only) becomes a file:// URL. Other schemes are refused.
Expected<std::string> normalize_feed_url(const std::string& arg, bool allow_file = true) {
  const auto colon = arg.find("://");
  if (colon == std::string::npos) {
    if (!allow_file || arg.empty()) {
      return fail("'" + arg + "': not an http(s) URL");
    }
    // A web address typed without "https://" would silently become a file that never exists.
    if (auto guess = scheme_missing_guess(arg); guess && !fs::exists(arg)) {
      return fail("'" + arg + "': no such file; did you mean " + *guess + "? (write ./" + arg +
                  " for a local file)");
    }
    return "file://" + fs::absolute(arg).lexically_normal().string();
  }
  if (feeds::has_userinfo(arg)) {
    return fail("'" + std::string(arg.substr(0, colon + 3)) +
                "…': a feed URL must not contain user information (user:password@host); "
                "hypewatch does not fetch authenticated feeds");
  }
  std::string scheme = arg.substr(0, colon);
  for (char& c : scheme) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  const bool ok = scheme == "http" || scheme == "https" || (allow_file && scheme == "file");
  if (!ok || arg.size() == colon + 3) {
    return fail("'" + arg + "': unsupported URL (use http, https" +
                std::string(allow_file ? " or file" : "") + ")");
  }
  for (unsigned char c : arg) {
    if (c <= 0x20 || c == 0x7f) {
      return fail("'" + arg + "': URL contains spaces or control characters");
    }
  }
  return scheme + arg.substr(colon);
}

storage::Store open_feeds_database(const Invocation& inv) {
  std::optional<app::Config> config;
  if (!inv.paths.db) {
    const fs::path cfg = app::config_path(inv.paths);
    std::error_code ec;
    if (inv.paths.config || fs::exists(cfg, ec)) {
      config = app::load_config(cfg);
    }
  }
  return app::open_for_write(app::database_path(inv.paths, config ? &*config : nullptr));
}

std::optional<storage::FeedRecord> find_by_url_or_id(storage::Store& store,
                                                     const std::string& arg) {
  if (!arg.empty() && arg.find_first_not_of("0123456789") == std::string::npos) {
    // from_chars, not stoll: an id too long for 64 bits is simply no feed, not an exception.
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(arg.data(), arg.data() + arg.size(), id);
    return ec == std::errc() && end == arg.data() + arg.size() ? store.feeds().feed(id)
                                                               : std::nullopt;
  }
  if (auto f = store.feeds().find_feed(arg)) {
    return f;
  }
  if (auto url = normalize_feed_url(arg)) {
    return store.feeds().find_feed(*url);
  }
  return std::nullopt;
}

// Adds or re-enables one feed; returns the line to print.
std::string add_one(storage::Store& store, const std::string& url, const std::string& name,
                    const std::string& source, std::optional<std::chrono::seconds> interval,
                    const std::string& kind = {}) {
  if (auto known = store.feeds().find_feed(url)) {
    std::string line = "feed " + std::to_string(known->id) + " " + known->url;
    if (!known->enabled) {
      // An explicit add is how a person says "try again" after a 410 or a removal.
      store.feeds().set_feed_enabled(known->id, true);
      store.feeds().set_next_poll_at(known->id, std::nullopt);
      line += ": enabled again (was disabled: " + known->disabled_reason + ")";
    } else {
      line += ": already present";
    }
    if (known->source != "config" && (interval || !name.empty() || !kind.empty())) {
      store.feeds().save_feed({url, name.empty() ? known->name : name, known->source,
                               interval ? interval : known->interval,
                               kind.empty() ? known->kind : kind});
    }
    return line;
  }
  const auto id =
      store.feeds().save_feed({url, name, source, interval, kind.empty() ? "news" : kind});
  return "added feed " + std::to_string(id) + " " + url;
}

}  // namespace

int cmd_feeds_manage(const Invocation& inv, const FeedsCommand& cmd, std::ostream& out,
                     std::ostream& err) {
  std::optional<std::chrono::seconds> interval;
  if (!cmd.interval.empty()) {
    interval = app::parse_duration(cmd.interval);
    if (!interval) {
      err << "hypewatch feeds: --interval must be a positive duration such as 15m, 1h or 900\n";
      return EX_USAGE;
    }
  }

  if (!cmd.kind.empty() && cmd.kind != "news" && cmd.kind != "factcheck") {
    err << "hypewatch feeds: --kind must be news or factcheck\n";
    return 2;
  }
  if (cmd.action == "add") {
    if (cmd.args.empty()) {
      err << "hypewatch feeds add: give one or more feed URLs\n";
      return EX_USAGE;
    }
    std::vector<std::string> urls;
    for (const auto& a : cmd.args) {
      auto url = normalize_feed_url(a);
      if (!url) {
        err << "hypewatch feeds add: " << url.error().message << "\n";
        return EX_USAGE;
      }
      urls.push_back(*url);
    }
    auto store = open_feeds_database(inv);
    for (const auto& url : urls) {
      out << printable(add_one(store, url, cmd.name, "cli", interval, cmd.kind)) << "\n";
    }
    return 0;
  }

  if (cmd.action == "remove") {
    if (cmd.args.empty()) {
      err << "hypewatch feeds remove: give feed URLs or ids (see `hypewatch feeds`)\n";
      return EX_USAGE;
    }
    for (const auto& a : cmd.args) {
      // An id is a number that fits 64 bits; more digits are a typo, not a feed to look for.
      std::int64_t id = 0;
      const char* end = a.data() + a.size();
      if (!a.empty() && a.find_first_not_of("0123456789") == std::string::npos &&
          std::from_chars(a.data(), end, id).ec != std::errc()) {
        err << "hypewatch feeds remove: FEED '" << a
            << "' is not a feed id (ids are at most 9223372036854775807; see `hypewatch feeds`)\n";
        return EX_USAGE;
      }
    }
    auto store = open_feeds_database(inv);
    int status = 0;
    for (const auto& a : cmd.args) {
      const auto feed = find_by_url_or_id(store, a);
      if (!feed) {
        err << "hypewatch feeds remove: no feed " << printable(a) << "\n";
        status = EX_NOINPUT;
        continue;
      }
      if (feed->source == "config" && feed->disabled_reason != "removed from config") {
        err << "hypewatch feeds remove: feed " << feed->id << " " << feed->url
            << " is listed in the config file; remove its [[feed]] entry there\n";
        status = EX_CONFIG;
        continue;
      }
      // Disabled, not deleted: its stories stay evidence in claim histories.
      store.feeds().set_feed_enabled(feed->id, false, "removed with `hypewatch feeds remove`");
      store.feeds().set_next_poll_at(feed->id, std::nullopt);
      out << "removed feed " << feed->id << " " << printable(feed->url) << " (" << feed->stories
          << " stories kept)\n";
    }
    return status;
  }

  if (cmd.action == "import") {
    if (cmd.args.size() != 1) {
      err << "hypewatch feeds import: give exactly one OPML file\n";
      return EX_USAGE;
    }
    const fs::path file = cmd.args[0];
    std::string bytes;
    {
      std::ifstream in(file, std::ios::binary);
      if (!in) {
        err << "hypewatch feeds import: cannot read " << file.string() << "\n";
        return EX_NOINPUT;
      }
      std::error_code ec;
      if (fs::file_size(file, ec) > (16u << 20)) {
        err << "hypewatch feeds import: " << file.string() << " is larger than 16 MiB\n";
        return EX_DATAERR;
      }
      bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    auto feeds = parse_opml(bytes, file.string());
    if (!feeds) {
      err << "hypewatch feeds import: " << feeds.error().message << "\n";
      return EX_DATAERR;
    }
    auto store = open_feeds_database(inv);
    int added = 0, skipped = 0;
    for (const auto& f : *feeds) {
      auto url = normalize_feed_url(f.url, /*allow_file=*/false);
      if (!url) {
        err << "hypewatch feeds import: " << file.string() << ": skipped "
            << printable(url.error().message) << "\n";
        ++skipped;
        continue;
      }
      const bool known = store.feeds().find_feed(*url).has_value();
      out << printable(
                 add_one(store, *url, cmd.name.empty() ? f.title : cmd.name, "opml", interval))
          << "\n";
      added += known ? 0 : 1;
    }
    out << "imported " << added << " new feeds from " << file.string() << " ("
        << feeds->size() - static_cast<std::size_t>(added) - static_cast<std::size_t>(skipped)
        << " already present, " << skipped << " skipped)\n";
    return 0;
  }

  if (cmd.action == "export") {
    auto store = app::open_for_query(inv.paths);
    std::vector<OpmlFeed> list;
    for (const auto& f : store.feeds().list_feeds()) {
      if (f.enabled) {
        list.push_back({f.url, !f.name.empty() ? f.name : f.title});
      }
    }
    out << write_opml(list, "hypewatch feeds");
    return 0;
  }

  err << "hypewatch feeds: unknown action '" << cmd.action
      << "' (use add, remove, import or export; no action lists the feeds)\n";
  return EX_USAGE;
}

}  // namespace hw::cli
