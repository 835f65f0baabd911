#pragma once
// Which statement claims a story is about (docs/stance.md, "Which claim a story is about").
// A claim written as a statement competes with every other statement claim for each story:
// the story's headline and lead are compared with each candidate claim (tf-idf cosine), and
// the story goes to the best-fitting claim only when the fit is both high enough and clearly
// ahead of the runner-up. Sharing a topic ("Apple Watch") is not enough: thirty claims on one
// topic fit a story about equally, so none of them wins unless the story carries what
// distinguishes one of them. Pure: no clock, no database.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rules/stance_features.h"
#include "rules/stance_lexicon.h"
#include "rules/text_pipeline.h"

namespace hw::rules {

// Thresholds calibrated on the development rumours with 5 folds by claim (docs/stance.md).
struct FitPolicy {
  double min_fit = 0.2;          // cosine below this: the story does not carry the claim
  double min_lead_ratio = 1.25;  // the best claim must fit this many times the runner-up
  // The minimum fit for a story that calls the claim a rumour or a hoax (matching rule 4):
  // the folds by claim gained 4 own articles at 0.15, none wrong, and the same down to 0.10.
  double rumour_min_fit = 0.15;
  // Learned wording (Matcher::remember): a story teaches a claim its wording when the statement
  // alone fits it at least teach_fit and teach_lead times the runner-up; a later story's
  // likeness to a taught story counts learned_weight times its cosine.
  double teach_fit = 0.2;
  double teach_lead = 1.4;
  double learned_weight = 1.0;
  double min_learned_cosine = 0.3;  // from this a taught headline's likeness carries the story
  // From this up to min_learned_cosine a taught headline's likeness counts only for a story that
  // also carries the statement's own distinguishing term and predicate; below it, not at all.
  // The folds by claim gained 12 own articles, no wrong one (docs/stance.md, rule 5).
  double faint_learned_cosine = 0.2;
  // A taught headline counts for stories published within this long of its own (both dated).
  std::chrono::hours learned_window{24 * 30};
};

// A story's content terms, weighted (1 + ln tf) x idf, from its headline and the first
// sentences of its body (news puts the claim up front; the rest dilutes the comparison), and
// `extra` terms read from those same words (number_parts).
struct TermVector {
  std::vector<std::pair<TermId, float>> weights;  // sorted by term
  double norm = 0.0;
};

TermVector story_vector(const AnalyzedText& title, const AnalyzedText& body,
                        const StanceLexicon& lexicon, std::size_t lead_sentences = 3,
                        std::span<const TermId> extra = {});

// The number at the front of each word that runs a number into its unit ("50ft", "72million",
// "4GB", "130K"), as the term a number written apart has ("50-foot", "72 million"), from the
// words in the first `sentence_limit` sentences. Ordinals ("9th", "1st") are words of their own.
std::vector<TermId> number_parts(const AnalyzedText& text, TextPipeline& pipeline,
                                 std::size_t sentence_limit = SIZE_MAX);

// The number at the front of one folded word that runs into its unit, or "" (number_parts).
std::string_view leading_number(std::string_view folded_word);

// Whether the story vector holds `term`.
bool holds_term(const TermVector& story, TermId term);

// Cosine between the claim's idf-weighted terms and the story vector; 0 when either is empty.
double claim_fit(const ClaimProfile& claim, const TermVector& story);

struct FitCandidate {
  std::size_t claim = 0;
  double fit = 0.0;
};

struct FitVerdict {
  bool accepted = false;
  double fit = 0.0;
  double runner_up = 0.0;  // best fit among the other candidates (0 when alone)
  std::string why;         // "fit 0.42, runner-up 0.18 (2.3x)" or why it was refused
};

// Judges every candidate against the others: only the best can win, and only when
// fit >= min_fit and fit >= min_lead_ratio x runner-up. Returns one verdict per candidate,
// in the order given.
std::vector<FitVerdict> contest(const std::vector<FitCandidate>& candidates,
                                const FitPolicy& policy = {});

// Whether a feed's description only repeats its headline (equal to it, or a prefix of it,
// ignoring case, punctuation and spacing): such a description is not a body.
bool repeats_headline(std::string_view title, std::string_view description);

}  // namespace hw::rules
