// hw_bench_stance: evaluates the stance classifier on the development data with grouped
// k-fold cross-validation (folds never share a claim: FNC-1 pairs are grouped by the claim
// cluster linking headlines and bodies, Emergent rows by claimId) and measures throughput.
//   hw_bench_stance --data ../shared/data/stance [--folds 5] [--balance B] [--epochs N] ...
// FNC-1 folds train on FNC-1 only, Emergent folds on Emergent only: the two datasets share
// articles, so mixing them would leak evaluation claims into training.
#include <array>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "rules/stance_classifier.h"
#include "tools/stance_trainer.h"
#include "util/error.h"

namespace {

using hw::tools::Label;

// FNC classes: 0 agree, 1 disagree, 2 discuss, 3 unrelated.
int fnc_class(Label label) {
  switch (label) {
    case Label::supports:
      return 0;
    case Label::refutes:
      return 1;
    case Label::mentions:
      return 2;
    case Label::unrelated:
      break;
  }
  return 3;
}

int fnc_class(const hw::rules::StanceVerdict& v) {
  if (!v.related) {
    return 3;
  }
  switch (v.stance) {
    case hw::Stance::supports:
    case hw::Stance::confirms:
      return 0;
    case hw::Stance::refutes:
    case hw::Stance::clarifies:
      return 1;
    case hw::Stance::mentions:
      return 2;
  }
  return 2;
}

struct Confusion {
  explicit Confusion(std::size_t n) : m(n, std::vector<long>(n, 0)) {}
  std::vector<std::vector<long>> m;  // [gold][predicted]
  void add(int gold, int predicted) {
    ++m[static_cast<std::size_t>(gold)][static_cast<std::size_t>(predicted)];
  }
  double f1(std::size_t c) const {
    long tp = m[c][c], fp = 0, fn = 0;
    for (std::size_t k = 0; k < m.size(); ++k) {
      if (k != c) {
        fp += m[k][c];
        fn += m[c][k];
      }
    }
    return tp == 0 ? 0.0 : 2.0 * tp / (2.0 * tp + fp + fn);
  }
  double accuracy() const {
    long right = 0, all = 0;
    for (std::size_t g = 0; g < m.size(); ++g) {
      for (std::size_t p = 0; p < m.size(); ++p) {
        all += m[g][p];
        right += g == p ? m[g][p] : 0;
      }
    }
    return all == 0 ? 0.0 : static_cast<double>(right) / static_cast<double>(all);
  }
};

// The official FNC-1 scorer: +0.25 for related/unrelated right, +0.75 more for the exact label
// of a related pair (agree/disagree/discuss).
double fnc_score(const Confusion& c) {
  double score = 0.0, best = 0.0;
  for (std::size_t g = 0; g < 4; ++g) {
    for (std::size_t p = 0; p < 4; ++p) {
      const double n = static_cast<double>(c.m[g][p]);
      const bool g_rel = g != 3, p_rel = p != 3;
      if (g_rel == p_rel) {
        score += 0.25 * n;
      }
      if (g_rel && g == p) {
        score += 0.75 * n;
      }
      best += (g_rel ? 1.0 : 0.25) * n;
    }
  }
  return 100.0 * score / best;
}

void print_confusion(const Confusion& c, const std::vector<std::string>& names) {
  std::printf("  gold \\ predicted");
  for (const auto& n : names) {
    std::printf(" %10s", n.c_str());
  }
  std::printf("\n");
  for (std::size_t g = 0; g < names.size(); ++g) {
    std::printf("  %-17s", names[g].c_str());
    for (std::size_t p = 0; p < names.size(); ++p) {
      std::printf(" %10ld", c.m[g][p]);
    }
    std::printf("\n");
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string data = "../shared/data/stance";
  int folds = 5;
  bool by_claim_only = false;  // the previous fold design: bodies may sit on both sides
  hw::tools::StanceTrainingOptions options;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string arg = argv[i];
    const std::string value = argv[i + 1];
    if (arg == "--data") {
      data = value;
    } else if (arg == "--folds") {
      folds = std::stoi(value);
    } else if (arg == "--design") {
      by_claim_only = value == "claim";
    } else if (arg == "--learner") {
      options.learner = value == "logistic" ? hw::tools::Learner::logistic
                                            : hw::tools::Learner::boosted;
    } else if (arg == "--words") {
      options.words = value == "1";
    } else if (arg == "--rounds") {
      options.stance_trees.rounds = std::stoi(value);
    } else if (arg == "--depth") {
      options.stance_trees.max_depth = std::stoi(value);
    } else if (arg == "--eta") {
      options.stance_trees.eta = std::stod(value);
    } else if (arg == "--balance") {
      options.balance = std::stod(value);
    } else if (arg == "--epochs") {
      options.stance.epochs = std::stoi(value);
    } else if (arg == "--related-epochs") {
      options.related.epochs = std::stoi(value);
    } else if (arg == "--hash-bits") {
      options.hash_bits = static_cast<unsigned>(std::stoi(value));
    } else if (arg == "--l2") {
      options.stance.l2 = std::stod(value);
    } else if (arg == "--lr") {
      options.stance.learning_rate = std::stod(value);
    } else if (arg == "--threshold") {
      options.related_threshold = std::stod(value);
    } else {
      std::cerr << "unknown option " << arg << "\n";
      return 2;
    }
  }
  try {
    const auto corpus = hw::tools::load_stance_corpus(data);
    Confusion fnc(4);
    Confusion emergent(3);       // stance given related (the Emergent paper's setting)
    Confusion emergent_full(4);  // the whole classify path, "unrelated" counted as wrong
    double seconds = 0.0;
    long pairs = 0;

    for (int fold = 0; fold < folds; ++fold) {
      auto split = hw::tools::disjoint_fold(corpus, fold, folds);
      if (by_claim_only) {
        split.train_fnc.clear();
        split.test_fnc.clear();
        for (std::size_t i = 0; i < corpus.fnc.size(); ++i) {
          (hw::tools::fold_of(std::to_string(corpus.fnc[i].group), folds) == fold
               ? split.test_fnc
               : split.train_fnc)
              .push_back(i);
        }
      }
      const auto& train_fnc = split.train_fnc;
      const auto& test_fnc = split.test_fnc;
      const auto& train_em = split.train_emergent;
      const auto& test_em = split.test_emergent;

      const auto fnc_model = hw::tools::train_stance_model(corpus, train_fnc, {}, options);
      hw::rules::StanceClassifier fnc_classifier(fnc_model);
      // Throughput: every pair from its raw strings (claim profiled, body analysed afresh),
      // as `hypewatch classify` does it, on this one thread.
      const auto start = std::chrono::steady_clock::now();
      for (const auto i : test_fnc) {
        const auto& pair = corpus.fnc[i];
        const auto claim = fnc_classifier.profile(pair.headline);
        const auto v = fnc_classifier.classify(claim, "", corpus.bodies[pair.body]);
        fnc.add(fnc_class(pair.label), fnc_class(v));
      }
      seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      pairs += static_cast<long>(test_fnc.size());

      const auto em_model = hw::tools::train_stance_model(corpus, {}, train_em, options);
      hw::rules::StanceClassifier em_classifier(em_model);
      const hw::rules::AnalyzedText empty;
      for (const auto i : test_em) {
        const auto& row = corpus.emergent[i];
        const auto claim = em_classifier.profile(row.claim);
        const auto title = em_classifier.pipeline().analyze(row.headline);
        auto v = em_classifier.classify(claim, row.headline, title, "", empty);
        emergent_full.add(fnc_class(row.label), fnc_class(v));
        // Stance given related: force the stance model even when relatedness said no.
        const auto f = em_classifier.extractor().extract(claim, title, empty);
        const auto p = em_model.stance_title.probabilities(f.stance);
        int best = 0;
        for (int c = 1; c < 3; ++c) {
          if (p[static_cast<std::size_t>(c)] > p[static_cast<std::size_t>(best)]) {
            best = c;
          }
        }
        emergent.add(fnc_class(row.label), best);
      }
      std::fprintf(stderr, "fold %d/%d done\n", fold + 1, folds);
    }

    std::printf("FNC-1 (train_stances.csv, %d-fold CV grouped by claim cluster, %zu pairs)\n",
                folds, corpus.fnc.size());
    print_confusion(fnc, {"agree", "disagree", "discuss", "unrelated"});
    std::printf("  FNC score: %.2f%%\n", fnc_score(fnc));
    double macro = 0.0;
    const char* names[] = {"agree", "disagree", "discuss", "unrelated"};
    for (std::size_t c = 0; c < 4; ++c) {
      std::printf("  F1 %-10s %.3f\n", names[c], fnc.f1(c));
      macro += fnc.f1(c);
    }
    std::printf("  macro-F1: %.3f\n", macro / 4.0);
    std::printf("  accuracy: %.3f\n", fnc.accuracy());
    std::printf("  throughput: %.0f pairs/s (one core, %ld pairs, from raw text)\n",
                static_cast<double>(pairs) / seconds, pairs);

    std::printf("\nEmergent (clean-train split, %d-fold CV grouped by claimId, %zu rows)\n", folds,
                corpus.emergent.size());
    print_confusion(emergent, {"for", "against", "observing"});
    std::printf("  accuracy (stance given related): %.3f\n", emergent.accuracy());
    const char* em_names[] = {"for", "against", "observing"};
    double em_macro = 0.0;
    for (std::size_t c = 0; c < 3; ++c) {
      std::printf("  F1 %-10s %.3f\n", em_names[c], emergent.f1(c));
      em_macro += emergent.f1(c);
    }
    std::printf("  macro-F1: %.3f\n", em_macro / 3.0);
    long judged_unrelated = 0;
    for (std::size_t g = 0; g < 3; ++g) {
      judged_unrelated += emergent_full.m[g][3];
    }
    std::printf("  full classify path: accuracy %.3f, %ld of %zu judged unrelated\n",
                emergent_full.accuracy(), judged_unrelated, corpus.emergent.size());
    return 0;
  } catch (const hw::Failure& e) {
    std::cerr << "hw_bench_stance: " << e.what() << "\n";
    return 1;
  }
}
