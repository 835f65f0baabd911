#pragma once
// Trains rules::LinearModel (multinomial logistic regression) with Adagrad SGD and L2. Single
// threaded and seeded, with its own shuffle: the same samples and options give the same
// weights bit for bit, which is what lets the committed model file be rebuilt and diffed.
#include <cstdint>
#include <vector>

#include "rules/linear_model.h"

namespace hw::tools {

struct Sample {
  std::vector<rules::Feature> features;
  int label = 0;
  float weight = 1.0F;
};

struct LogisticOptions {
  int epochs = 8;
  double learning_rate = 0.2;
  double l2 = 1e-5;
  std::uint64_t seed = 20120524;
};

rules::LinearModel train_logistic(const std::vector<Sample>& samples, std::size_t classes,
                                  std::size_t dimension, const LogisticOptions& options);

}  // namespace hw::tools
