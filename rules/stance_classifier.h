#pragma once
// Classifies one (claim statement, story) pair without any hand-written rule: is the story
// about the claim, and does it support, refute, clarify, confirm or merely mention it. The
// text pipeline, features and model are those the trainer used (docs/stance.md).
#include <string>
#include <string_view>

#include "model/claim.h"
#include "rules/stance_features.h"
#include "rules/stance_lexicon.h"
#include "rules/stance_model.h"
#include "rules/text_pipeline.h"

namespace hw::rules {

struct StanceVerdict {
  bool related = false;
  Stance stance = Stance::mentions;  // meaningful when related
  double related_probability = 0.0;
  // related: P(related) x P(stance | related); unrelated: P(related).
  double score = 0.0;
  std::string evidence;  // the sentence that carries the claim best
  std::string features;  // what fired: "related 0.91; refuting cue, negation near claim words"
};

class StanceClassifier {
 public:
  // `model` must outlive the classifier.
  explicit StanceClassifier(const StanceModel& model = stance_model_in_use());
  // Holds a stemmer with internal buffers: one classifier per thread.
  StanceClassifier(const StanceClassifier&) = delete;
  StanceClassifier& operator=(const StanceClassifier&) = delete;

  ClaimProfile profile(std::string_view statement);
  // `title` and/or `body` may be empty; text must be valid UTF-8.
  StanceVerdict classify(const ClaimProfile& claim, std::string_view title, std::string_view body);
  // The same on texts already analysed by pipeline() (the evaluation reuses bodies).
  StanceVerdict classify(const ClaimProfile& claim, std::string_view title_text,
                         const AnalyzedText& title, std::string_view body_text,
                         const AnalyzedText& body) const;
  // The stance of a story already known to be about the claim (the matcher decided): the
  // headline model on the title, the body model on the body, their average when both are
  // there. `body` must be empty when the feed's description only repeats the headline.
  StanceVerdict judge_stance(const ClaimProfile& claim, std::string_view title_text,
                             const AnalyzedText& title, std::string_view body_text,
                             const AnalyzedText& body) const;
  // Relatedness only: cheaper, for choosing candidates among many claims.
  double related_probability(const ClaimProfile& claim, const AnalyzedText& title,
                             const AnalyzedText& body) const;

  TextPipeline& pipeline() { return m_pipeline; }
  const StanceLexicon& lexicon() const { return m_lexicon; }
  const StanceFeatureExtractor& extractor() const { return m_extractor; }
  const StanceModel& model() const { return m_model; }

 private:
  const StanceModel& m_model;
  TextPipeline m_pipeline;
  StanceLexicon m_lexicon;
  StanceFeatureExtractor m_extractor;
};

}  // namespace hw::rules
