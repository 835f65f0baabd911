#include "rules/analysis_cache.h"

#include <algorithm>

namespace hw::rules {

const AnalyzedText& AnalysisCache::analyze(TextPipeline& pipeline, std::string_view text) {
  ++m_clock;
  for (auto& entry : m_entries) {
    if (entry.text == text) {
      entry.used = m_clock;
      return entry.analysis;
    }
  }
  Entry* slot = nullptr;
  if (m_entries.size() < std::max<std::size_t>(m_capacity, 1)) {
    slot = &m_entries.emplace_back();
  } else {
    slot = &*std::ranges::min_element(m_entries, {}, &Entry::used);
  }
  slot->text.assign(text);
  slot->analysis = pipeline.analyze(slot->text);
  slot->used = m_clock;
  return slot->analysis;
}

}  // namespace hw::rules
