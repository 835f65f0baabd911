#pragma once
#include <memory>
#include <vector>

#include "model/claim.h"
#include "model/story.h"

namespace hw::rules {

// Decides which claims a story is about and with what stance, from the claims' rules.
// Pure: same claims + same story -> same matches.
class Matcher {
 public:
  explicit Matcher(std::vector<Claim> claims);
  ~Matcher();
  Matcher(Matcher&&) noexcept;
  Matcher& operator=(Matcher&&) noexcept;

  // One Match per claim the story is about (all required groups found in title+summary+content).
  std::vector<Match> match(const Story& story) const;
  const std::vector<Claim>& claims() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace hw::rules
