#pragma once
// What a fact-checker's verdict says about a claim, as a stance (docs/factchecks.md, "Verdicts").
// The verdict text (reviewRating.alternateName) is the reliable part: publishers word their
// scales differently, but every one writes its verdict in words. Numbers are used only when the
// publisher declares the scale (bestRating and worstRating), because ratingValue 1 is the worst
// verdict on one site and the best on another.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/claim.h"

namespace hw::rules {

// A phrase found in a verdict (lower case, matched on word boundaries) and the stance it means.
struct VerdictRule {
  std::string phrase;
  Stance stance = Stance::refutes;
};

// Rules in order, first match wins: the configured ones ([factcheck] verdicts), then the
// defaults. The defaults list "partly false" and "missing context" before "false", and
// "not true" before "true".
struct VerdictMapping {
  std::vector<VerdictRule> rules;
};

// The built-in rules (docs/factchecks.md lists them).
const std::vector<VerdictRule>& default_verdict_rules();

// `configured` first, then the defaults.
VerdictMapping verdict_mapping(std::vector<VerdictRule> configured = {});

struct VerdictStance {
  Stance stance = Stance::refutes;
  double score = 1.0;  // 1.0 from the words; 0.9 from a declared numeric scale
  std::string rule;    // "verdict:'pants on fire'" or "rating:1/5 (worst 1, best 5)"
};

// The stance of a verdict: from its text when a rule matches, else from ratingValue on a
// declared scale (best and worst both given and different; best < worst is an inverted scale):
// the top fifth confirms, the bottom fifth refutes, the rest clarifies. nullopt when neither
// says anything usable (the review is then not evidence).
std::optional<VerdictStance> verdict_stance(const VerdictMapping& mapping, std::string_view text,
                                            std::optional<double> value = {},
                                            std::optional<double> best = {},
                                            std::optional<double> worst = {});

}  // namespace hw::rules
