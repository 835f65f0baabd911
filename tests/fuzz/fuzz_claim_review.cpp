// libFuzzer: ClaimReview extraction from a fact-checker's page (JSON-LD and microdata).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "feeds/claim_review.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view html(reinterpret_cast<const char*>(data), size);
  (void)hw::feeds::extract_claim_reviews(html, "https://factcheck.example/a/b");
  return 0;
}
