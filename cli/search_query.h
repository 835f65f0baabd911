#pragma once
// `hypewatch search WORDS`: what people type, made into an FTS5 query that cannot be a syntax
// error (`--fts` passes FTS5 syntax through instead).
#include <string>
#include <string_view>

namespace hw::cli {

// Each whitespace-separated word becomes an FTS5 string ("u.s." -> "u.s.", don't -> "don't",
// AND -> "AND": a word, not an operator), so all the words must appear; a word ending in `*`
// keeps it as a prefix match ("advert"*). Quotes inside a word are doubled, as FTS5 wants.
std::string fts_query_for_words(std::string_view words);

}  // namespace hw::cli
