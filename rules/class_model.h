#pragma once
// One head of the stance model (related, stance_body, stance_title): class probabilities from
// a sparse feature vector, by gradient-boosted trees (the shipped model) or a logistic
// regression (the previous learner, kept so that benchmarks can put both side by side).
#include <span>
#include <variant>
#include <vector>

#include "rules/boosted_trees.h"
#include "rules/linear_model.h"

namespace hw::rules {

class ClassModel {
 public:
  ClassModel() = default;
  ClassModel(LinearModel model) : m_model(std::move(model)) {}   // NOLINT: a head is either
  ClassModel(BoostedTrees model) : m_model(std::move(model)) {}  // NOLINT

  std::vector<double> probabilities(std::span<const Feature> features) const {
    return std::visit([&](const auto& m) { return m.probabilities(features); }, m_model);
  }
  std::size_t classes() const {
    return std::visit([](const auto& m) { return m.classes(); }, m_model);
  }
  std::size_t dimension() const {
    return std::visit([](const auto& m) { return m.dimension(); }, m_model);
  }
  const LinearModel* linear() const { return std::get_if<LinearModel>(&m_model); }
  const BoostedTrees* trees() const { return std::get_if<BoostedTrees>(&m_model); }

 private:
  std::variant<LinearModel, BoostedTrees> m_model;
};

}  // namespace hw::rules
