#pragma once
// What the stance features know about a word: how informative it is (inverse document
// frequency, learned from the development corpus and shipped in the model file) and which
// stance cues it is (refuting, hedging, correcting, confirming, reporting). One hash look-up
// per token gives both.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "rules/text_pipeline.h"

namespace hw::rules {

// official and clarify are the strict subsets that turn a predicted `supports` into `confirms`
// and a `refutes` into `clarifies`.
// meta: words about the story as an object ("went viral", "articles circulating", "sites
// shared"): a body that talks about the story rather than the event is often debunking it.
enum class Cue : std::uint8_t {
  refute,
  hedge,
  correct,
  confirm,
  report,
  official,
  clarify,
  meta,
  count
};
constexpr std::size_t kCueCount = static_cast<std::size_t>(Cue::count);

std::string_view to_string(Cue cue);

struct LexiconEntry {
  float idf = 0.0F;       // 0: unknown word (default_idf applies)
  std::uint8_t cues = 0;  // bit (1 << Cue)
};

class StanceLexicon {
 public:
  // Stems the built-in cue word lists with `pipeline`; `default_idf` is used for words the
  // corpus never saw (rare, so informative).
  StanceLexicon(TextPipeline& pipeline, float default_idf);

  void set_idf(TermId term, float idf);
  // Builds the look-up table; call after the last set_idf and before lookup().
  void freeze();
  // Open addressing over a power-of-two table: this runs for every token of every story.
  LexiconEntry lookup(TermId term) const {
    if (m_table.empty()) {
      return {};
    }
    for (std::size_t i = (term * 0x9E3779B97F4A7C15ULL) >> m_shift;; i = (i + 1) & m_mask) {
      const auto& slot = m_table[i];
      if (slot.first == term) {
        return slot.second;
      }
      if (slot.first == kNoTerm) {
        return {};
      }
    }
  }
  float idf(TermId term) const {
    const float value = lookup(term).idf;
    return value > 0.0F ? value : m_default_idf;
  }
  float default_idf() const { return m_default_idf; }

 private:
  std::unordered_map<TermId, LexiconEntry> m_entries;
  std::vector<std::pair<TermId, LexiconEntry>> m_table;  // kNoTerm marks an empty slot
  std::size_t m_mask = 0;
  unsigned m_shift = 64;
  float m_default_idf;
};

}  // namespace hw::rules
