#include "rules/verdict_stance.h"

#include <cmath>
#include <cstdio>

namespace hw::rules {
namespace {

// Lower-case ASCII letters, every run of other ASCII bytes one space, padded with spaces so
// that " phrase " finds whole words; bytes >= 0x80 (accented letters) are kept as they are.
std::string words(std::string_view text) {
  std::string out = " ";
  for (unsigned char c : text) {
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c + 32);
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) {
      out += static_cast<char>(c);
    } else if (out.back() != ' ') {
      out += ' ';
    }
  }
  if (out.back() != ' ') {
    out += ' ';
  }
  return out;
}

}  // namespace

const std::vector<VerdictRule>& default_verdict_rules() {
  static const std::vector<VerdictRule> rules = {
      // Part right, part wrong, or right but misleadingly framed: the claim needs context.
      {"missing context", Stance::clarifies},
      {"lacks context", Stance::clarifies},
      {"needs context", Stance::clarifies},
      {"out of context", Stance::clarifies},
      {"half true", Stance::clarifies},
      {"partly false", Stance::clarifies},
      {"partly true", Stance::clarifies},
      {"partially false", Stance::clarifies},
      {"partially true", Stance::clarifies},
      {"mixture", Stance::clarifies},
      {"exaggerated", Stance::clarifies},
      {"sin contexto", Stance::clarifies},
      {"falta contexto", Stance::clarifies},
      // Wrong.
      {"pants on fire", Stance::refutes},
      {"not true", Stance::refutes},
      {"untrue", Stance::refutes},
      {"false", Stance::refutes},
      {"mostly false", Stance::refutes},
      {"misleading", Stance::refutes},
      {"fake", Stance::refutes},
      {"fabricated", Stance::refutes},
      {"incorrect", Stance::refutes},
      {"wrong", Stance::refutes},
      {"hoax", Stance::refutes},
      {"no evidence", Stance::refutes},
      {"unsupported", Stance::refutes},
      {"baseless", Stance::refutes},
      {"bulo", Stance::refutes},
      {"falso", Stance::refutes},
      {"enga\xc3\xb1oso", Stance::refutes},  // engañoso
      // Right.
      {"true", Stance::confirms},
      {"mostly true", Stance::confirms},
      {"correct", Stance::confirms},
      {"accurate", Stance::confirms},
      {"verdadero", Stance::confirms},
      {"cierto", Stance::confirms},
  };
  return rules;
}

VerdictMapping verdict_mapping(std::vector<VerdictRule> configured) {
  VerdictMapping m{std::move(configured)};
  for (auto& rule : m.rules) {
    rule.phrase = words(rule.phrase);
  }
  for (const auto& rule : default_verdict_rules()) {
    m.rules.push_back({words(rule.phrase), rule.stance});
  }
  return m;
}

std::optional<VerdictStance> verdict_stance(const VerdictMapping& mapping, std::string_view text,
                                            std::optional<double> value,
                                            std::optional<double> best,
                                            std::optional<double> worst) {
  const std::string verdict = words(text);
  for (const auto& rule : mapping.rules) {
    if (rule.phrase.size() > 2 && verdict.find(rule.phrase) != std::string::npos) {
      const std::string phrase = rule.phrase.substr(1, rule.phrase.size() - 2);
      return VerdictStance{rule.stance, 1.0, "verdict:'" + phrase + "'"};
    }
  }
  if (!value || !best || !worst || !std::isfinite(*value) || !std::isfinite(*best) ||
      !std::isfinite(*worst) || *best == *worst) {
    return std::nullopt;
  }
  // 0 at the worst end, 1 at the best, whichever way round the publisher counts.
  const double position = (*value - *worst) / (*best - *worst);
  if (position < 0.0 || position > 1.0) {
    return std::nullopt;  // outside its own declared scale
  }
  VerdictStance v;
  v.score = 0.9;
  v.stance = position >= 0.8 ? Stance::confirms
             : position <= 0.2 ? Stance::refutes
                               : Stance::clarifies;
  char buffer[128];
  std::snprintf(buffer, sizeof buffer, "rating:%g (worst %g, best %g)", *value, *worst, *best);
  v.rule = buffer;
  return v;
}

}  // namespace hw::rules
