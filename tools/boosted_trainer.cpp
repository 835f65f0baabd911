#include "tools/boosted_trainer.h"

#include <xgboost/c_api.h>

#include <memory>
#include <string>

#include "util/error.h"

namespace hw::tools {
namespace {

void check(int rc, const char* what) {
  if (rc != 0) {
    throw Failure(std::string("XGBoost ") + what + ": " + XGBGetLastError());
  }
}

struct MatrixFree {
  void operator()(void* h) const { XGDMatrixFree(h); }
};
struct BoosterFree {
  void operator()(void* h) const { XGBoosterFree(h); }
};

}  // namespace

rules::BoostedTrees train_boosted(const std::vector<Sample>& samples, std::size_t classes,
                                  std::size_t dimension, const BoostOptions& options) {
  std::vector<std::size_t> indptr{0};
  std::vector<unsigned> indices;
  std::vector<float> values;
  std::vector<float> labels;
  std::vector<float> weights;
  for (const auto& s : samples) {
    for (const auto& f : s.features) {
      if (f.index < dimension) {
        indices.push_back(f.index);
        values.push_back(f.value);
      }
    }
    indptr.push_back(indices.size());
    labels.push_back(static_cast<float>(s.label));
    weights.push_back(s.weight);
  }
  DMatrixHandle raw_matrix = nullptr;
  check(XGDMatrixCreateFromCSREx(indptr.data(), indices.data(), values.data(), indptr.size(),
                                 values.size(), dimension, &raw_matrix),
        "matrix");
  const std::unique_ptr<void, MatrixFree> matrix(raw_matrix);
  check(XGDMatrixSetFloatInfo(raw_matrix, "label", labels.data(), labels.size()), "labels");
  check(XGDMatrixSetFloatInfo(raw_matrix, "weight", weights.data(), weights.size()), "weights");

  BoosterHandle raw_booster = nullptr;
  check(XGBoosterCreate(&raw_matrix, 1, &raw_booster), "booster");
  const std::unique_ptr<void, BoosterFree> booster(raw_booster);
  const auto set = [&](const char* key, const std::string& value) {
    check(XGBoosterSetParam(raw_booster, key, value.c_str()), key);
  };
  set("objective", "multi:softprob");
  set("num_class", std::to_string(classes));
  set("tree_method", "hist");
  set("nthread", "1");
  set("seed", std::to_string(options.seed % 2147483647ULL));
  set("max_depth", std::to_string(options.max_depth));
  set("eta", std::to_string(options.eta));
  set("subsample", std::to_string(options.subsample));
  set("colsample_bytree", std::to_string(options.colsample));
  set("min_child_weight", std::to_string(options.min_child_weight));
  set("lambda", std::to_string(options.lambda));
  set("verbosity", "0");
  for (int round = 0; round < options.rounds; ++round) {
    check(XGBoosterUpdateOneIter(raw_booster, round, raw_matrix), "training");
  }
  bst_ulong length = 0;
  const char* bytes = nullptr;
  check(XGBoosterSaveModelToBuffer(raw_booster, R"({"format":"json"})", &length, &bytes), "save");
  auto trees = rules::BoostedTrees::from_json(std::string(bytes, length), classes, dimension);
  if (!trees) {
    throw Failure(trees.error().message);
  }
  return std::move(*trees);
}

}  // namespace hw::tools
