// Runs the shared feed-parser corpus (../shared/data/feeds, see its README.md) in place.
// The corpus is large and partly outside our control, so conformance is measured as a pass
// rate with a floor, while dates (strict/reject) and malformed inputs are hard requirements.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "feeds/date_parser.h"
#include "feeds/feed_parser.h"
#include "support/test_support.h"
#include "util/time.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

fs::path corpus_dir() {
  const fs::path shared = hw::test::shared_dir();
  if (shared.empty())
    return {};
  const fs::path dir = shared / "data" / "feeds";
  return fs::exists(dir / "README.md") ? dir : fs::path{};
}

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos)
    return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

std::string content_type_of(const json& exp) {
  if (!exp.contains("http_headers") || !exp["http_headers"].is_object())
    return {};
  for (const auto& [key, value] : exp["http_headers"].items()) {
    std::string lowered = key;
    for (char& c : lowered)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lowered == "content-type" && value.is_string())
      return value.get<std::string>();
  }
  return {};
}

std::string base_uri_of(const json& exp) {
  return exp.contains("base_uri") && exp["base_uri"].is_string()
             ? exp["base_uri"].get<std::string>()
             : std::string{};
}

std::string date_or_empty(const std::optional<hw::TimePoint>& t) {
  return t ? hw::format_utc(*t) : std::string{};
}

// The README's check_opt: absent key = not asserted; null = empty; else trimmed equality.
void check_field(const json& obj, const char* key, const std::string& got, const std::string& where,
                 std::vector<std::string>& problems) {
  if (!obj.is_object() || !obj.contains(key))
    return;
  const json& want = obj[key];
  if (want.is_null()) {
    if (!trim(got).empty())
      problems.push_back(where + key + ": want empty, got '" + got + "'");
    return;
  }
  if (!want.is_string())
    return;
  if (trim(got) != want.get<std::string>()) {
    problems.push_back(where + key + ": want '" + want.get<std::string>() + "', got '" + trim(got) +
                       "'");
  }
}

void check_flag(const json& obj, const char* key, bool got, const std::string& where,
                std::vector<std::string>& problems) {
  if (!obj.contains(key) || !obj[key].is_boolean())
    return;
  if (obj[key].get<bool>() != got) {
    problems.push_back(where + key + ": want " + (got ? "false" : "true"));
  }
}

// Problems found checking one document against its expectation (empty = pass).
std::vector<std::string> check_case(const fs::path& doc_path, const json& exp) {
  std::vector<std::string> problems;
  const std::string bytes = hw::test::read_file(doc_path);
  const auto got = hw::feeds::parse_feed(bytes, base_uri_of(exp), content_type_of(exp));
  if (!got)
    return {"parse error: " + got.error().message};
  if (exp.contains("format") && exp["format"].is_string() &&
      exp["format"].get<std::string>() != got->format) {
    problems.push_back("format: want " + exp["format"].get<std::string>() + ", got " + got->format);
  }
  if (exp.contains("feed")) {
    check_field(exp["feed"], "title", got->title, "feed.", problems);
    check_field(exp["feed"], "link", got->link, "feed.", problems);
  }
  if (exp.contains("items_count") && exp["items_count"].get<std::size_t>() != got->items.size()) {
    problems.push_back("items_count: want " + std::to_string(exp["items_count"].get<int>()) +
                       ", got " + std::to_string(got->items.size()));
    return problems;
  }
  if (!exp.contains("items"))
    return problems;
  const json& items = exp["items"];
  for (std::size_t i = 0; i < items.size() && i < got->items.size(); ++i) {
    const json& e = items[i];
    const hw::Story& s = got->items[i];
    const std::string where = "items[" + std::to_string(i) + "].";
    check_field(e, "title", s.title, where, problems);
    check_field(e, "link", s.link, where, problems);
    check_field(e, "id", s.guid, where, problems);
    check_field(e, "published", date_or_empty(s.published), where, problems);
    check_field(e, "updated", date_or_empty(s.updated), where, problems);
    check_flag(e, "has_summary", !s.summary.empty(), where, problems);
    check_flag(e, "has_content", !s.content.empty(), where, problems);
  }
  return problems;
}

struct Tally {
  int passed = 0;
  int total = 0;
};

}  // namespace

TEST_CASE("feed corpus: conformance and real-world documents", "[corpus]") {
  const fs::path dir = corpus_dir();
  if (dir.empty()) {
    WARN("shared feed corpus not found beside the checkout; corpus test skipped");
    return;
  }

  struct Case {
    fs::path document;
    fs::path expected;
  };
  std::vector<Case> cases;
  const json index = json::parse(hw::test::read_file(dir / "conformance" / "index.json"));
  for (const json& c : index["cases"]) {
    cases.push_back({dir / "conformance" / c["document"].get<std::string>(),
                     dir / "conformance" / c["expected"].get<std::string>()});
  }
  for (const auto& entry : fs::directory_iterator(dir / "real")) {
    const std::string name = entry.path().filename().string();
    const std::string suffix = ".expected.json";
    if (!name.ends_with(suffix))
      continue;
    const json exp = json::parse(hw::test::read_file(entry.path()));
    cases.push_back({dir / "real" / exp["document"].get<std::string>(), entry.path()});
  }

  std::map<std::string, Tally> by_format;
  Tally overall;
  int skipped = 0;
  std::ostringstream failures;
  for (const Case& c : cases) {
    const json exp = json::parse(hw::test::read_file(c.expected));
    if (exp.value("needs_internal_dtd_entities", false)) {
      ++skipped;  // pugixml does not expand internal DTD entities, by design
      continue;
    }
    const std::string format = exp.contains("format") && exp["format"].is_string()
                                   ? exp["format"].get<std::string>()
                                   : "(unasserted)";
    const std::vector<std::string> problems = check_case(c.document, exp);
    const std::string label = fs::relative(c.document, dir).string();
    ++by_format[format].total;
    ++overall.total;
    if (problems.empty()) {
      ++by_format[format].passed;
      ++overall.passed;
    } else {
      failures << "  FAIL " << label << "\n";
      for (const std::string& p : problems)
        failures << "       " << p << "\n";
    }
  }

  std::ostringstream report;
  report << "feed corpus: " << overall.passed << "/" << overall.total << " cases fully pass ("
         << (100.0 * overall.passed / std::max(overall.total, 1)) << "%), " << skipped
         << " skipped (internal DTD entities)\n";
  for (const auto& [format, t] : by_format) {
    report << "  " << format << ": " << t.passed << "/" << t.total << "\n";
  }
  WARN(report.str() + failures.str());
  CHECK(overall.total > 600);
  // Issue 3: at least 98% of conformance + real cases fully pass.
  CHECK(overall.passed * 100 >= overall.total * 98);
}

TEST_CASE("feed corpus: dates.json", "[corpus]") {
  const fs::path dir = corpus_dir();
  if (dir.empty()) {
    WARN("shared feed corpus not found beside the checkout; dates test skipped");
    return;
  }
  const json dates = json::parse(hw::test::read_file(dir / "conformance" / "dates.json"));
  std::map<std::string, Tally> by_class;
  std::ostringstream misses;
  for (const json& v : dates["vectors"]) {
    const std::string input = v["input"].get<std::string>();
    const std::string cls = v["class"].get<std::string>();
    const std::string want =
        v["expected_utc"].is_null() ? "" : v["expected_utc"].get<std::string>();
    const std::string got = date_or_empty(hw::feeds::parse_date(input));
    ++by_class[cls].total;
    if (got == want) {
      ++by_class[cls].passed;
    } else {
      misses << "  " << cls << " '" << input << "': want '" << want << "', got '" << got << "'\n";
    }
    if (cls == "strict" || cls == "reject") {
      INFO(cls << " '" << input << "'");
      CHECK(got == want);
    }
  }
  std::ostringstream report;
  report << "dates.json:";
  for (const auto& [cls, t] : by_class)
    report << " " << cls << " " << t.passed << "/" << t.total;
  WARN(report.str() + "\n" + misses.str());
}

TEST_CASE("feed corpus: malformed/MANIFEST.json", "[corpus]") {
  const fs::path dir = corpus_dir();
  if (dir.empty()) {
    WARN("shared feed corpus not found beside the checkout; malformed test skipped");
    return;
  }
  const fs::path malformed = dir / "malformed";
  const json manifest = json::parse(hw::test::read_file(malformed / "MANIFEST.json"));
  std::map<std::string, Tally> by_must;
  std::ostringstream report;
  for (const json& c : manifest["cases"]) {
    const std::string file = c["file"].get<std::string>();
    const std::string must = c["must"].get<std::string>();
    INFO(file << " (" << must << ")");
    const std::string bytes = hw::test::read_file(malformed / file);
    const auto started = std::chrono::steady_clock::now();
    const auto got = hw::feeds::parse_feed(bytes, {}, content_type_of(c));
    const auto elapsed = std::chrono::steady_clock::now() - started;
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count();

    std::vector<std::string> problems;
    const json recover = c.value("recover", json::object());
    const auto matches_recover = [&] {
      if (recover.contains("items_count") &&
          recover["items_count"].get<std::size_t>() != got->items.size()) {
        problems.push_back("items_count " + std::to_string(got->items.size()));
        return;
      }
      if (recover.contains("feed_title") && must != "reject-or-ignore-entities") {
        const std::string want =
            recover["feed_title"].is_null() ? "" : recover["feed_title"].get<std::string>();
        if (trim(got->title) != want)
          problems.push_back("feed_title '" + got->title + "'");
      }
      for (const char* key : {"item_titles", "item_links"}) {
        if (!recover.contains(key))
          continue;
        const json& want = recover[key];
        for (std::size_t i = 0; i < want.size() && i < got->items.size(); ++i) {
          const hw::Story& s = got->items[i];
          const std::string value = trim(std::string(key) == "item_titles" ? s.title : s.link);
          const std::string w = want[i].is_null() ? "" : want[i].get<std::string>();
          if (value != w)
            problems.push_back(std::string(key) + "[" + std::to_string(i) + "] '" + value + "'");
        }
      }
    };

    if (must == "reject") {
      // The manifest's own note: json_feed.json is to be rejected "unless JSON Feed support
      // is added". It is, so it must parse as what it is.
      const bool json_feed = c.value("file", "") == "json_feed.json";
      if (json_feed && (!got || got->format != "json11" || got->items.size() != 1 ||
                        got->items[0].title != "Story 1"))
        problems.push_back(got ? "JSON Feed misread" : "JSON Feed rejected: " + got.error().message);
      else if (got && !json_feed)
        problems.push_back("accepted");
    } else if (must == "accept" || must == "recover") {
      if (!got) {
        problems.push_back("rejected: " + got.error().message);
      } else {
        matches_recover();
      }
    } else if (must == "reject-or-recover") {
      if (got && c.contains("recover"))
        matches_recover();
    } else if (must == "reject-or-ignore-entities") {
      if (got) {
        std::string all = got->title;
        for (const hw::Story& s : got->items)
          all += s.title + s.summary + s.content + s.link;
        if (all.find("root:") != std::string::npos || all.find("lollol") != std::string::npos ||
            all.size() > 100000) {
          problems.push_back("entities expanded");
        }
      }
    } else {  // accept-or-reject-by-size/depth-policy
      // Accepted or rejected, never a time limit of ours: the time is in the report line only.
      if (got)
        matches_recover();
    }

    ++by_must[must].total;
    if (problems.empty())
      ++by_must[must].passed;
    report << "  " << (problems.empty() ? "ok  " : "FAIL") << " " << file << " [" << must << "] "
           << (got ? "parsed, " + std::to_string(got->items.size()) + " items"
                   : "error: " + got.error().message)
           << " (" << ms << " ms)";
    for (const std::string& p : problems)
      report << " | " << p;
    report << "\n";
    CHECK(problems.empty());
  }
  std::ostringstream summary;
  summary << "malformed:";
  for (const auto& [must, t] : by_must)
    summary << " " << must << " " << t.passed << "/" << t.total;
  WARN(summary.str() + "\n" + report.str());
}
