#include "rules/story_index.h"

#include <algorithm>

namespace hw::rules {
namespace {

std::size_t utf8_length(unsigned char lead) {
  if (lead < 0x80) {
    return 1;
  }
  if ((lead & 0xE0) == 0xC0) {
    return 2;
  }
  if ((lead & 0xF0) == 0xE0) {
    return 3;
  }
  return 4;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

}  // namespace

StoryIndex::StoryIndex(const Story& story) {
  std::string joined = story.title;
  m_title_end = joined.size();
  auto add = [&joined](const std::string& part) {
    if (!part.empty()) {
      joined += joined.empty() ? "" : "\n\n";
      joined += part;
    }
  };
  // Feeds often repeat the description at the start of content:encoded; indexing it twice
  // would only move the evidence, so the summary is skipped when the content contains it.
  if (story.content.empty() || story.content.find(story.summary) == std::string::npos) {
    add(story.summary);
  }
  add(story.content);
  m_text = sanitize_utf8(joined);
  m_title_end = std::min(m_title_end, m_text.size());

  m_tokens = tokenize(m_text);
  m_sentences = split_sentences(m_text);
  m_sentence_of.resize(m_tokens.size());
  std::size_t sentence = 0;
  for (std::size_t i = 0; i < m_tokens.size(); ++i) {
    while (sentence + 1 < m_sentences.size() && m_tokens[i].begin >= m_sentences[sentence].end) {
      ++sentence;
    }
    m_sentence_of[i] = sentence;
    m_positions[m_tokens[i].text].push_back(i);
  }
  m_distinct.reserve(m_positions.size());
  for (const auto& [word, positions] : m_positions) {
    m_distinct.push_back(word);
  }
  std::ranges::sort(m_distinct);
}

std::vector<TermHit> StoryIndex::find(const TermPattern& term) const {
  std::vector<TermHit> hits;
  if (term.words.empty()) {
    return hits;
  }
  const std::size_t n = term.words.size();
  if (n == 1 && term.prefix) {
    const std::string_view stem = term.words[0];
    for (auto it = std::ranges::lower_bound(m_distinct, stem);
         it != m_distinct.end() && it->starts_with(stem); ++it) {
      for (const auto position : m_positions.at(*it)) {
        hits.push_back(TermHit{position, position});
      }
    }
    std::ranges::sort(hits, {}, &TermHit::first);
    return hits;
  }
  const auto found = m_positions.find(term.words[0]);
  if (found == m_positions.end()) {
    return hits;
  }
  for (const auto start : found->second) {
    if (start + n > m_tokens.size() || m_sentence_of[start + n - 1] != m_sentence_of[start]) {
      continue;
    }
    bool match = true;
    for (std::size_t k = 1; k < n && match; ++k) {
      const auto& word = m_tokens[start + k].text;
      match = (k + 1 == n && term.prefix) ? word.starts_with(term.words[k]) : word == term.words[k];
    }
    if (match) {
      hits.push_back(TermHit{start, start + n - 1});
    }
  }
  return hits;
}

std::string StoryIndex::surface(const TermHit& hit) const {
  const auto begin = m_tokens[hit.first].begin;
  return normalize(std::string_view(m_text).substr(begin, m_tokens[hit.last].end - begin));
}

std::string StoryIndex::excerpt(std::size_t sentence, const TermHit& focus,
                                std::size_t max_chars) const {
  const Span span = m_sentences.at(sentence);
  // Units are code points, with every run of white space collapsed into one space.
  struct Unit {
    std::size_t begin;
    std::size_t length;  // 0 for a collapsed space
  };
  std::vector<Unit> units;
  std::size_t focus_unit = 0;
  const std::size_t focus_begin = m_tokens[focus.first].begin;
  for (std::size_t pos = span.begin; pos < span.end;) {
    if (is_space(m_text[pos])) {
      while (pos < span.end && is_space(m_text[pos])) {
        ++pos;
      }
      units.push_back(Unit{pos, 0});
      continue;
    }
    const auto length =
        std::min(utf8_length(static_cast<unsigned char>(m_text[pos])), span.end - pos);
    if (pos <= focus_begin) {
      focus_unit = units.size();
    }
    units.push_back(Unit{pos, length});
    pos += length;
  }
  std::size_t first = 0;
  std::size_t last = units.size();
  if (units.size() > max_chars) {
    const std::size_t room = max_chars - 2;  // two ellipses
    first = focus_unit > room / 3 ? focus_unit - room / 3 : 0;
    first = std::min(first, units.size() - room);
    last = first + room;
    // Cut at word boundaries when one is near, so the excerpt does not start mid-word.
    for (std::size_t i = first; first > 0 && i < first + 30 && i < last; ++i) {
      if (units[i].length == 0) {
        first = i + 1;
        break;
      }
    }
    for (std::size_t i = last; last < units.size() && i > last - 30 && i > first; --i) {
      if (units[i - 1].length == 0) {
        last = i - 1;
        break;
      }
    }
  }
  std::string out = first > 0 ? "\xE2\x80\xA6" : "";
  for (std::size_t i = first; i < last; ++i) {
    if (units[i].length == 0) {
      out += ' ';
    } else {
      out.append(m_text, units[i].begin, units[i].length);
    }
  }
  if (last < units.size()) {
    out += "\xE2\x80\xA6";
  }
  return out;
}

}  // namespace hw::rules
