#pragma once
// The matcher's word scan for rule claims (Matcher::may_match): whether a story holds a term of
// every `required` group of some claim, from its words alone, before any analysis.
//
// It used to cut each text into words, gather the distinct ones in a hash set of views, sort
// them and look the claims' words up in that list: ~1.2 s of a cold poll's parse thread for the
// 190 MB bench corpus, most of it spent on words no claim has. Here the claims' words are known
// up front. An ASCII text (nearly all) is classified 64 bytes at a time into bit masks (word
// bytes, a point between digits); each word start is checked against the first three bytes of
// the claims' words and stems, and only a word that passes is hashed and looked up (whole, and
// by its prefixes of a stem's length for "hack*") in a small table: no copy of the text, no
// string per word. Words are cut and folded exactly as tokenize(sanitize_utf8(text)) cuts them
// (any other text goes through tokenize itself), so the verdict is the one the distinct-word
// list gave (tests/rules/test_rule_word_scan.cpp checks both on random texts and claims).
#include <bitset>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "rules/term_pattern.h"

namespace hw::rules {

class RuleWordScan {
 public:
  // Adds a rule claim by its compiled `required` groups: it can match a story that holds,
  // for every group, all the words of one of its terms (the last one as a prefix when the
  // term is a stem like "hack*"). A group without terms, or a term without words, holds nothing.
  void add_claim(const std::vector<std::vector<TermPattern>>& groups);

  // Whether some added claim can match a story with these texts (title, summary, content, each
  // tokenised on its own). Not for several threads at once: it keeps scratch space.
  bool may_match(std::span<const std::string_view> texts);

 private:
  struct Entry {
    std::string word;   // folded
    bool stem = false;  // satisfied by any word starting with it
  };
  // One claim's groups; a term is the entries that must all be held.
  using Term = std::vector<std::uint32_t>;
  using Claim = std::vector<std::vector<Term>>;

  std::uint32_t entry(std::string_view word, bool stem);
  std::uint32_t find(std::uint64_t hash, const unsigned char* word, std::size_t length,
                     bool stem) const;
  void grow();
  void mark(std::uint32_t entry);
  // Marks the entries `word` holds: as a whole word when `words`, and by its prefixes of the
  // lengths in `stem_lengths` (bit n: n bytes; bit 63: 63 and more) for stems.
  void note_word(std::string_view word, bool words, std::uint64_t stem_lengths);
  // Marks the entries an ASCII text holds; false, marking nothing, when it is not all ASCII.
  bool scan_ascii(std::string_view text);
  bool held(const Term& term) const;

  std::vector<Entry> m_entries;
  // Open addressing over m_entries: the slot holds entry + 1 (0: empty); the capacity is a
  // power of two at least twice the entries.
  std::vector<std::uint32_t> m_slots;
  std::vector<std::uint64_t> m_hashes;  // per entry, its key hash
  std::vector<char> m_stem_lengths;     // [n]: some stem is n bytes long
  // The first bytes of the entries, coded (rule_word_scan.cpp, kCode): three for words and
  // longer stems, two and one for shorter stems. Only an ASCII word starting so is looked up.
  std::bitset<38 * 38 * 38> m_word_first3;
  std::bitset<38 * 38 * 38> m_stem_first3;
  std::bitset<38 * 38> m_stem_first2;
  std::bitset<38> m_stem_first1;
  // The lengths of the stems (bit n: n bytes, bit 63: 63 and more) by their first three bytes,
  // and of those shorter than three: a word is only looked up by its prefixes of those.
  std::unordered_map<std::uint32_t, std::uint64_t> m_stem_lengths_by_first3;
  std::uint64_t m_short_stem_lengths = 0;
  std::vector<Claim> m_claims;
  std::vector<std::vector<std::uint32_t>> m_anchored;  // per entry: claims anchored by it

  // Scratch of scan_ascii: per 64 bytes of the text, its word bytes, digits and points.
  std::vector<std::uint64_t> m_word;
  std::vector<std::uint64_t> m_digit;
  std::vector<std::uint64_t> m_point;
  // Scratch of may_match: which entries the story holds, and their list (for a cheap reset).
  std::vector<char> m_held;
  std::vector<std::uint32_t> m_held_list;
};

}  // namespace hw::rules
