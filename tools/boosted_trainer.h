#pragma once
// Trains rules::BoostedTrees through XGBoost's C API: multi-class softmax over sparse samples.
// One thread and a fixed seed, so that the same samples and options give the same model file
// byte for byte.
#include <cstdint>
#include <vector>

#include "rules/boosted_trees.h"
#include "tools/logistic_trainer.h"

namespace hw::tools {

struct BoostOptions {
  // Chosen on the disjoint folds of hw_bench_stance (bench/README.md): shallower trees and a
  // slower rate than XGBoost's defaults generalise better to unseen claims and bodies.
  int rounds = 300;
  int max_depth = 4;
  double eta = 0.05;
  double subsample = 0.8;
  double colsample = 0.8;
  double min_child_weight = 1.0;
  double lambda = 1.0;
  std::uint64_t seed = 20120524;
};

// Throws hw::Failure when XGBoost refuses the data or options.
rules::BoostedTrees train_boosted(const std::vector<Sample>& samples, std::size_t classes,
                                  std::size_t dimension, const BoostOptions& options);

}  // namespace hw::tools
