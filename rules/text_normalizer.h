#pragma once
// Text normalisation shared by claim terms and story text. Both sides go through the same
// folding (Unicode NFKD, combining marks stripped, case folded) so "Qaïda", "QAIDA" and
// "qaida" compare equal, and words are split the same way on both sides.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace hw::rules {

// One word of a text: a maximal run of letters and digits after folding.
struct Token {
  std::string text;       // folded word ("al-Qaeda's" yields "al", "qaeda", "s")
  std::size_t begin = 0;  // byte offsets into the text that was tokenised, so evidence can be
  std::size_t end = 0;    // quoted from the original wording
};

// A half-open byte range [begin, end) of a text.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// Returns `text` with every invalid UTF-8 sequence replaced by U+FFFD; valid text is returned
// unchanged, so offsets into the result equal offsets into the input when the input was valid.
std::string sanitize_utf8(std::string_view text);

// Folds `text` (NFKD, marks stripped, case folded, default-ignorables removed) keeping
// punctuation and spaces: "Al-Qaïda" -> "al-qaida". Never fails; invalid bytes become U+FFFD.
std::string normalize(std::string_view text);

// Splits `text` into folded words. Offsets refer to `text` itself; invalid UTF-8 bytes act as
// separators. A point between digits stays in the word: "iOS 8.2" is "ios", "8.2", so it shares
// no number with "iOS 11.2", and "$1.5bn" is not the numbers 1 and 5.
std::vector<Token> tokenize(std::string_view text);

// Whether the '.' at text[pos] continues the word `word_so_far` (a digit before, a digit after).
bool joins_decimal(std::string_view text, std::size_t pos, std::string_view word_so_far);

// Splits `text` into sentences: on . ! ? … followed by space and not by a lower-case letter,
// not after an abbreviation ("U.S.", "Mr.", "Sept."), and on blank lines. Spans are trimmed
// of surrounding white space; empty sentences are dropped.
std::vector<Span> split_sentences(std::string_view text);

}  // namespace hw::rules
