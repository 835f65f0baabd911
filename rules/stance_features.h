#pragma once
// Turns a (claim, story) pair into the feature vectors of the stance model. Two vectors:
// `related` (is the story about the claim at all: how much of the claim's informative words,
// word pairs and numbers the story contains, and where) and `stance` (what it says about it:
// cue words in the title and in the sentences that carry the claim, negation next to claim
// words, questions and quotes, plus hashed words of those sentences). docs/stance.md lists
// every feature and why it is there.
#include <cstdint>
#include <string>
#include <vector>

#include "rules/linear_model.h"
#include "rules/stance_lexicon.h"
#include "rules/stance_model.h"
#include "rules/text_pipeline.h"

namespace hw::rules {

// A claim statement prepared once (10,000 claims are profiled when the matcher is built).
struct ClaimProfile {
  std::vector<TermId> terms;                       // distinct content terms, statement order
  std::vector<float> weights;                      // idf of each term
  std::vector<std::pair<TermId, TermId>> bigrams;  // consecutive content terms
  std::vector<bool> exact;  // per term: a number or acronym (must match exactly)
  double total_weight = 0.0;
  std::vector<std::size_t> top;  // indices of the (up to) three most informative terms
  std::uint64_t filter = 0;      // bit (term % 64) of every term: most story words miss it
  bool negated = false;          // the statement itself holds a negation ("X did not …")
  std::uint32_t cues = 0;        // cues in the statement itself (bit 1 << Cue)
  bool question = false;         // the statement is a question ("Did X …?")
};

ClaimProfile profile_claim(const AnalyzedText& statement, const StanceLexicon& lexicon);

// Dense feature layout; hashed word features follow from kDenseFeatures on.
namespace feature {
enum Related : std::uint32_t {
  bias = 0,
  cov_title,
  cov_body,
  cov_lead,
  cov_best_sentence,
  cov_any,
  cov_any_squared,
  cosine,
  bigrams,
  top_terms,
  exact_terms,
  term_fraction,
  body_length,
  body_empty,
  related_count
};
// Stance cues: for each Cue, three slots (title, claim sentences, rate in the whole body).
constexpr std::uint32_t cue_base = related_count;
enum Stance : std::uint32_t {
  negation_title = cue_base + 3 * kCueCount,
  negation_focus,
  negation_body,
  question_title,
  quotes_title,
  claim_sentence_share,
  // Aimed at disagreement: a denial usually sits in one sentence, next to the claim's words.
  refute_claim_sentence,   // best claim coverage of a sentence holding a refuting cue
  negated_claim_sentence,  // best claim coverage of a sentence negating a claim word
  refute_distance,         // 1 / (1 + tokens between a refuting cue and a claim word)
  refute_lead,             // refuting cues in the first two sentences
  hedge_lead,              // hedging cues in the first two sentences
  best_refute,             // cues of the one sentence that carries the claim best
  best_negated,
  best_hedge,
  best_report,
  best_correct,
  best_position,             // where that sentence is (0 first, 1 last)
  denial_share,              // claim sentences holding a refuting cue or a negation
  body_quotes,               // quotation marks per sentence: quoted, not asserted
  body_questions,            // question marks per sentence
  negated_confirm_in_title,  // "no evidence", "not true", "never confirmed" …
  negated_confirm_in_focus,
  negated_confirm_rate,
  claim_hedged,  // the claim's own wording
  claim_refuting,
  claim_negated,
  claim_question,
  stance_count
};
}  // namespace feature
constexpr std::uint32_t kDenseFeatures = feature::stance_count;

struct PairFeatures {
  std::vector<Feature> related;
  std::vector<Feature> stance;
  std::uint32_t cue_mask_focus = 0;  // cues found in the claim's sentences (for "features fired")
  bool negation_near_claim = false;
  bool title_negated = false;    // a negation next to a claim word in the title
  std::uint32_t title_cues = 0;  // cues found in the title (bit 1 << Cue)
  // The sentence that carries the claim best: in the body, or in the title when the body is
  // empty or does not contain the claim's words.
  bool evidence_in_title = false;
  std::size_t evidence_sentence = 0;
  double coverage = 0.0;  // idf-weighted share of the claim's terms found anywhere
};

class StanceFeatureExtractor {
 public:
  StanceFeatureExtractor(const StanceLexicon& lexicon, unsigned hash_bits, BodyWords body_words);

  // `title` or `body` may be empty texts.
  PairFeatures extract(const ClaimProfile& claim, const AnalyzedText& title,
                       const AnalyzedText& body) const;

  std::uint32_t dimension() const { return kDenseFeatures + (1U << m_hash_bits); }
  unsigned hash_bits() const { return m_hash_bits; }

 private:
  const StanceLexicon& m_lexicon;
  unsigned m_hash_bits;
  BodyWords m_body_words;
};

}  // namespace hw::rules
