#pragma once
// English Snowball stemming (libstemmer) with a bounded memo: news text repeats the same few
// thousand words, so most look-ups never reach the stemmer.
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

struct sb_stemmer;

namespace hw::rules {

class Stemmer {
 public:
  // Throws hw::Failure when libstemmer has no English stemmer (a broken installation).
  Stemmer();
  ~Stemmer();
  // A libstemmer handle has internal buffers: one Stemmer per thread, never shared.
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;
  Stemmer(Stemmer&&) noexcept;
  Stemmer& operator=(Stemmer&&) noexcept;

  // The Snowball English stem of a folded word ("hacked" -> "hack", "websites" -> "websit").
  const std::string& stem(std::string_view folded_word);

 private:
  struct Deleter {
    void operator()(sb_stemmer* stemmer) const;
  };
  std::unique_ptr<sb_stemmer, Deleter> m_stemmer;
  // Cleared when it reaches kMaxCached entries, so memory stays bounded on endless input.
  std::unordered_map<std::string, std::string> m_cache;
};

}  // namespace hw::rules
