// The building blocks of the parser: URI resolution, charset decoding, HTML to text.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

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

// ---- the gumbo-free fast path of html_to_text ------------------------------------------------

namespace {

// Every fragment the fast path takes must read exactly as gumbo reads it.
// (Fragments without '<' or '&' are only whitespace-collapsed, never parsed.)
void check_same_as_gumbo(const std::string& html) {
  INFO("fragment: " << html);
  REQUIRE(html.find_first_of("<&") != std::string::npos);
  const auto fast = hw::feeds::html_to_text_fast(html);
  if (fast)
    CHECK(*fast == hw::feeds::html_to_text_gumbo(html));
  CHECK(hw::feeds::html_to_text(html) == hw::feeds::html_to_text_gumbo(html));
}

}  // namespace

TEST_CASE("simple HTML fragments take the fast path and read as gumbo reads them", "[html]") {
  const std::vector<std::string> simple = {
      "<p>One&nbsp;two</p><p>three &amp; <b>four</b></p>",
      "a<br>b",
      "a<br/>b<br />c<BR>d",
      "x &lt;y&gt; &#8364; &#x20AC; &#X41; &eacute; &quot;q&quot; &apos;",
      "<p>Para one with <a href=\"https://x.example/a?b=1&amp;c=2\">a link</a>.</p>"
      "<p>Para two <em>em</em><strong>strong</strong><i>i</i><span class='c'>span</span></p>",
      "<div>one</div><div>two<div>three</div>four</div>five",
      "<ul><li>one</li><li>two</li></ul><ol><li>three<ul><li>nested</li></ul></li></ol>",
      "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>",
      "<h1>Title</h1><h2>Sub</h2><h3>x</h3><h4>y</h4><h5>z</h5><h6>w</h6>after",
      "<blockquote>quoted <cite>cite</cite></blockquote>after",
      "word<img src=\"a.png\" alt=\"an image\">word",
      "word<img src=a.png alt=x/>word<hr>end",
      "in<b>line</b>s<i>t</i>ay<u>t</u>o<s>g</s>e<sub>t</sub>h<sup>e</sup>r<small>!</small>",
      "<code>x</code><abbr title=t>y</abbr><mark>z</mark><q>q</q><time datetime=2024>t</time>",
      "<figure><img src=x><figcaption>caption</figcaption></figure>text",
      "<P CLASS=\"x\">Upper <B>case</B></P>",
      "<p>unclosed paragraph",
      "<div><p>a</p><p>b</p></div>",
      "<li>a</li><li>b</li>",
      "<li>outer<ul><li>inner</li></ul></li>",
      "<div>a<li>x</li></div>",
      "a < b and c > d",
      "AT&T & co &",
      "caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80 &hellip; &mdash; &ldquo;q&rdquo;",
      "  <p>\n\t spaced \r\n out \f </p>  ",
      "<a href=x><b>bold link</b></a> <span><em>deep</em></span>",
      "<p>a<br>b<img src=x>c</p>",
      "<b><div>block in inline</div></b>tail",
      "<a name=top></a>text",
      "<span data-x=\"a > b\" title='it\"s'>attr with > inside</span>",
      "<p\nclass=x\n>newline in tag</p>",
      "&#39;single&#39; &#34;double&#34; &#160;nbsp",
      "<input disabled>",  // unknown tag: gumbo
  };
  for (const auto& html : simple)
    check_same_as_gumbo(html);
  // The common shapes really are taken by the fast path.
  CHECK(hw::feeds::html_to_text_fast(simple[0]).has_value());
  CHECK(hw::feeds::html_to_text_fast(simple[4]).has_value());
  CHECK(hw::feeds::html_to_text_fast(simple[6]).has_value());
  CHECK(hw::feeds::html_to_text_fast("<p>x <a href=\"https://a.example/\">more</a></p>") ==
        std::optional<std::string>("x more"));
}

TEST_CASE("HTML the fast path does not model goes to gumbo", "[html]") {
  const std::vector<std::string> complex = {
      "<div>kept<script>dropped()</script><style>p{}</style></div>",
      "a<!-- comment -->b",
      "a<![CDATA[x]]>b",
      "<!DOCTYPE html><p>x</p>",
      "<?xml version=\"1.0\"?><p>x</p>",
      "<table><tr><td>a</td>b</tr></table>c",
      "<p>a<div>b</div>c</p>d",
      "<p>a<p>b",
      "<p>a<ul><li>b</li></ul>c</p>d",
      "<h1>a<h2>b</h2>c</h1>d",
      "<li>a<li>b</li>c</li>d",
      "<li>a<div><li>b</li></div></li>c",
      "<b>a<i>b</b>c</i>d",
      "a</div>b",
      "a</p>b",
      "a</br>b",
      "<a href=1>x<a href=2>y</a></a>z",
      "<p/>x",
      "<unknown>x</unknown>y",
      "<font color=red>x</font>y",
      "&copy x &amp y",
      "&notit; &ampx; &#128; &#0; &#xD800; &#1114112; &;",
      "&#13;&#x7f;",
      "x &unknownentity; y",
      "<p class=\"unterminated>x</p>",
      "<p class=a\"b>x</p>",
      "<p class=\"a\"id=b>x</p>",
      "<p =x>y</p>",
      "<p",
      "a<",
      "</ p>",
      "<br/ >",
      std::string("<b>nul\0byte</b>", 15),
      "<b>ctrl\x01" "char</b>",
      "<b>bad \xC3 utf8</b>",
      "<b>overlong \xC0\xAF</b>",
      "<b>c1 \xC2\x85 control</b>",
      "<b>bom \xEF\xBB\xBF here</b>",
      "<pre>\nx</pre>",
      "<math><mi>x</mi></math>",
  };
  for (const auto& html : complex)
    check_same_as_gumbo(html);
  CHECK_FALSE(hw::feeds::html_to_text_fast(complex[0]).has_value());
  CHECK_FALSE(hw::feeds::html_to_text_fast(complex[1]).has_value());
  CHECK_FALSE(hw::feeds::html_to_text_fast(complex[6]).has_value());
  CHECK_FALSE(hw::feeds::html_to_text_fast(complex[13]).has_value());
  CHECK(hw::feeds::html_to_text("<div>kept<script>dropped()</script></div>") == "kept");
}

TEST_CASE("named entities of the fast path decode as gumbo decodes them", "[html]") {
  const std::vector<std::string> names = {
      "nbsp",   "iexcl",  "cent",   "pound",  "curren", "yen",    "brvbar", "sect",   "uml",
      "copy",   "ordf",   "laquo",  "not",    "shy",    "reg",    "macr",   "deg",    "plusmn",
      "sup2",   "sup3",   "acute",  "micro",  "para",   "middot", "cedil",  "sup1",   "ordm",
      "raquo",  "frac14", "frac12", "frac34", "iquest", "Agrave", "Aacute", "Acirc",  "Atilde",
      "Auml",   "Aring",  "AElig",  "Ccedil", "Egrave", "Eacute", "Ecirc",  "Euml",   "Igrave",
      "Iacute", "Icirc",  "Iuml",   "ETH",    "Ntilde", "Ograve", "Oacute", "Ocirc",  "Otilde",
      "Ouml",   "times",  "Oslash", "Ugrave", "Uacute", "Ucirc",  "Uuml",   "Yacute", "THORN",
      "szlig",  "agrave", "aacute", "acirc",  "atilde", "auml",   "aring",  "aelig",  "ccedil",
      "egrave", "eacute", "ecirc",  "euml",   "igrave", "iacute", "icirc",  "iuml",   "eth",
      "ntilde", "ograve", "oacute", "ocirc",  "otilde", "ouml",   "divide", "oslash", "ugrave",
      "uacute", "ucirc",  "uuml",   "yacute", "thorn",  "yuml",   "OElig",  "oelig",  "Scaron",
      "scaron", "Yuml",   "fnof",   "circ",   "tilde",  "ensp",   "emsp",   "thinsp", "zwnj",
      "zwj",    "lrm",    "rlm",    "ndash",  "mdash",  "lsquo",  "rsquo",  "sbquo",  "ldquo",
      "rdquo",  "bdquo",  "dagger", "Dagger", "bull",   "hellip", "permil", "prime",  "Prime",
      "lsaquo", "rsaquo", "euro",   "trade",  "larr",   "uarr",   "rarr",   "darr",   "harr",
      "minus",  "ne",     "le",     "ge",     "infin",  "hearts", "apos",   "amp",    "lt",
      "gt",     "quot"};
  for (const auto& name : names) {
    const std::string html = "<p>x&" + name + ";y</p>";
    INFO(html);
    REQUIRE(hw::feeds::html_to_text_fast(html).has_value());
    CHECK(*hw::feeds::html_to_text_fast(html) == hw::feeds::html_to_text_gumbo(html));
  }
  for (const char32_t cp : {U'A', U'\t', U'\n', U' ', U'~', U'\u00A0', U'\u00FF', U'\u0100',
                            U'\u2014', U'\uD7FF', U'\uE000', U'\uFFFD', U'\U0001F600',
                            U'\U0010FFFD'}) {
    for (const std::string fmt : {"&#%u;", "&#x%X;", "&#x%x;", "&#0000%u;"}) {
      char buf[32];
      std::snprintf(buf, sizeof buf, fmt.c_str(), static_cast<unsigned>(cp));
      const std::string html = std::string("a") + buf + "b";
      INFO(html);
      REQUIRE(hw::feeds::html_to_text_fast(html).has_value());
      CHECK(*hw::feeds::html_to_text_fast(html) == hw::feeds::html_to_text_gumbo(html));
    }
  }
}

TEST_CASE("random fragments: the fast path never disagrees with gumbo", "[html]") {
  // Tokens chosen to hit implicit closes, misnesting, entities and stray '<' / '&'.
  const std::vector<std::string> tokens = {
      "<p>", "</p>", "<div>", "</div>", "<ul>", "</ul>", "<ol>", "</ol>", "<li>", "</li>",
      "<h1>", "</h1>", "<h2>", "</h2>", "<blockquote>", "</blockquote>", "<b>", "</b>",
      "<i>", "</i>", "<em>", "</em>", "<strong>", "</strong>", "<span>", "</span>",
      "<a href=\"u\">", "</a>", "<br>", "<br/>", "<img src=x>", "<hr>", "<figure>",
      "</figure>", "<code>", "</code>", "<sub>", "</sub>", "<table>", "<td>", "<!--c-->",
      "<script>s</script>", "text", "word", " ", "\n", "&amp;", "&lt;", "&nbsp;", "&eacute;",
      "&#8212;", "&#x41;", "&", "&copy", "<", " < ", ">", "\xC3\xA9", "&hellip;", "</br>",
      "<p/>", "<font>", "</font>", "<pre>", "</pre>"};
  std::uint32_t state = 12345;
  auto next = [&state] {
    state = state * 1664525u + 1013904223u;
    return state >> 8;
  };
  int fast_taken = 0;
  for (int n = 0; n < 20000; ++n) {
    std::string html;
    const auto len = 1 + next() % 12;
    for (std::uint32_t k = 0; k < len; ++k)
      html += tokens[next() % tokens.size()];
    const auto fast = hw::feeds::html_to_text_fast(html);
    if (!fast)
      continue;
    ++fast_taken;
    const std::string gumbo = hw::feeds::html_to_text_gumbo(html);
    if (*fast != gumbo) {
      INFO("fragment: " << html);
      CHECK(*fast == gumbo);
    }
  }
  CHECK(fast_taken > 2000);  // the comparison covers the fast path, not only fallbacks
}
