#include "rules/text_normalizer.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <iterator>

namespace hw::rules {
namespace {

constexpr std::int32_t kReplacement = 0xFFFD;

// COMPAT+DECOMPOSE is NFKD; STRIPMARK removes the accents NFKD split off; IGNORE drops soft
// hyphens and zero-width joiners, which would otherwise break a word in two.
constexpr auto kFoldOptions =
    static_cast<utf8proc_option_t>(UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
                                   UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);

// One code point of the input: its value (U+FFFD for an invalid byte) and byte length.
struct CodePoint {
  std::int32_t value = kReplacement;
  std::size_t length = 1;
};

CodePoint next_code_point(std::string_view text, std::size_t pos) {
  CodePoint cp;
  utf8proc_int32_t value = 0;
  const auto consumed =
      utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + pos),
                       static_cast<utf8proc_ssize_t>(text.size() - pos), &value);
  if (consumed > 0 && value >= 0) {
    cp.value = value;
    cp.length = static_cast<std::size_t>(consumed);
  }
  return cp;
}

void append_utf8(std::string& out, std::int32_t value) {
  std::array<utf8proc_uint8_t, 4> buffer{};
  const auto n = utf8proc_encode_char(value, buffer.data());
  out.append(reinterpret_cast<const char*>(buffer.data()), static_cast<std::size_t>(n));
}

// Folds one code point into `out` (cleared first); returns the number of code points.
std::size_t fold_code_point(std::int32_t value, std::vector<utf8proc_int32_t>& out) {
  if (out.size() < 32) {
    out.resize(32);
  }
  int boundclass = 0;
  auto n = utf8proc_decompose_char(value, out.data(), static_cast<utf8proc_ssize_t>(out.size()),
                                   kFoldOptions, &boundclass);
  if (n > static_cast<utf8proc_ssize_t>(out.size())) {
    out.resize(static_cast<std::size_t>(n));
    n = utf8proc_decompose_char(value, out.data(), static_cast<utf8proc_ssize_t>(out.size()),
                                kFoldOptions, &boundclass);
  }
  if (n < 0) {
    out[0] = kReplacement;
    return 1;
  }
  return static_cast<std::size_t>(n);
}

bool is_word_char(std::int32_t value) {
  switch (utf8proc_category(value)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Words that end with a period without ending the sentence. Single letters ("U.S.", "J.")
// are handled separately.
bool is_abbreviation(std::string_view word) {
  static constexpr std::string_view kAbbreviations[] = {
      "mr",  "mrs", "ms",   "dr",  "prof", "sen",  "rep", "gov", "gen",    "adm",
      "col", "lt",  "capt", "maj", "sgt",  "st",   "jr",  "sr",  "inc",    "corp",
      "co",  "ltd", "no",   "vs",  "etc",  "dept", "jan", "feb", "mar",    "apr",
      "jun", "jul", "aug",  "sep", "sept", "oct",  "nov", "dec", "approx", "cmdr"};
  std::string lower(word);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::ranges::find(kAbbreviations, lower) != std::end(kAbbreviations);
}

// The ASCII word ending just before byte `pos` (the period), for the abbreviation check.
std::string_view word_before(std::string_view text, std::size_t pos) {
  std::size_t start = pos;
  while (start > 0 && std::isalpha(static_cast<unsigned char>(text[start - 1]))) {
    --start;
  }
  return text.substr(start, pos - start);
}

// Closing quotes and brackets that belong to the sentence they follow; returns their length
// at `pos` (0 when none).
std::size_t closer_length(std::string_view text, std::size_t pos) {
  static constexpr std::string_view kClosers[] = {
      "\"", "'", ")", "]", "\xE2\x80\x9D" /* ” */, "\xE2\x80\x99" /* ’ */, "\xC2\xBB" /* » */, "*"};
  for (auto closer : kClosers) {
    if (text.substr(pos).starts_with(closer)) {
      return closer.size();
    }
  }
  return 0;
}

void push_trimmed(std::string_view text, std::size_t begin, std::size_t end,
                  std::vector<Span>& out) {
  while (begin < end && is_space(text[begin])) {
    ++begin;
  }
  while (end > begin && is_space(text[end - 1])) {
    --end;
  }
  if (begin < end) {
    out.push_back(Span{begin, end});
  }
}

}  // namespace

std::string sanitize_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const auto cp = next_code_point(text, pos);
    if (cp.value == kReplacement && cp.length == 1 &&
        static_cast<unsigned char>(text[pos]) >= 0x80) {
      append_utf8(out, kReplacement);
    } else {
      out.append(text.substr(pos, cp.length));
    }
    pos += cp.length;
  }
  return out;
}

std::string normalize(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::vector<utf8proc_int32_t> folded;
  for (std::size_t pos = 0; pos < text.size();) {
    const auto cp = next_code_point(text, pos);
    const auto n = fold_code_point(cp.value, folded);
    for (std::size_t i = 0; i < n; ++i) {
      append_utf8(out, folded[i]);
    }
    pos += cp.length;
  }
  return out;
}

bool joins_decimal(std::string_view text, std::size_t pos, std::string_view word_so_far) {
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  return text[pos] == '.' && !word_so_far.empty() && digit(word_so_far.back()) &&
         pos + 1 < text.size() && digit(text[pos + 1]);
}

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  std::vector<utf8proc_int32_t> folded;
  Token current;
  bool in_word = false;
  for (std::size_t pos = 0; pos < text.size();) {
    // ASCII fast path: folding an ASCII character is lower-casing it, and every story is mostly
    // ASCII, so this skips utf8proc for the bulk of the text (same result, several times faster).
    const auto byte = static_cast<unsigned char>(text[pos]);
    if (byte < 0x80) {
      const bool lower = byte >= 'a' && byte <= 'z';
      const bool upper = byte >= 'A' && byte <= 'Z';
      if (lower || upper || (byte >= '0' && byte <= '9') ||
          (in_word && joins_decimal(text, pos, current.text))) {
        if (!in_word) {
          current = Token{{}, pos, pos};
          in_word = true;
        }
        current.text += static_cast<char>(upper ? byte + ('a' - 'A') : byte);
        current.end = pos + 1;
      } else if (in_word) {
        tokens.push_back(std::move(current));
        in_word = false;
      }
      ++pos;
      continue;
    }
    const auto cp = next_code_point(text, pos);
    const auto n = fold_code_point(cp.value, folded);
    // A code point that folds to nothing (an accent, a soft hyphen) neither extends nor ends
    // a word, so "qa\u00ADida" stays one word.
    for (std::size_t i = 0; i < n; ++i) {
      if (is_word_char(folded[i])) {
        if (!in_word) {
          current = Token{{}, pos, pos};
          in_word = true;
        }
        append_utf8(current.text, folded[i]);
        current.end = pos + cp.length;
      } else if (in_word) {
        tokens.push_back(std::move(current));
        in_word = false;
      }
    }
    pos += cp.length;
  }
  if (in_word) {
    tokens.push_back(std::move(current));
  }
  return tokens;
}

std::vector<Span> split_sentences(std::string_view text) {
  std::vector<Span> sentences;
  std::size_t start = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const char c = text[pos];
    // A blank line always ends a sentence: titles and paragraphs rarely end with a period.
    if (c == '\n') {
      std::size_t next = pos + 1;
      while (next < text.size() && is_space(text[next]) && text[next] != '\n') {
        ++next;
      }
      if (next < text.size() && text[next] == '\n') {
        push_trimmed(text, start, pos, sentences);
        start = pos = next + 1;
        continue;
      }
      ++pos;
      continue;
    }
    std::size_t mark_length = 0;
    if (c == '.' || c == '!' || c == '?') {
      mark_length = 1;
    } else if (text.substr(pos).starts_with("\xE2\x80\xA6")) {  // …
      mark_length = 3;
    }
    if (mark_length == 0) {
      ++pos;
      continue;
    }
    std::size_t end = pos + mark_length;
    while (end < text.size() && (text[end] == '.' || text[end] == '!' || text[end] == '?')) {
      ++end;
    }
    while (const auto closer = closer_length(text, end)) {
      end += closer;
    }
    if (end < text.size() && !is_space(text[end])) {
      pos = end;  // "3.5", "example.com", "?!" inside a word
      continue;
    }
    std::size_t next = end;
    while (next < text.size() && is_space(text[next])) {
      ++next;
    }
    bool boundary = true;
    if (next < text.size() && std::islower(static_cast<unsigned char>(text[next]))) {
      boundary = false;  // "the U.S. officials", "approx. five"
    } else if (c == '.' && mark_length == 1 && end == pos + 1) {
      const auto word = word_before(text, pos);
      if (word.size() == 1 || is_abbreviation(word)) {
        boundary = false;  // "U.S. State Department", "Sept. 12"
      }
    }
    if (boundary) {
      push_trimmed(text, start, end, sentences);
      start = end;
    }
    pos = end;
  }
  push_trimmed(text, start, text.size(), sentences);
  return sentences;
}

}  // namespace hw::rules
