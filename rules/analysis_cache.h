#pragma once
// The analyses of the last few texts: a story judged against many claims (one body, many lines
// of `classify` input; one story, many statement claims) is analysed once, not once per claim.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rules/text_pipeline.h"

namespace hw::rules {

class AnalysisCache {
 public:
  explicit AnalysisCache(std::size_t capacity = 8) : m_capacity(capacity) {}

  // The analysis of `text`, from the cache or made now (evicting the least recently used).
  // The reference stays valid until the next call.
  const AnalyzedText& analyze(TextPipeline& pipeline, std::string_view text);

 private:
  struct Entry {
    std::string text;
    AnalyzedText analysis;
    std::uint64_t used = 0;
  };
  std::size_t m_capacity;
  std::uint64_t m_clock = 0;
  std::vector<Entry> m_entries;
};

}  // namespace hw::rules
