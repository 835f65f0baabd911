#pragma once
// The learned part of the stance classifier: word informativeness (idf) and three classifier
// heads, gradient-boosted trees in the shipped model — `related` (is the story about the claim), `stance_body` (what a story with a
// body says; trained on FNC-1 bodies) and `stance_title` (what a headline alone says; trained
// on Emergent headlines). The shipped model (models/stance-model.txt) is compiled into the
// binary, so hypewatch never reads training data at run time. Format: docs/stance.md.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rules/class_model.h"

namespace hw::rules {

// Stance classes of the two stance models, in weight-row order.
enum class StanceClass : std::size_t { supports = 0, refutes = 1, mentions = 2 };
constexpr std::size_t kStanceClasses = 3;

// Which words of a body become hashed features: `focus`, every word of the sentences that carry
// the claim (the previous logistic model); `cues`, only the cue words and negations of the whole
// body, so that the body model learns which denial word was used and never the development
// bodies' topics.
enum class BodyWords { focus, cues };

struct StanceModel {
  std::string header;  // the leading '#' comment lines: data, command, seed
  unsigned hash_bits = 12;
  BodyWords body_words = BodyWords::cues;
  double related_threshold = 0.5;
  float default_idf = 8.0F;
  std::vector<std::pair<std::string, float>> idf;  // stem -> idf
  ClassModel related;                              // classes: unrelated, related
  ClassModel stance_body;
  ClassModel stance_title;
};

// Parses the text format; throws hw::ConfigError "NAME:LINE: message" on a malformed file.
StanceModel parse_stance_model(std::string_view text, std::string_view source_name);
// The text format; weights whose magnitude is below 1e-5 are left out (they are zero).
std::string serialize_stance_model(const StanceModel& model);
// The model compiled into this program (models/stance-model.txt at build time).
const StanceModel& builtin_stance_model();
// The model the product uses: the file named by the environment variable
// HYPEWATCH_STANCE_MODEL when it is set (to evaluate a model trained without the data being
// replayed, docs/stance.md), else the built-in one. Throws ConfigError on an unreadable or
// malformed file.
const StanceModel& stance_model_in_use();

}  // namespace hw::rules
