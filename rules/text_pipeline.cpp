#include "rules/text_pipeline.h"

#include "util/hash.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_set>

namespace hw::rules {
namespace {

constexpr std::size_t kMaxCachedWords = 200'000;

// The Snowball English stop list (snowballstem.org/algorithms/english/stop.txt) minus the
// negations, which carry stance and are tracked separately, plus the reporting verb "say",
// which is in nearly every news story.
const std::unordered_set<std::string_view>& stop_words() {
  static const std::unordered_set<std::string_view> words{
      "i",         "me",      "my",    "myself",  "we",       "us",         "our",     "ours",
      "ourselves", "you",     "your",  "yours",   "yourself", "yourselves", "he",      "him",
      "his",       "himself", "she",   "her",     "hers",     "herself",    "it",      "its",
      "itself",    "they",    "them",  "their",   "theirs",   "themselves", "what",    "which",
      "who",       "whom",    "this",  "that",    "these",    "those",      "am",      "is",
      "are",       "was",     "were",  "be",      "been",     "being",      "have",    "has",
      "had",       "having",  "do",    "does",    "did",      "doing",      "would",   "should",
      "could",     "ought",   "a",     "an",      "the",      "and",        "but",     "if",
      "or",        "because", "as",    "until",   "while",    "of",         "at",      "by",
      "for",       "with",    "about", "against", "between",  "into",       "through", "during",
      "before",    "after",   "above", "below",   "to",       "from",       "up",      "down",
      "in",        "out",     "on",    "off",     "over",     "under",      "again",   "further",
      "then",      "once",    "here",  "there",   "when",     "where",      "why",     "how",
      "all",       "any",     "both",  "each",    "few",      "more",       "most",    "other",
      "some",      "such",    "only",  "own",     "same",     "so",         "than",    "too",
      "very",      "s",       "will",  "just",    "can",      "now",        "d",       "ll",
      "m",         "re",      "ve",    "y",       "also",     "said",       "says",    "say"};
  return words;
}

const std::unordered_set<std::string_view>& negation_words() {
  static const std::unordered_set<std::string_view> words{
      "not",     "no",     "never",  "none",    "nobody", "nothing", "neither",
      "nor",     "t",      "cannot", "didn",    "doesn",  "isn",     "wasn",
      "aren",    "weren",  "won",    "hasn",    "haven",  "hadn",    "couldn",
      "shouldn", "wouldn", "don",    "without", "deny",   "denies",  "denied"};
  return words;
}

bool has_digit(std::string_view word) {
  return std::ranges::any_of(word, [](char c) { return c >= '0' && c <= '9'; });
}

// "US", "NSA", "UN": an acronym written in capitals is a name, not the stop word "us" or a
// stem. Only trusted when the text is not itself written in capitals (a shouting headline).
bool is_acronym(std::string_view surface) {
  // Up to five capitals: "NSA", "NASA", "UNHCR"; a longer capitalised word is emphasis.
  return surface.size() >= 2 && surface.size() <= 5 &&
         std::ranges::all_of(surface, [](char c) { return c >= 'A' && c <= 'Z'; });
}

bool mostly_capitals(std::string_view text) {
  std::size_t upper = 0;
  std::size_t letters = 0;
  for (const char c : text) {
    const bool is_upper = c >= 'A' && c <= 'Z';
    letters += (is_upper || (c >= 'a' && c <= 'z')) ? 1 : 0;
    upper += is_upper ? 1 : 0;
  }
  return letters > 0 && upper * 2 > letters;
}

}  // namespace

TermId term_id_of(std::string_view stem) {
  const std::uint64_t h = fnv1a(stem);
  return h == kNoTerm ? 1 : h;
}

bool TextPipeline::is_stop_word(std::string_view folded_word) {
  return stop_words().contains(folded_word);
}

bool TextPipeline::is_negation(std::string_view folded_word) {
  return negation_words().contains(folded_word);
}

std::string TextPipeline::stem_of(std::string_view folded_word) {
  if (has_digit(folded_word)) {
    return std::string(folded_word);  // "2015", "19m", "g20": numbers stay exact
  }
  return m_stemmer.stem(folded_word);
}

const TextPipeline::WordInfo& TextPipeline::info(const std::string& folded_word) {
  if (const auto it = m_words.find(folded_word); it != m_words.end()) {
    return it->second;
  }
  if (m_words.size() >= kMaxCachedWords) {
    m_words.clear();
  }
  WordInfo word;
  word.stem = term_id_of(stem_of(folded_word));
  word.stop = is_stop_word(folded_word);
  word.negation = is_negation(folded_word);
  return m_words.emplace(folded_word, word).first->second;
}

AnalyzedText TextPipeline::analyze(std::string_view text) {
  AnalyzedText out;
  out.tokens = tokenize(text);
  out.sentences = split_sentences(text);
  const bool shouting = mostly_capitals(text);
  out.terms.reserve(out.tokens.size());
  out.stems.reserve(out.tokens.size());
  out.sentence_of.reserve(out.tokens.size());
  std::size_t sentence = 0;
  for (std::size_t i = 0; i < out.tokens.size(); ++i) {
    const Token& token = out.tokens[i];
    while (sentence + 1 < out.sentences.size() && token.begin >= out.sentences[sentence].end) {
      ++sentence;
    }
    out.sentence_of.push_back(static_cast<std::uint32_t>(sentence));
    const WordInfo& word = info(token.text);
    if (word.negation) {
      out.negations.push_back(static_cast<std::uint32_t>(i));
    }
    const std::string_view surface = text.substr(token.begin, token.end - token.begin);
    if (!shouting && is_acronym(surface)) {
      out.stems.push_back(term_id_of(token.text));
      out.terms.push_back(out.stems.back());
      continue;
    }
    out.stems.push_back(word.stem);
    out.terms.push_back(word.stop || word.negation ? kNoTerm : word.stem);
  }
  for (const char c : text) {
    out.question_marks += c == '?' ? 1 : 0;
    out.quotes += c == '"' ? 1 : 0;
  }
  // Curly quotes are three bytes each: count “ and ”.
  for (std::size_t pos = text.find("\xE2\x80"); pos != std::string_view::npos;
       pos = text.find("\xE2\x80", pos + 1)) {
    if (pos + 2 < text.size() && (text[pos + 2] == '\x9C' || text[pos + 2] == '\x9D')) {
      ++out.quotes;
    }
  }
  return out;
}

TermId TextPipeline::term_of(std::string_view word) {
  const auto tokens = tokenize(word);
  if (tokens.empty()) {
    return kNoTerm;
  }
  return info(tokens.front().text).stem;
}

std::vector<TermId> TextPipeline::terms_of(std::string_view text) {
  std::vector<TermId> out;
  const auto analyzed = analyze(text);
  for (const auto term : analyzed.terms) {
    if (term != kNoTerm) {
      out.push_back(term);
    }
  }
  return out;
}

}  // namespace hw::rules
