#pragma once
// Gradient-boosted trees as a stance-model head: class probabilities for one sparse feature
// vector. The trees are trained by XGBoost (tools/boosted_trainer) and stored as XGBoost's own
// JSON model, kept verbatim so that the model file is written back byte for byte; prediction
// walks flat copies of the trees here, because a call into XGBoost's in-place prediction costs
// ~37 µs per row (7,800 pairs/s end to end) against ~2 µs for the walk. A test checks that both
// give the same probabilities.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "rules/linear_model.h"
#include "util/error.h"

namespace hw::rules {

class BoostedTrees {
 public:
  BoostedTrees() = default;
  // `json` is a model saved by XGBoost (gbtree, multi:softprob with `classes` classes) over
  // feature indices below `dimension`. The error says what is wrong with it.
  static Expected<BoostedTrees> from_json(std::string json, std::size_t classes,
                                          std::size_t dimension);

  // Softmax class probabilities. A feature absent from `features` is missing (the tree's
  // default branch), as in training; indices at or past dimension() are ignored.
  std::vector<double> probabilities(std::span<const Feature> features) const;

  std::size_t classes() const { return m_classes; }
  std::size_t dimension() const { return m_dimension; }
  std::size_t trees() const { return m_roots.size(); }
  const std::string& json() const { return m_json; }

 private:
  struct Node {
    std::int32_t left = -1;  // -1: a leaf, whose value is `value`
    std::int32_t right = -1;
    std::uint32_t feature = 0;
    float value = 0.0F;  // split threshold (go left when below), or the leaf's value
    bool default_left = false;
  };
  std::vector<Node> m_nodes;           // every tree, one after another
  std::vector<std::uint32_t> m_roots;  // index of each tree's root in m_nodes
  std::vector<std::uint32_t> m_class;  // the class each tree adds to
  std::size_t m_classes = 0;
  std::size_t m_dimension = 0;
  std::string m_json;
};

}  // namespace hw::rules
