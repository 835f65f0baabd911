#pragma once
// "did you mean": the known word nearest to a typo, for commands and options (cli/) and the
// keys of the claims file (rules/claims_loader.cpp).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hw {

// Levenshtein distance (insertions, deletions, substitutions), for the one-letter typos people
// make.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `typed` when it is close enough to be a typo (at most 2 edits, and
// fewer than half the word), else nothing; the first of equally close candidates wins.
std::optional<std::string> nearest(std::string_view typed,
                                   const std::vector<std::string>& candidates);

}  // namespace hw
