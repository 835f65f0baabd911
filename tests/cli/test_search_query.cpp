// Plain words into a safe FTS5 query (cli/search_query.cpp).
#include <catch2/catch.hpp>

#include "cli/search_query.h"

using hw::cli::fts_query_for_words;

TEST_CASE("each word becomes an FTS5 string, so punctuation and operators are just words") {
  CHECK(fts_query_for_words("u.s.") == "\"u.s.\"");
  CHECK(fts_query_for_words("don't") == "\"don't\"");
  CHECK(fts_query_for_words("yemen AND") == "\"yemen\" \"AND\"");
  CHECK(fts_query_for_words("  state   department ") == "\"state\" \"department\"");
  CHECK(fts_query_for_words("say \"hi\"") == "\"say\" \"\"\"hi\"\"\"");
}

TEST_CASE("a trailing * keeps a prefix search") {
  CHECK(fts_query_for_words("advert*") == "\"advert\"*");
  CHECK(fts_query_for_words("*") == "\"*\"");
}
