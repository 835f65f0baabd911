#include "rules/claim_fit.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "rules/text_normalizer.h"

namespace hw::rules {
namespace {

void add_terms(const AnalyzedText& text, std::size_t sentence_limit, std::vector<TermId>& out) {
  for (std::size_t i = 0; i < text.terms.size(); ++i) {
    if (text.sentence_of[i] >= sentence_limit) {
      break;  // sentence_of never decreases
    }
    if (text.terms[i] != kNoTerm) {
      out.push_back(text.terms[i]);
    }
  }
}

// Letters and digits only, case-folded: "Apple's Watch — out!" and "apples watch out" compare
// equal, which is what a feed's re-punctuated copy of its own headline looks like.
std::string skeleton(std::string_view text) {
  std::string out;
  for (const auto& token : tokenize(text)) {
    out += token.text;
  }
  return out;
}

std::string format_fit(const char* format, double a, double b) {
  char buffer[96];
  std::snprintf(buffer, sizeof buffer, format, a, b);
  return buffer;
}

}  // namespace

TermVector story_vector(const AnalyzedText& title, const AnalyzedText& body,
                        const StanceLexicon& lexicon, std::size_t lead_sentences,
                        std::span<const TermId> extra) {
  std::vector<TermId> terms;
  terms.reserve(title.terms.size() + extra.size() + 64);
  add_terms(title, SIZE_MAX, terms);
  add_terms(body, lead_sentences, terms);
  terms.insert(terms.end(), extra.begin(), extra.end());
  std::ranges::sort(terms);
  TermVector v;
  for (std::size_t i = 0; i < terms.size();) {
    std::size_t j = i;
    while (j < terms.size() && terms[j] == terms[i]) {
      ++j;
    }
    const double w =
        (1.0 + std::log(static_cast<double>(j - i))) * static_cast<double>(lexicon.idf(terms[i]));
    v.weights.emplace_back(terms[i], static_cast<float>(w));
    v.norm += w * w;
    i = j;
  }
  v.norm = std::sqrt(v.norm);
  return v;
}

std::string_view leading_number(std::string_view word) {
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  std::size_t n = 0;
  while (n < word.size() && (digit(word[n]) || (word[n] == '.' && n > 0 && n + 1 < word.size() &&
                                                digit(word[n + 1])))) {
    ++n;
  }
  if (n == 0 || n == word.size()) {
    return {};
  }
  const std::string_view unit = word.substr(n);
  if (!std::ranges::all_of(unit, [](char c) { return c >= 'a' && c <= 'z'; })) {
    return {};
  }
  if (unit == "st" || unit == "nd" || unit == "rd" || unit == "th") {
    return {};
  }
  return word.substr(0, n);
}

std::vector<TermId> number_parts(const AnalyzedText& text, TextPipeline& pipeline,
                                 std::size_t sentence_limit) {
  std::vector<TermId> out;
  for (std::size_t i = 0; i < text.tokens.size(); ++i) {
    if (text.sentence_of[i] >= sentence_limit) {
      break;
    }
    const std::string_view number = leading_number(text.tokens[i].text);
    if (!number.empty()) {
      out.push_back(pipeline.stem_term(std::string(number)));
    }
  }
  return out;
}

bool holds_term(const TermVector& story, TermId term) {
  const auto it =
      std::ranges::lower_bound(story.weights, term, {}, &std::pair<TermId, float>::first);
  return it != story.weights.end() && it->first == term;
}

double claim_fit(const ClaimProfile& claim, const TermVector& story) {
  if (story.norm <= 0.0 || claim.terms.empty()) {
    return 0.0;
  }
  double dot = 0.0;
  double claim_norm = 0.0;
  for (std::size_t k = 0; k < claim.terms.size(); ++k) {
    const double w = claim.weights[k];
    claim_norm += w * w;
    const auto it = std::ranges::lower_bound(story.weights, claim.terms[k], {},
                                             &std::pair<TermId, float>::first);
    if (it != story.weights.end() && it->first == claim.terms[k]) {
      dot += w * static_cast<double>(it->second);
    }
  }
  return claim_norm > 0.0 ? dot / (std::sqrt(claim_norm) * story.norm) : 0.0;
}

std::vector<FitVerdict> contest(const std::vector<FitCandidate>& candidates,
                                const FitPolicy& policy) {
  std::vector<FitVerdict> out(candidates.size());
  // The two best fits decide: every claim is compared with the best of the others.
  std::size_t best = SIZE_MAX;
  double first = 0.0;
  double second = 0.0;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const double f = candidates[i].fit;
    if (best == SIZE_MAX || f > first) {
      second = best == SIZE_MAX ? 0.0 : first;
      first = f;
      best = i;
    } else if (f > second) {
      second = f;
    }
  }
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    auto& v = out[i];
    v.fit = candidates[i].fit;
    v.runner_up = i == best ? second : first;
    if (v.fit < policy.min_fit) {
      v.why = format_fit("fit %.2f below %.2f", v.fit, policy.min_fit);
    } else if (i != best || v.fit < policy.min_lead_ratio * v.runner_up) {
      v.why = format_fit("fit %.2f not clearly ahead of another claim's %.2f", v.fit, v.runner_up);
    } else {
      v.accepted = true;
      v.why = format_fit("fit %.2f, runner-up %.2f", v.fit, v.runner_up);
    }
  }
  return out;
}

bool repeats_headline(std::string_view title, std::string_view description) {
  const std::string d = skeleton(description);
  if (d.empty()) {
    return true;
  }
  return skeleton(title).starts_with(d);
}

}  // namespace hw::rules
