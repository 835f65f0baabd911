#include "rules/boosted_trees.h"

#include <xgboost/c_api.h>

#include <cstdint>
#include <cstdio>

namespace hw::rules {
namespace {

std::string last_error() {
  const char* message = XGBGetLastError();
  return message == nullptr ? "unknown XGBoost error" : message;
}

// XGBoost's array-interface description of a C array (its in-place prediction reads the
// memory directly, no copy).
std::string array_interface(const void* data, std::size_t length, const char* type) {
  char buffer[160];
  std::snprintf(buffer, sizeof buffer,
                R"({"data":[%ju,true],"shape":[%zu],"typestr":"%s","version":3})",
                static_cast<std::uintmax_t>(reinterpret_cast<std::uintptr_t>(data)), length, type);
  return buffer;
}

}  // namespace

Expected<BoostedTrees> BoostedTrees::from_json(std::string json, std::size_t classes,
                                               std::size_t dimension) {
  BoosterHandle handle = nullptr;
  if (XGBoosterCreate(nullptr, 0, &handle) != 0) {
    return fail("cannot create an XGBoost booster: " + last_error());
  }
  BoostedTrees trees;
  trees.m_booster = std::shared_ptr<void>(handle, [](void* h) { XGBoosterFree(h); });
  if (XGBoosterLoadModelFromBuffer(handle, json.data(), json.size()) != 0) {
    return fail("XGBoost refused the model: " + last_error());
  }
  // One thread per prediction: predictions are one row at a time, and the caller's threads
  // (one classifier each) are the parallelism.
  if (XGBoosterSetParam(handle, "nthread", "1") != 0) {
    return fail("XGBoost: " + last_error());
  }
  trees.m_classes = classes;
  trees.m_dimension = dimension;
  trees.m_json = std::move(json);
  return trees;
}

std::vector<double> BoostedTrees::probabilities(std::span<const Feature> features) const {
  std::vector<double> out(m_classes, m_classes == 0 ? 0.0 : 1.0 / static_cast<double>(m_classes));
  if (m_booster == nullptr) {
    return out;
  }
  std::vector<std::uint32_t> indices;
  std::vector<float> values;
  indices.reserve(features.size());
  values.reserve(features.size());
  for (const Feature& f : features) {
    if (f.index < m_dimension) {
      indices.push_back(f.index);
      values.push_back(f.value);
    }
  }
  const std::uint64_t indptr[2] = {0, indices.size()};
  const std::string ip = array_interface(indptr, 2, "<u8");
  const std::string ix = array_interface(indices.data(), indices.size(), "<u4");
  const std::string vx = array_interface(values.data(), values.size(), "<f4");
  static constexpr const char* kConfig =
      R"({"type":0,"training":false,"iteration_begin":0,"iteration_end":0,)"
      R"("strict_shape":false,"missing":NaN,"cache_id":0})";
  const bst_ulong* shape = nullptr;
  bst_ulong dims = 0;
  const float* result = nullptr;
  if (XGBoosterPredictFromCSR(m_booster.get(), ip.c_str(), ix.c_str(), vx.c_str(), m_dimension,
                              kConfig, nullptr, &shape, &dims, &result) != 0) {
    // The model loaded, so this is a bug, not bad input: fail loudly.
    throw Failure("XGBoost prediction failed: " + last_error());
  }
  for (std::size_t c = 0; c < m_classes; ++c) {
    out[c] = static_cast<double>(result[c]);
  }
  return out;
}

}  // namespace hw::rules
