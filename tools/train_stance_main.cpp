// hw_train_stance: rebuilds models/stance-model.txt from the development data.
//   hw_train_stance --data ../shared/data/stance --out models/stance-model.txt [--seed N]
// Deterministic: the same data, options and seed give a byte-identical file.
#include <fstream>
#include <iostream>
#include <numeric>
#include <string>
#include <vector>

#include <xgboost/c_api.h>

#include "rules/stance_model.h"
#include "tools/stance_trainer.h"
#include "util/error.h"

namespace {

constexpr const char* kUsage =
    "usage: hw_train_stance --data DIR --out FILE [--seed N] [--exclude-fold K --folds N]\n"
    "                       [--previous]\n"
    "  --previous: the previous learner (logistic regressions), for side-by-side benchmarks\n"
    "  --exclude-fold K: leave out the Emergent claims of fold K of N (folds by claimId, as\n"
    "  hw_bench_stance) and every FNC-1 claim cluster holding one of their headlines, so that\n"
    "  the model can be evaluated on those rumours (docs/stance.md)\n"
    "  DIR holds fnc1/train_{stances,bodies}.csv and "
    "emergent/url-versions-2015-06-14-clean-train.csv\n";

}  // namespace

int main(int argc, char** argv) {
  std::string data;
  std::string out;
  std::uint64_t seed = 20120524;
  int exclude_fold = -1;
  int folds = 5;
  bool previous = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--data" && i + 1 < argc) {
      data = argv[++i];
    } else if (arg == "--out" && i + 1 < argc) {
      out = argv[++i];
    } else if (arg == "--seed" && i + 1 < argc) {
      seed = std::stoull(argv[++i]);
    } else if (arg == "--exclude-fold" && i + 1 < argc) {
      exclude_fold = std::stoi(argv[++i]);
    } else if (arg == "--previous") {
      previous = true;
    } else if (arg == "--folds" && i + 1 < argc) {
      folds = std::stoi(argv[++i]);
    } else {
      std::cerr << kUsage;
      return 2;
    }
  }
  if (data.empty() || out.empty() || folds < 2 || exclude_fold >= folds) {
    std::cerr << kUsage;
    return 2;
  }
  try {
    const auto corpus = hw::tools::load_stance_corpus(data);
    std::vector<std::size_t> fnc;
    std::vector<std::size_t> emergent;
    if (exclude_fold < 0) {
      fnc.resize(corpus.fnc.size());
      std::iota(fnc.begin(), fnc.end(), 0);
      emergent.resize(corpus.emergent.size());
      std::iota(emergent.begin(), emergent.end(), 0);
    } else {
      const auto split = hw::tools::split_without_fold(corpus, exclude_fold, folds);
      fnc = split.fnc;
      emergent = split.emergent;
    }

    hw::tools::StanceTrainingOptions options =
        previous ? hw::tools::previous_model_options() : hw::tools::StanceTrainingOptions{};
    options.seed = seed;
    int major = 0, minor = 0, patch = 0;
    XGBoostVersion(&major, &minor, &patch);
    const auto& trees = options.stance_trees;
    const std::string learner =
        previous
            ? std::string(
                  "# learner: the previous model (logistic regressions, 12 hash bits, "
                  "class balance 0.5, no disagreement features)\n")
            : "# learner: XGBoost " + std::to_string(major) + "." + std::to_string(minor) + "." +
                  std::to_string(patch) + " gbtree multi:softprob, " +
                  std::to_string(trees.rounds) + " rounds, depth " +
                  std::to_string(trees.max_depth) + ", eta " +
                  std::to_string(trees.eta).substr(0, 4) + ", class balance " +
                  std::to_string(options.balance).substr(0, 3) +
                  "; stance_title with hashed words, stance_body with hashed cue words of the body, "
                  "related dense features only\n";
    options.header =
        "# hypewatch stance model (docs/stance.md). Generated; do not edit.\n"
        "# data: ../shared/data/stance development portions only: fnc1/train_stances.csv (" +
        std::to_string(corpus.fnc.size()) + " pairs), fnc1/train_bodies.csv (" +
        std::to_string(corpus.bodies.size()) +
        " bodies), emergent/url-versions-2015-06-14-clean-train.csv (" +
        std::to_string(corpus.emergent.size()) +
        " rows). No FNC-1 competition test or Emergent test data.\n" +
        (exclude_fold < 0 ? std::string()
                          : "# trained on " + std::to_string(fnc.size()) + " FNC-1 pairs and " +
                                std::to_string(emergent.size()) +
                                " Emergent rows: without the Emergent claims of fold " +
                                std::to_string(exclude_fold) + " of " + std::to_string(folds) +
                                " (by claimId) and the FNC-1 clusters sharing their headlines\n") +
        "# command: hw_train_stance --data ../shared/data/stance --out " + out + " --seed " +
        std::to_string(seed) + (previous ? " --previous" : "") +
        (exclude_fold < 0 ? std::string()
                          : " --exclude-fold " + std::to_string(exclude_fold) + " --folds " +
                                std::to_string(folds)) +
        "\n"
        "# seed: " +
        std::to_string(seed) + "\n" + learner;
    const auto model = hw::tools::train_stance_model(corpus, fnc, emergent, options);
    std::ofstream file(out, std::ios::binary | std::ios::trunc);
    file << hw::rules::serialize_stance_model(model);
    if (!file) {
      std::cerr << "hw_train_stance: cannot write " << out << "\n";
      return 1;
    }
    std::cout << "wrote " << out << " (" << model.idf.size() << " idf terms)\n";
    return 0;
  } catch (const hw::Failure& e) {
    std::cerr << "hw_train_stance: " << e.what() << "\n";
    return 1;
  }
}
