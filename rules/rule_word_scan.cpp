#include "rules/rule_word_scan.h"

#include <algorithm>
#include <array>
#include <bit>

#include "rules/text_normalizer.h"
#include "util/ascii_blocks.h"

namespace hw::rules {
namespace {

// Per byte: a code for the first bytes of a word (1-26 letters of either case, 27-36 digits,
// 37 the decimal point), 0 for any other byte.
constexpr unsigned kCodes = 38;
constexpr std::array<unsigned char, 256> kCode = [] {
  std::array<unsigned char, 256> t{};
  for (int b = 0; b < 26; ++b) {
    t['a' + b] = t['A' + b] = static_cast<unsigned char>(1 + b);
  }
  for (int b = 0; b < 10; ++b) {
    t['0' + b] = static_cast<unsigned char>(27 + b);
  }
  t['.'] = 37;
  return t;
}();

unsigned char fold_byte(unsigned char b) {
  return b >= 'A' && b <= 'Z' ? static_cast<unsigned char>(b + ('a' - 'A')) : b;
}

// The word's hash grows a byte at a time, so a stem is looked up by the hash of a word's first
// bytes without hashing them again. (FNV-1a steps; only this table depends on them.)
constexpr std::uint64_t kBasis = 1469598103934665603ULL;
std::uint64_t step(std::uint64_t hash, unsigned char byte) {
  return (hash ^ byte) * 1099511628211ULL;
}
// The bit of a stem length in a set of lengths; every length from 63 on shares the last bit.
std::uint64_t length_bit(std::size_t length) {
  return std::uint64_t{1} << std::min<std::size_t>(length, 63);
}

// A stem and a whole word with the same bytes are different keys.
std::uint64_t key(std::uint64_t hash, bool stem) {
  return stem ? hash ^ 0x9e3779b97f4a7c15ULL : hash;
}

}  // namespace

std::uint32_t RuleWordScan::find(std::uint64_t hash, const unsigned char* word, std::size_t length,
                                 bool stem) const {
  if (m_slots.empty()) {
    return 0;
  }
  const std::uint64_t k = key(hash, stem);
  const std::size_t mask = m_slots.size() - 1;
  for (std::size_t i = (k * 0xff51afd7ed558ccdULL) >> 32 & mask;; i = (i + 1) & mask) {
    const std::uint32_t slot = m_slots[i];
    if (slot == 0) {
      return 0;
    }
    const Entry& e = m_entries[slot - 1];
    if (m_hashes[slot - 1] == k && e.stem == stem && e.word.size() == length &&
        std::equal(e.word.begin(), e.word.end(), word, [](char a, unsigned char b) {
          return static_cast<unsigned char>(a) == fold_byte(b);
        })) {
      return slot;
    }
  }
}

void RuleWordScan::grow() {
  std::size_t capacity = 16;
  while (capacity < 2 * (m_entries.size() + 1)) {
    capacity *= 2;
  }
  if (capacity <= m_slots.size()) {
    return;
  }
  m_slots.assign(capacity, 0);
  for (std::uint32_t e = 0; e < m_entries.size(); ++e) {
    for (std::size_t i = (m_hashes[e] * 0xff51afd7ed558ccdULL) >> 32 & (capacity - 1);;
         i = (i + 1) & (capacity - 1)) {
      if (m_slots[i] == 0) {
        m_slots[i] = e + 1;
        break;
      }
    }
  }
}

std::uint32_t RuleWordScan::entry(std::string_view word, bool stem) {
  std::uint64_t hash = kBasis;
  for (const char c : word) {
    hash = step(hash, fold_byte(static_cast<unsigned char>(c)));
  }
  const auto* bytes = reinterpret_cast<const unsigned char*>(word.data());
  if (const std::uint32_t slot = find(hash, bytes, word.size(), stem); slot != 0) {
    return slot - 1;
  }
  m_entries.push_back({std::string(word), stem});
  m_hashes.push_back(key(hash, stem));
  m_anchored.emplace_back();
  m_held.push_back(0);
  if (stem) {
    m_stem_lengths.resize(std::max(m_stem_lengths.size(), word.size() + 1), 0);
    m_stem_lengths[word.size()] = 1;
  }
  // The words that can hold this entry start with its first bytes: a whole word and a stem of
  // three bytes or more by the first three (a shorter word padded with 0), shorter stems by
  // their one or two. An entry with another byte there (not ASCII) no ASCII word holds.
  const std::size_t n = std::min<std::size_t>(word.size(), 3);
  std::array<unsigned, 3> code{};
  for (std::size_t i = 0; i < n; ++i) {
    code[i] = kCode[bytes[i]];
  }
  if (std::all_of(code.begin(), code.begin() + n, [](unsigned x) { return x != 0; })) {
    const std::size_t first3 = (code[0] * kCodes + code[1]) * kCodes + code[2];
    if (!stem) {
      m_word_first3.set(first3);
    } else if (n == 3) {
      m_stem_first3.set(first3);
      m_stem_lengths_by_first3[static_cast<std::uint32_t>(first3)] |= length_bit(word.size());
    } else if (n == 2) {
      m_stem_first2.set(code[0] * kCodes + code[1]);
      m_short_stem_lengths |= length_bit(word.size());
    } else {
      m_stem_first1.set(code[0]);
      m_short_stem_lengths |= length_bit(word.size());
    }
  }
  m_slots.clear();  // rebuilt by grow() with the new entry
  grow();
  return static_cast<std::uint32_t>(m_entries.size() - 1);
}

void RuleWordScan::add_claim(const std::vector<std::vector<TermPattern>>& groups) {
  Claim claim;
  for (const auto& group : groups) {
    auto& terms = claim.emplace_back();
    for (const TermPattern& pattern : group) {
      Term term;
      for (std::size_t k = 0; k < pattern.words.size(); ++k) {
        term.push_back(entry(pattern.words[k], pattern.prefix && k + 1 == pattern.words.size()));
      }
      terms.push_back(std::move(term));
    }
  }
  // Candidates are found through the group with the fewest terms (as the matcher's anchors):
  // a claim that can match holds one of its terms, hence that term's first entry.
  const auto claim_index = static_cast<std::uint32_t>(m_claims.size());
  if (!claim.empty()) {
    const auto& anchor = *std::ranges::min_element(claim, {}, &std::vector<Term>::size);
    for (const Term& term : anchor) {
      if (!term.empty() && std::ranges::find(m_anchored[term.front()], claim_index) ==
                               m_anchored[term.front()].end()) {
        m_anchored[term.front()].push_back(claim_index);
      }
    }
  }
  m_claims.push_back(std::move(claim));
}

void RuleWordScan::mark(std::uint32_t entry) {
  if (!m_held[entry]) {
    m_held[entry] = 1;
    m_held_list.push_back(entry);
  }
}

void RuleWordScan::note_word(std::string_view word, bool words, std::uint64_t stem_lengths) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(word.data());
  std::uint64_t hash = kBasis;
  for (std::size_t n = 0; n < word.size(); ++n) {
    hash = step(hash, fold_byte(bytes[n]));
    if ((stem_lengths & length_bit(n + 1)) != 0 && n + 1 < m_stem_lengths.size() &&
        m_stem_lengths[n + 1]) {
      if (const std::uint32_t slot = find(hash, bytes, n + 1, true); slot != 0) {
        mark(slot - 1);
      }
    }
  }
  if (words) {
    if (const std::uint32_t slot = find(hash, bytes, word.size(), false); slot != 0) {
      mark(slot - 1);
    }
  }
}

bool RuleWordScan::scan_ascii(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  const std::size_t blocks = (size + 63) / 64;
  // First the classes of all bytes, 64 to a mask; a byte that is not ASCII sends the whole
  // text the full way before anything is marked.
  m_word.resize(blocks);
  m_digit.resize(blocks);
  m_point.resize(blocks);
  for (std::size_t b = 0; b < blocks; ++b) {
    // The last block is padded with bytes of no class: separators.
    const ascii::BlockClasses c = 64 * b + 64 <= size
                                      ? ascii::classify64(p + 64 * b)
                                      : ascii::classify_tail(p + 64 * b, size - 64 * b);
    if (c.high != 0) {
      return false;
    }
    m_word[b] = c.alnum;
    m_digit[b] = c.digit;
    m_point[b] = c.point;
  }
  // A point between two digits stays in the word (joins_decimal): the digit before it is the
  // word's last character, the one after it continues the word.
  for (std::size_t b = 0; b < blocks; ++b) {
    const std::uint64_t before = m_digit[b] << 1 | (b > 0 ? m_digit[b - 1] >> 63 : 0);
    const std::uint64_t after = m_digit[b] >> 1 | (b + 1 < blocks ? m_digit[b + 1] << 63 : 0);
    m_word[b] |= m_point[b] & before & after;
  }
  for (std::size_t b = 0; b < blocks; ++b) {
    const std::uint64_t word = m_word[b];
    const std::uint64_t next = b + 1 < blocks ? m_word[b + 1] : 0;
    std::uint64_t starts = word & ~(word << 1 | (b > 0 ? m_word[b - 1] >> 63 : 0));
    while (starts != 0) {
      const unsigned offset = static_cast<unsigned>(std::countr_zero(starts));
      starts &= starts - 1;
      const std::size_t begin = 64 * b + offset;
      // This word's bytes from its first on (bit i: byte begin + i), the next block's joined.
      const std::uint64_t ahead = word >> offset | (offset > 0 ? next << (64 - offset) : 0);
      // Most words start with bytes no entry starts with: they are neither hashed nor is their
      // end looked for. (A word shorter than three bytes is padded with 0.)
      const unsigned c0 = kCode[p[begin]];
      const unsigned c1 = (ahead & 2) != 0 ? kCode[p[begin + 1]] : 0;
      const unsigned c2 = (ahead & 6) == 6 ? kCode[p[begin + 2]] : 0;
      const std::size_t first3 = (c0 * kCodes + c1) * kCodes + c2;
      const bool words = m_word_first3[first3];
      std::uint64_t stems = 0;
      if (m_stem_first3[first3]) {
        stems = m_stem_lengths_by_first3.at(static_cast<std::uint32_t>(first3));
      }
      if (m_stem_first2[c0 * kCodes + c1] || m_stem_first1[c0]) {
        stems |= m_short_stem_lengths;
      }
      if (!words && stems == 0) {
        continue;
      }
      // The word ends at the first byte after it that is not a word byte (the padding of the
      // last block is not).
      std::size_t end_block = b;
      std::uint64_t rest = ~word & (~std::uint64_t{0} << offset);
      while (rest == 0 && ++end_block < blocks) {
        rest = ~m_word[end_block];
      }
      const std::size_t end =
          rest == 0 ? size : std::min(size, 64 * end_block + std::countr_zero(rest));
      note_word({reinterpret_cast<const char*>(p + begin), end - begin}, words, stems);
    }
  }
  return true;
}

bool RuleWordScan::held(const Term& term) const {
  return !term.empty() && std::ranges::all_of(term, [&](std::uint32_t e) { return m_held[e]; });
}

bool RuleWordScan::may_match(std::span<const std::string_view> texts) {
  for (const std::uint32_t e : m_held_list) {
    m_held[e] = 0;
  }
  m_held_list.clear();
  if (m_claims.empty()) {
    return false;
  }
  for (const std::string_view text : texts) {
    if (!scan_ascii(text)) {
      for (const Token& token : tokenize(sanitize_utf8(text))) {
        note_word(token.text, true, ~std::uint64_t{0});
      }
    }
  }
  for (std::size_t i = 0; i < m_held_list.size(); ++i) {
    for (const std::uint32_t c : m_anchored[m_held_list[i]]) {
      if (std::ranges::all_of(m_claims[c], [&](const std::vector<Term>& group) {
            return std::ranges::any_of(group, [&](const Term& t) { return held(t); });
          })) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace hw::rules
