#pragma once
// [factcheck]: how fact-check feeds' article pages are read and their verdicts mapped to stances
// (README "Fact-check feeds", docs/factchecks.md).
#include <cstddef>
#include <filesystem>
#include <vector>

#include <toml++/toml.h>

#include "rules/verdict_stance.h"

namespace hw::app {

struct FactcheckConfig {
  // An article page larger than this (after decompression) is refused: pages are HTML with the
  // ClaimReview near the top, a feed can be larger.
  std::size_t page_max_bytes = 2u << 20;
  // Fetches of one page that may fail before it is given up (until its item changes).
  int max_attempts = 5;
  // [[factcheck.verdict]] phrase = "four pinocchios", stance = "refutes": before the built-in
  // rules, in the order written.
  std::vector<rules::VerdictRule> verdicts;
};

// Throws hw::ConfigError "FILE:LINE:COLUMN: message" on unknown keys and bad values.
FactcheckConfig parse_factcheck_config(const std::filesystem::path& file, const toml::node& node);

}  // namespace hw::app
