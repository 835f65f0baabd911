#include "rules/stemmer.h"

#include <libstemmer.h>

#include "util/error.h"

namespace hw::rules {
namespace {

constexpr std::size_t kMaxCached = 200'000;

}  // namespace

void Stemmer::Deleter::operator()(sb_stemmer* stemmer) const {
  sb_stemmer_delete(stemmer);
}

Stemmer::Stemmer() : m_stemmer(sb_stemmer_new("english", "UTF_8")) {
  if (!m_stemmer) {
    throw Failure("libstemmer: no English (UTF-8) Snowball stemmer available");
  }
}

Stemmer::~Stemmer() = default;
Stemmer::Stemmer(Stemmer&&) noexcept = default;
Stemmer& Stemmer::operator=(Stemmer&&) noexcept = default;

const std::string& Stemmer::stem(std::string_view folded_word) {
  // Heterogeneous lookup needs C++20 transparent hashing on unordered_map; a temporary key is
  // cheap next to the stemmer call it saves.
  std::string key(folded_word);
  if (const auto it = m_cache.find(key); it != m_cache.end()) {
    return it->second;
  }
  if (m_cache.size() >= kMaxCached) {
    m_cache.clear();
  }
  const auto* out =
      sb_stemmer_stem(m_stemmer.get(), reinterpret_cast<const sb_symbol*>(folded_word.data()),
                      static_cast<int>(folded_word.size()));
  std::string stemmed =
      out == nullptr ? key
                     : std::string(reinterpret_cast<const char*>(out),
                                   static_cast<std::size_t>(sb_stemmer_length(m_stemmer.get())));
  return m_cache.emplace(std::move(key), std::move(stemmed)).first->second;
}

}  // namespace hw::rules
