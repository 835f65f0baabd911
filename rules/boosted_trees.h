#pragma once
// Gradient-boosted trees (XGBoost, through its C API) as a stance-model head: class
// probabilities for one sparse feature vector. The model is XGBoost's own JSON, kept verbatim
// so that the model file can be written back byte for byte.
#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "rules/linear_model.h"
#include "util/error.h"

namespace hw::rules {

class BoostedTrees {
 public:
  BoostedTrees() = default;
  // `json` is a model saved by XGBoost (multi:softprob with `classes` classes) over feature
  // indices below `dimension`. An error names what XGBoost refused.
  static Expected<BoostedTrees> from_json(std::string json, std::size_t classes,
                                          std::size_t dimension);

  // Softmax class probabilities; indices at or past dimension() are ignored, as in LinearModel.
  // Safe to call from several threads: XGBoost's in-place prediction keeps its output per thread.
  std::vector<double> probabilities(std::span<const Feature> features) const;

  std::size_t classes() const { return m_classes; }
  std::size_t dimension() const { return m_dimension; }
  const std::string& json() const { return m_json; }
  bool empty() const { return m_booster == nullptr; }

 private:
  std::shared_ptr<void> m_booster;  // BoosterHandle, freed with XGBoosterFree; never mutated
  std::size_t m_classes = 0;
  std::size_t m_dimension = 0;
  std::string m_json;
};

}  // namespace hw::rules
