#pragma once
// Loads the development stance data (../shared/data/stance, README there): FNC-1 training
// pairs and bodies, and the Emergent training split. Only for the trainer and the evaluation;
// the product never reads these files.
#include <filesystem>
#include <string>
#include <vector>

namespace hw::tools {

// Stance labels in the product's three learned classes.
enum class Label { unrelated = -1, supports = 0, refutes = 1, mentions = 2 };

struct FncPair {
  std::string headline;
  std::size_t body = 0;  // index into StanceCorpus::bodies
  Label label = Label::unrelated;
  int group = 0;       // the headline's claim cluster: headlines and bodies linked by related pairs
  int body_group = 0;  // the body's cluster (differs from `group` for unrelated pairs)
};

struct EmergentRow {
  std::string claim;
  std::string headline;
  std::string claim_id;
  Label label = Label::mentions;
  int group = 0;  // the claim
};

struct StanceCorpus {
  std::vector<std::string> bodies;
  std::vector<FncPair> fnc;
  std::vector<EmergentRow> emergent;
};

// Reads fnc1/train_{stances,bodies}.csv and emergent/url-versions-2015-06-14-clean-train.csv
// under `dir`. Throws hw::Failure naming the file and line on malformed input.
StanceCorpus load_stance_corpus(const std::filesystem::path& dir);

// RFC 4180 CSV: quoted fields may hold commas, doubled quotes and new lines.
std::vector<std::vector<std::string>> parse_csv(const std::string& text, const std::string& name);

// Training rows that share no rumour with fold `fold` of `folds` of the Emergent claims
// (folds by claimId, fold_of): Emergent rows of the other folds, and FNC-1 pairs whose claim
// cluster holds none of the fold's claim or article headlines (FNC-1 was built from
// Emergent's articles; headlines compared on lower-case letters and digits).
struct TrainingSplit {
  std::vector<std::size_t> fnc;
  std::vector<std::size_t> emergent;
};
TrainingSplit split_without_fold(const StanceCorpus& corpus, int fold, int folds);

// Fold `fold` of `folds` for evaluating on claims and bodies never trained on (as in the FNC-1
// competition test set): FNC-1 pairs are tested when both the headline's and the body's cluster
// fall in the fold, trained on when neither does, and left out otherwise; Emergent rows are
// split by claimId.
struct DisjointFold {
  std::vector<std::size_t> train_fnc, test_fnc, train_emergent, test_emergent;
};
DisjointFold disjoint_fold(const StanceCorpus& corpus, int fold, int folds);

// A fold in [0, folds) for a group, stable across runs and platforms (FNV-1a of the group's key).
int fold_of(const std::string& group_key, int folds);

}  // namespace hw::tools
