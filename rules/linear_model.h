#pragma once
// A multinomial logistic-regression model: one weight vector per class over a sparse feature
// vector. Inference is a few hundred multiply-adds, which is what lets the classifier keep
// up with tens of thousands of (story, claim) pairs per second on one core.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace hw::rules {

struct Feature {
  std::uint32_t index = 0;
  float value = 0.0F;
};

class LinearModel {
 public:
  LinearModel() = default;
  LinearModel(std::size_t classes, std::size_t dimension);

  // Softmax class probabilities; indices past dimension() are ignored (a model trained with
  // fewer features than the extractor now produces still loads and runs).
  std::vector<double> probabilities(std::span<const Feature> features) const;

  std::size_t classes() const { return m_classes; }
  std::size_t dimension() const { return m_dimension; }
  float weight(std::size_t cls, std::size_t index) const {
    return m_weights[cls * m_dimension + index];
  }
  float& weight(std::size_t cls, std::size_t index) { return m_weights[cls * m_dimension + index]; }
  bool empty() const { return m_weights.empty(); }

 private:
  std::size_t m_classes = 0;
  std::size_t m_dimension = 0;
  std::vector<float> m_weights;  // class-major
};

}  // namespace hw::rules
