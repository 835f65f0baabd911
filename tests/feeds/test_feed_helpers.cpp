// The building blocks of the parser: URI resolution, charset decoding, HTML to text.
#include <catch2/catch.hpp>

#include <string>

#include "feeds/encoding.h"
#include "feeds/html_text.h"
#include "feeds/uri.h"

using hw::feeds::resolve_uri;

TEST_CASE("RFC 3986 reference resolution", "[uri]") {
  const std::string base = "http://a/b/c/d;p?q";
  // The normal and abnormal examples of RFC 3986 section 5.4.
  CHECK(resolve_uri(base, "g:h") == "g:h");
  CHECK(resolve_uri(base, "g") == "http://a/b/c/g");
  CHECK(resolve_uri(base, "./g") == "http://a/b/c/g");
  CHECK(resolve_uri(base, "g/") == "http://a/b/c/g/");
  CHECK(resolve_uri(base, "/g") == "http://a/g");
  CHECK(resolve_uri(base, "//g") == "http://g");
  CHECK(resolve_uri(base, "?y") == "http://a/b/c/d;p?y");
  CHECK(resolve_uri(base, "g?y") == "http://a/b/c/g?y");
  CHECK(resolve_uri(base, "#s") == "http://a/b/c/d;p?q#s");
  CHECK(resolve_uri(base, "g#s") == "http://a/b/c/g#s");
  CHECK(resolve_uri(base, "") == "http://a/b/c/d;p?q");
  CHECK(resolve_uri(base, ".") == "http://a/b/c/");
  CHECK(resolve_uri(base, "..") == "http://a/b/");
  CHECK(resolve_uri(base, "../g") == "http://a/b/g");
  CHECK(resolve_uri(base, "../../g") == "http://a/g");
  CHECK(resolve_uri(base, "../../../g") == "http://a/g");
  CHECK(resolve_uri(base, "/./g") == "http://a/g");
  CHECK(resolve_uri(base, "g.") == "http://a/b/c/g.");
  CHECK(resolve_uri(base, "./../g") == "http://a/b/g");
  CHECK(resolve_uri(base, "g;x=1/../y") == "http://a/b/c/y");
}

TEST_CASE("resolution edge cases feeds need", "[uri]") {
  CHECK(resolve_uri("", "relative/link") == "relative/link");
  CHECK(resolve_uri("http://host", "page") == "http://host/page");
  CHECK(resolve_uri("http://base.example/", "http://host") == "http://host");  // no slash added
  CHECK(resolve_uri("/root/", "page") == "/root/page");                        // relative base
  CHECK(resolve_uri("http://a/b/", "  c \n") == "http://a/b/c");
}

TEST_CASE("charset detection and conversion", "[encoding]") {
  using hw::feeds::decode_to_utf8;
  CHECK(hw::feeds::charset_of("text/xml; charset=\"ISO-8859-1\"") == "iso-8859-1");
  CHECK(hw::feeds::charset_of("application/rss+xml") == "");

  const auto latin1 =
      decode_to_utf8("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><t>caf\xE9</t>");
  CHECK(latin1.utf8.ends_with("<t>caf\xC3\xA9</t>"));

  // The Content-Type charset wins over the declaration.
  const auto header = decode_to_utf8("<?xml version=\"1.0\" encoding=\"utf-8\"?><t>\xE9</t>",
                                     "text/xml; charset=windows-1252");
  CHECK(header.utf8.ends_with("<t>\xC3\xA9</t>"));

  // Bytes that are invalid in the declared charset become U+FFFD, never pass through.
  const auto mixed = decode_to_utf8("<t>\xC3\xA9 and \xFF</t>");
  CHECK(mixed.utf8 == "<t>\xC3\xA9 and \xEF\xBF\xBD</t>");

  // A UTF-16 BOM decides, whatever the declaration says.
  const std::string utf16("\xFF\xFE<\0t\0>\0\xE9\0<\0/\0t\0>\0", 18);
  CHECK(decode_to_utf8(utf16).utf8 == "<t>\xC3\xA9</t>");

  // NUL and other C0 controls are not XML characters.
  CHECK(decode_to_utf8(std::string("<t>a\0b\x01</t>", 11)).utf8 == "<t>ab</t>");
}

TEST_CASE("HTML to plain text", "[html]") {
  using hw::feeds::html_to_text;
  CHECK(html_to_text("<p>One&nbsp;two</p><p>three &amp; <b>four</b></p>") ==
        "One\xC2\xA0two three & four");
  CHECK(html_to_text("<div>kept<script>dropped()</script><style>p{}</style></div>") == "kept");
  CHECK(html_to_text("  plain\n\ttext  ") == "plain text");
  CHECK(html_to_text("a<br>b") == "a b");
  CHECK(html_to_text("x &lt;y&gt; &#8364; &eacute;") == "x <y> \xE2\x82\xAC \xC3\xA9");

  // Thousands of nested tags take the gumbo-free path and still yield the text.
  std::string deep;
  for (int i = 0; i < 20000; ++i)
    deep += "<div>";
  deep += "core &amp; text";
  CHECK(html_to_text(deep) == "core & text");
}

TEST_CASE("undeclared HTML entities become character references", "[html]") {
  using hw::feeds::numeric_html_entities;
  CHECK(numeric_html_entities("<t>caf&eacute; &amp; &nbsp;</t>") ==
        "<t>caf&#233; &amp; &#160;</t>");
  CHECK(numeric_html_entities("<t><![CDATA[&eacute;]]><!-- &nbsp; --></t>") ==
        "<t><![CDATA[&eacute;]]><!-- &nbsp; --></t>");
  CHECK(numeric_html_entities("?a=1&copy=2 &unknown;") == "?a=1&copy=2 &unknown;");
}
