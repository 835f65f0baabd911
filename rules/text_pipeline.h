#pragma once
// The one text pipeline of hypewatch's statement matching and stance model: Unicode folding
// and tokenisation (text_normalizer), English stop words, Snowball stemming, with numbers and
// acronyms kept intact. The matcher, the classifier and the trainer all call analyze(), so a
// model is always applied to text prepared exactly as it was trained on.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "rules/stemmer.h"
#include "rules/text_normalizer.h"

namespace hw::rules {

// A term is identified by a 64-bit hash of its stem: cheap to compare and to index, and the
// model file can still list terms as text (hashed when loaded).
using TermId = std::uint64_t;
constexpr TermId kNoTerm = 0;

// FNV-1a of a stem; never kNoTerm.
TermId term_id_of(std::string_view stem);

struct AnalyzedText {
  std::vector<Token> tokens;               // folded words, offsets into the analysed text
  std::vector<TermId> stems;               // per token: its stem, stop words included (cues)
  std::vector<TermId> terms;               // per token: its term, kNoTerm for stop words
  std::vector<std::uint32_t> sentence_of;  // per token
  std::vector<Span> sentences;             // byte spans of the analysed text
  std::vector<std::uint32_t> negations;    // token indices of negation words (not, never, n't)
  std::size_t question_marks = 0;
  std::size_t quotes = 0;  // quotation marks: attribution and scare quotes
};

class TextPipeline {
 public:
  // `text` should be valid UTF-8 (invalid bytes only separate words).
  AnalyzedText analyze(std::string_view text);
  // The term of one word or short phrase's first word, folded and stemmed like analyze() would.
  TermId term_of(std::string_view word);
  // The stem term analyze() gives a folded word (acronyms aside: they keep the folded word).
  TermId stem_term(const std::string& folded_word) { return info(folded_word).stem; }
  // Every term of `text` in order, stop words dropped.
  std::vector<TermId> terms_of(std::string_view text);
  // The stem string (for the trainer's IDF table and for tests).
  std::string stem_of(std::string_view folded_word);

  static bool is_stop_word(std::string_view folded_word);
  static bool is_negation(std::string_view folded_word);

 private:
  // Everything analyze() needs to know about one folded word, looked up once per token.
  struct WordInfo {
    TermId stem = kNoTerm;
    bool stop = false;
    bool negation = false;
  };
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  const WordInfo& info(const std::string& folded_word);

  Stemmer m_stemmer;
  // Bounded like the stemmer's memo: cleared when it grows past a limit.
  std::unordered_map<std::string, WordInfo, StringHash, std::equal_to<>> m_words;
};

}  // namespace hw::rules
