#include "rules/linear_model.h"

#include <algorithm>
#include <cmath>

namespace hw::rules {

LinearModel::LinearModel(std::size_t classes, std::size_t dimension)
    : m_classes(classes), m_dimension(dimension), m_weights(classes * dimension, 0.0F) {}

std::vector<double> LinearModel::probabilities(std::span<const Feature> features) const {
  std::vector<double> scores(m_classes, 0.0);
  for (std::size_t c = 0; c < m_classes; ++c) {
    const float* w = m_weights.data() + c * m_dimension;
    double sum = 0.0;
    for (const Feature& f : features) {
      if (f.index < m_dimension) {
        sum += static_cast<double>(w[f.index]) * static_cast<double>(f.value);
      }
    }
    scores[c] = sum;
  }
  if (scores.empty()) {
    return scores;
  }
  const double top = *std::ranges::max_element(scores);
  double total = 0.0;
  for (auto& s : scores) {
    s = std::exp(s - top);
    total += s;
  }
  for (auto& s : scores) {
    s /= total;
  }
  return scores;
}

}  // namespace hw::rules
