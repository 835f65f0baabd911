#include "rules/boosted_trees.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <nlohmann/json.hpp>

namespace hw::rules {

Expected<BoostedTrees> BoostedTrees::from_json(std::string json, std::size_t classes,
                                               std::size_t dimension) {
  BoostedTrees out;
  out.m_classes = classes;
  out.m_dimension = dimension;
  try {
    const auto doc = nlohmann::json::parse(json);
    const auto& booster = doc.at("learner").at("gradient_booster");
    if (booster.at("name") != "gbtree") {
      return fail("boosted trees: only XGBoost's gbtree models are supported");
    }
    const auto& model = booster.at("model");
    const auto& trees = model.at("trees");
    const auto& info = model.at("tree_info");
    if (info.size() != trees.size()) {
      return fail("boosted trees: tree_info and trees differ in length");
    }
    for (std::size_t t = 0; t < trees.size(); ++t) {
      const auto& tree = trees[t];
      const auto& left = tree.at("left_children");
      const auto& right = tree.at("right_children");
      const auto& feature = tree.at("split_indices");
      const auto& value = tree.at("split_conditions");
      const auto& default_left = tree.at("default_left");
      const std::size_t n = left.size();
      if (right.size() != n || feature.size() != n || value.size() != n ||
          default_left.size() != n || n == 0) {
        return fail("boosted trees: tree " + std::to_string(t) + " has arrays of unequal size");
      }
      const auto cls = info[t].get<std::uint32_t>();
      if (cls >= classes) {
        return fail("boosted trees: tree " + std::to_string(t) + " adds to class " +
                    std::to_string(cls) + " of " + std::to_string(classes));
      }
      const auto base = static_cast<std::int32_t>(out.m_nodes.size());
      out.m_roots.push_back(static_cast<std::uint32_t>(base));
      out.m_class.push_back(cls);
      for (std::size_t i = 0; i < n; ++i) {
        Node node;
        const auto l = left[i].get<std::int32_t>();
        const auto r = right[i].get<std::int32_t>();
        node.value = value[i].get<float>();
        if (l >= 0) {
          // Children must lie inside this tree, or the walk could leave it (a corrupt file).
          if (l >= static_cast<std::int32_t>(n) || r < 0 || r >= static_cast<std::int32_t>(n) ||
              l <= static_cast<std::int32_t>(i) || r <= static_cast<std::int32_t>(i)) {
            return fail("boosted trees: tree " + std::to_string(t) + " node " + std::to_string(i) +
                        " has children outside the tree");
          }
          node.left = base + l;
          node.right = base + r;
          node.feature = feature[i].get<std::uint32_t>();
          node.default_left = default_left[i].get<int>() != 0;
          if (node.feature >= dimension) {
            return fail("boosted trees: tree " + std::to_string(t) + " splits on feature " +
                        std::to_string(node.feature) + ", past the model's " +
                        std::to_string(dimension));
          }
        }
        out.m_nodes.push_back(node);
      }
    }
  } catch (const nlohmann::json::exception& e) {
    return fail(std::string("boosted trees: not an XGBoost JSON model: ") + e.what());
  }
  out.m_json = std::move(json);
  return out;
}

std::vector<double> BoostedTrees::probabilities(std::span<const Feature> features) const {
  std::vector<double> out(m_classes, 0.0);
  if (m_classes == 0) {
    return out;
  }
  // Absent features are NaN: XGBoost's "missing", which takes the default branch. The row is
  // kept per thread and only the slots set are reset, so that a model over 16k hashed words
  // costs no more per call than one over 60 dense features.
  thread_local std::vector<float> row;
  if (row.size() < m_dimension) {
    row.resize(m_dimension, std::numeric_limits<float>::quiet_NaN());
  }
  for (const Feature& f : features) {
    if (f.index < m_dimension) {
      row[f.index] = f.value;
    }
  }
  struct Reset {
    std::span<const Feature> features;
    std::size_t dimension;
    ~Reset() {
      for (const Feature& f : features) {
        if (f.index < dimension) {
          row[f.index] = std::numeric_limits<float>::quiet_NaN();
        }
      }
    }
  } reset{features, m_dimension};
  // Margins summed in float, as XGBoost does, so that ties on a threshold break the same way.
  std::vector<float> margin(m_classes, 0.0F);
  for (std::size_t t = 0; t < m_roots.size(); ++t) {
    const Node* node = &m_nodes[m_roots[t]];
    while (node->left >= 0) {
      const float v = row[node->feature];
      const bool go_left = std::isnan(v) ? node->default_left : v < node->value;
      node = &m_nodes[static_cast<std::size_t>(go_left ? node->left : node->right)];
    }
    margin[m_class[t]] += node->value;
  }
  const float top = *std::ranges::max_element(margin);
  double total = 0.0;
  for (std::size_t c = 0; c < m_classes; ++c) {
    out[c] = std::exp(static_cast<double>(margin[c] - top));
    total += out[c];
  }
  for (auto& p : out) {
    p /= total;
  }
  return out;
}

}  // namespace hw::rules
