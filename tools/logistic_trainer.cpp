#include "tools/logistic_trainer.h"

#include <cmath>
#include <numeric>
#include <random>

namespace hw::tools {

rules::LinearModel train_logistic(const std::vector<Sample>& samples, std::size_t classes,
                                  std::size_t dimension, const LogisticOptions& options) {
  rules::LinearModel model(classes, dimension);
  std::vector<double> squared(classes * dimension, 1e-8);
  std::vector<std::size_t> order(samples.size());
  std::iota(order.begin(), order.end(), 0);
  // mt19937_64's output is fixed by the standard; the shuffle below uses it directly (not
  // std::shuffle, whose use of the engine is implementation-defined).
  std::mt19937_64 rng(options.seed);
  std::vector<double> p(classes);
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    for (std::size_t i = order.size(); i > 1; --i) {
      std::swap(order[i - 1], order[rng() % i]);
    }
    for (const auto s : order) {
      const Sample& sample = samples[s];
      const auto probabilities = model.probabilities(sample.features);
      for (std::size_t c = 0; c < classes; ++c) {
        const double gradient =
            (probabilities[c] - (static_cast<int>(c) == sample.label ? 1.0 : 0.0)) *
            static_cast<double>(sample.weight);
        for (const auto& f : sample.features) {
          if (f.index >= dimension) {
            continue;
          }
          const std::size_t k = c * dimension + f.index;
          float& w = model.weight(c, f.index);
          const double g =
              gradient * static_cast<double>(f.value) + options.l2 * static_cast<double>(w);
          squared[k] += g * g;
          w -= static_cast<float>(options.learning_rate * g / std::sqrt(squared[k]));
        }
      }
    }
  }
  return model;
}

}  // namespace hw::tools
