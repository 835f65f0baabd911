#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "feeds/feed_parser.h"
#include "support/test_support.h"
#include "util/time.h"

using hw::feeds::parse_feed;
using namespace std::string_literals;

namespace {

std::string fixture(const std::string& name) {
  return hw::test::read_file(hw::test::fixture("feeds/" + name));
}

hw::ParsedFeed parse_ok(const std::string& bytes, std::string_view base = {},
                        std::string_view content_type = {}) {
  auto feed = parse_feed(bytes, base, content_type);
  INFO((feed ? std::string() : feed.error().message));
  REQUIRE(feed.has_value());
  return *feed;
}

std::string date(const std::optional<hw::TimePoint>& t) {
  return t ? hw::format_utc(*t) : "";
}

std::string error_of(const std::string& bytes, std::string_view content_type = {}) {
  const auto feed = parse_feed(bytes, {}, content_type);
  return feed ? std::string("(parsed)") : feed.error().message;
}

}  // namespace

TEST_CASE("RSS 2.0: fields, xml:base, entities, CDATA, HTML", "[rss]") {
  const auto feed = parse_ok(fixture("rss20_news.xml"));
  CHECK(feed.format == "rss20");
  CHECK(feed.title == "Example Gazette \xE2\x80\x93 World");
  CHECK(feed.link == "https://news.example.org/world/index.html");  // not the atom:link
  REQUIRE(feed.items.size() == 3);

  const hw::Story& strike = feed.items[0];
  CHECK(strike.title == "Harbour & rail strike ends after three days");
  CHECK(strike.link == "https://news.example.org/world/2024/05/strike-ends.html");
  CHECK(strike.guid == "gazette-strike-0519");
  CHECK(date(strike.published) == "2024-05-19T06:30:00Z");
  CHECK_FALSE(strike.updated);
  CHECK(strike.summary == "Unions and operators signed a deal\xC2\xA0overnight. Trains run again.");
  CHECK(strike.content == "Full text: the agreement covers pay & hours.");

  const hw::Story& second = feed.items[1];
  CHECK(second.title == "AT&amp;T style title stays escaped once");
  CHECK(second.link == "https://other.example.net/story?id=7&ref=rss");
  CHECK(second.guid.empty());  // missing guid stays empty; story_key falls back to the link
  CHECK(date(second.published) == "2024-05-18T21:05:00Z");  // dc:date
  CHECK(second.summary == "Plain summary, spread over two lines.");
  CHECK(second.content.empty());

  const hw::Story& third = feed.items[2];
  CHECK(third.title == "Mixed CDATA and text");
  CHECK(third.link.empty());  // no fallback to the guid
  CHECK(third.guid == "https://news.example.org/world/2024/05/mixed.html");
  CHECK_FALSE(third.published);  // unparseable pubDate
}

TEST_CASE("Atom 1.0: nested xml:base, text constructs, dates", "[atom]") {
  const auto feed = parse_ok(fixture("atom10_news.xml"));
  CHECK(feed.format == "atom10");
  CHECK(feed.title == "Example Wire");
  CHECK(feed.link == "https://wire.example.com/");
  REQUIRE(feed.items.size() == 2);

  const hw::Story& probe = feed.items[0];
  CHECK(probe.link == "https://wire.example.com/science/probe-samples");
  CHECK(probe.guid == "tag:wire.example.com,2024:probe");
  CHECK(date(probe.published) == "2024-05-20T04:15:00Z");
  CHECK(date(probe.updated) == "2024-05-20T04:00:00Z");
  CHECK(probe.summary == "The capsule landed safely in the desert.");
  CHECK(probe.content == "Scientists will study the dust. Results next year.");

  const hw::Story& markets = feed.items[1];
  CHECK(markets.link == "https://markets.example.com/flat");
  CHECK_FALSE(markets.published);
  CHECK(date(markets.updated) == "2024-05-20T08:00:00Z");
  CHECK(markets.summary == "Index futures <unchanged> before the bell.");  // type="text"
}

TEST_CASE("Atom 0.3, RSS 1.0, RSS 0.90 and 0.91", "[atom][rss]") {
  const auto atom03 = parse_ok(fixture("atom03_news.xml"));
  CHECK(atom03.format == "atom03");
  CHECK(atom03.link == "http://bulletin.example.org/");
  REQUIRE(atom03.items.size() == 1);
  CHECK(atom03.items[0].guid == "urn:bulletin:bridge");
  CHECK(date(atom03.items[0].published) == "2004-02-29T02:14:55Z");
  CHECK(date(atom03.items[0].updated) == "2004-03-01T09:00:00Z");
  CHECK(atom03.items[0].summary == "Vote passed 7 to 2.");

  const auto rss10 = parse_ok(fixture("rss10_news.rdf"));
  CHECK(rss10.format == "rss10");
  CHECK(rss10.title == "Example Journal preprints");
  REQUIRE(rss10.items.size() == 1);
  CHECK(rss10.items[0].guid == "http://journal.example.edu/p/101");
  CHECK(date(rss10.items[0].published) == "2024-05-17T00:00:00Z");

  const auto rss090 = parse_ok(fixture("rss090_news.rdf"));
  CHECK(rss090.format == "rss090");
  REQUIRE(rss090.items.size() == 1);
  CHECK(rss090.items[0].link == "http://portal.example.com/channels");

  const auto rss091 = parse_ok(fixture("rss091_news.xml"));
  CHECK(rss091.format == "rss091");
  CHECK(rss091.link == "http://weekly.example.org");  // no slash added
}

TEST_CASE("the document URI resolves relative links", "[rss]") {
  const std::string doc =
      "<rss version=\"2.0\"><channel><title>t</title><link>/</link>"
      "<item><title>a</title><link>../a.html</link></item></channel></rss>";
  const auto feed = parse_ok(doc, "https://site.example/news/feed.xml");
  CHECK(feed.link == "https://site.example/");
  CHECK(feed.items.at(0).link == "https://site.example/a.html");
  CHECK(parse_ok(doc).items.at(0).link == "../a.html");  // no URI: stays relative
}

TEST_CASE("encodings", "[encoding]") {
  const auto latin1 = parse_ok(fixture("latin1_news.xml"));
  CHECK(latin1.title == "Di\xC3\xA1rio da Regi\xC3\xA3o");
  CHECK(latin1.items.at(0).title == "Previs\xC3\xA3o: chuva em S\xC3\xA3o Paulo");

  const auto cp1252 = parse_ok(fixture("windows1252_news.xml"));
  CHECK(cp1252.title == "Daily \xE2\x80\x9CQuotes\xE2\x80\x9D");
  CHECK(cp1252.items.at(0).title == "Prices rise to 5 \xE2\x82\xAC \xE2\x80\x94 again");
  CHECK(cp1252.items.at(0).summary == "It\xE2\x80\x99s official.");

  const auto utf16 = parse_ok(fixture("utf16le_bom_news.xml"));
  CHECK(utf16.title ==
        "\xCE\x95\xCE\xBB\xCE\xBB\xCE\xB7\xCE\xBD\xCE\xB9\xCE\xBA\xCE\xAC "
        "\xCE\xBD\xCE\xAD\xCE\xB1");
  CHECK(utf16.items.size() == 1);

  // No declaration and not UTF-8: read as windows-1252 rather than turned into U+FFFD.
  const auto undeclared = parse_ok(fixture("undeclared_latin1_news.xml"));
  CHECK(undeclared.title ==
        "Caf\xC3\xA9 Not\xC3\xAD"
        "cias");

  // The HTTP charset overrides the declaration.
  const auto header = parse_ok(
      "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>caf\xE9"
      "</title></channel></rss>",
      {}, "application/rss+xml; charset=ISO-8859-1");
  CHECK(header.title == "caf\xC3\xA9");
}

TEST_CASE("lenient reading of common breakage", "[robustness]") {
  // Undeclared HTML entities, a bare ampersand, NUL bytes.
  const std::string doc =
      "<rss version=\"2.0\"><channel><title>Caf&eacute; &ndash; Q&A</title>"
      "<item><title>a\0b</title><link>https://x.example/?a=1&b=2</link></item>"
      "</channel></rss>"s;
  const auto feed = parse_ok(doc);
  CHECK(feed.title == "Caf\xC3\xA9 \xE2\x80\x93 Q&A");
  CHECK(feed.items.at(0).title == "ab");
  CHECK(feed.items.at(0).link == "https://x.example/?a=1&b=2");

  // A connection dropped mid-item keeps the complete items only.
  const std::string cut =
      "<rss version=\"2.0\"><channel><title>Cut</title><item><title>one</title></item>"
      "<item><title>two</title><desc";
  const auto truncated = parse_ok(cut);
  REQUIRE(truncated.items.size() == 1);
  CHECK(truncated.items[0].title == "one");

  // Internal DTD entities are never expanded: the feed is read, its title without them.
  const std::string laughs =
      "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b "
      "\"&a;&a;&a;&a;&a;&a;\">]><rss version=\"2.0\"><channel><title>&b;</title></channel></rss>";
  const auto entities = parse_feed(laughs);
  REQUIRE(entities);
  CHECK(entities->title.find("aaaa") == std::string::npos);

  // Deep nesting: no stack overflow, and the item around it is read.
  std::string deep = "<rss version=\"2.0\"><channel><item><title>Deep</title><description>";
  for (int i = 0; i < 100000; ++i)
    deep += "<d>";
  deep += "x";
  for (int i = 0; i < 100000; ++i)
    deep += "</d>";
  deep += "</description></item></channel></rss>";
  const auto deep_feed = parse_feed(deep);
  REQUIRE(deep_feed);
  REQUIRE(deep_feed->items.size() == 1);
  CHECK(deep_feed->items[0].title == "Deep");
}

TEST_CASE("errors: not a feed, broken XML, size cap", "[errors]") {
  CHECK(error_of("") == "not a feed: empty document");
  CHECK(error_of(" \n\t ") == "not a feed: empty document");
  CHECK(error_of("{\"items\": []}") == "not a feed: JSON document");
  CHECK(error_of("{\"version\": \"https://jsonfeed.org/version/1\"}") ==
        "not a feed: JSON Feed without items");
  CHECK(error_of("hello, world").starts_with("not a feed:"));
  CHECK(error_of("\x1f\x8b\x08\x00garbage").starts_with("not a feed: gzip"));
  CHECK(error_of(fixture("not_a_feed.html"), "text/html") == "not a feed: HTML document");
  CHECK(error_of("<?xml version=\"1.0\"?><svg><g/></svg>") == "not a feed: root element <svg>");
  CHECK(error_of(fixture("broken_news.xml")) == "XML error at line 6: Start-end tags mismatch");
  CHECK(error_of("<rss version=\"2.0\">\n</rss").starts_with("XML error at line 2: "));

  std::string huge = "<rss version=\"2.0\"><channel><title>";
  huge.append(33u << 20, 'x');
  CHECK(error_of(huge).starts_with("document too large"));
}

TEST_CASE("text before the XML declaration", "[robustness]") {
  const auto feed = parse_ok(
      "<b>Notice</b>: Undefined index in feed.php on line 3\n<?xml version=\"1.0\"?>\n"
      "<rss version=\"2.0\"><channel><title>After notice</title></channel></rss>");
  CHECK(feed.title == "After notice");

  // A declaration quoted inside the feed is content, not a restart.
  const auto quoted = parse_ok(
      "<rss version=\"2.0\"><channel><title>Quoting</title><item><title>x</title><description>"
      "<![CDATA[<?xml version=\"1.0\"?><p>sample</p>]]></description></item></channel></rss>");
  CHECK(quoted.title == "Quoting");
  CHECK(quoted.items.size() == 1);
}
