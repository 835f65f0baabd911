#pragma once
// One story's text, tokenised and indexed once so that every claim's terms are looked up in
// it cheaply (hash look-up for whole words, binary search for stems).
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/story.h"
#include "rules/term_pattern.h"
#include "rules/text_normalizer.h"

namespace hw::rules {

// Where a term occurs: tokens [first, last] of the story, inside one sentence.
struct TermHit {
  std::size_t first = 0;
  std::size_t last = 0;
};

class StoryIndex {
 public:
  // Joins title, summary and content with blank lines (so each starts a new sentence); the
  // text is made valid UTF-8 first so evidence quoted from it is valid too.
  explicit StoryIndex(const Story& story);
  // Holds views into its own tokens: neither copyable nor movable.
  StoryIndex(const StoryIndex&) = delete;
  StoryIndex& operator=(const StoryIndex&) = delete;

  // Every occurrence of `term`, in text order. Multi-word terms must fall in one sentence.
  std::vector<TermHit> find(const TermPattern& term) const;

  // The distinct words of the story, for candidate look-up.
  const std::vector<std::string_view>& distinct_words() const { return m_distinct; }

  const std::string& text() const { return m_text; }
  const std::vector<Token>& tokens() const { return m_tokens; }
  const std::vector<Span>& sentences() const { return m_sentences; }
  std::size_t sentence_of(std::size_t token) const { return m_sentence_of[token]; }
  bool in_title(std::size_t token) const { return m_tokens[token].end <= m_title_end; }
  // The text covered by a hit, folded: "al-Qaeda's" -> "al-qaeda's".
  std::string surface(const TermHit& hit) const;

  // The sentence around `focus`, white space collapsed, cut to at most `max_chars` code points
  // (with '…' where cut) keeping the focus in view.
  std::string excerpt(std::size_t sentence, const TermHit& focus,
                      std::size_t max_chars = 300) const;

 private:
  std::string m_text;
  std::size_t m_title_end = 0;
  std::vector<Token> m_tokens;
  std::vector<Span> m_sentences;
  std::vector<std::size_t> m_sentence_of;
  std::unordered_map<std::string_view, std::vector<std::size_t>> m_positions;
  std::vector<std::string_view> m_distinct;  // sorted, for prefix (stem) look-ups
};

}  // namespace hw::rules
