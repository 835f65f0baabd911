#pragma once
// Builds a rules::StanceModel from development data: idf from the training documents, then the
// three heads (boosted trees, or the previous logistic regressions) on features computed by the
// product's own extractor.
#include <cstdint>
#include <string>
#include <vector>

#include "rules/stance_model.h"
#include "tools/boosted_trainer.h"
#include "tools/logistic_trainer.h"
#include "tools/stance_corpus.h"

namespace hw::tools {

enum class Learner { boosted, logistic };

struct StanceTrainingOptions {
  Learner learner = Learner::boosted;
  unsigned hash_bits = 12;
  // Boosted trees only: also learn from the hashed words (else only the dense features, which
  // carry no word of the development claims and so generalise to unseen ones).
  bool words = false;
  BoostOptions related_trees;
  BoostOptions stance_trees;
  LogisticOptions related;
  LogisticOptions stance;
  // Class weight = (share of the majority class / share of the class) ^ balance: 0 leaves
  // the distribution as it is, 1 balances it fully. Disagreement is 7% of related FNC pairs.
  double balance = 0.5;
  double related_threshold = 0.5;
  std::uint64_t seed = 20120524;
  std::string header;  // '#' lines recorded in the model file
};

// Trains on the FNC pairs `fnc` and Emergent rows `emergent` (indices into the corpus). Either
// may be empty: the corresponding models then stay zero.
rules::StanceModel train_stance_model(const StanceCorpus& corpus,
                                      const std::vector<std::size_t>& fnc,
                                      const std::vector<std::size_t>& emergent,
                                      const StanceTrainingOptions& options);

}  // namespace hw::tools
