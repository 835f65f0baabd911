// hw_bench_stance: evaluates the stance model on the development data, the new learner beside
// the previous one, in one run, on the same folds.
//   hw_bench_stance --data ../shared/data/stance [--folds 5] [--design disjoint|claim] ...
// Folds (docs/stance.md, bench/README.md): by default no claim cluster and no body is on both
// sides (FNC-1 pairs are tested when their headline's and their body's cluster fall in the
// fold, trained on when neither does; Emergent rows by claimId), as the FNC-1 competition test
// set has new headlines and new bodies. `--design claim` is the previous design (folds by the
// headline's cluster only: an unrelated pair's body may have been trained on). FNC-1 folds
// train on FNC-1 only, Emergent folds on Emergent only: the two datasets share articles.
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
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
  explicit Confusion(std::size_t n) : m(n, std::vector<double>(n, 0.0)) {}
  std::vector<std::vector<double>> m;  // [gold][predicted], weighted counts
  void add(int gold, int predicted, double weight = 1.0) {
    m[static_cast<std::size_t>(gold)][static_cast<std::size_t>(predicted)] += weight;
  }
  double f1(std::size_t c) const {
    double tp = m[c][c], fp = 0, fn = 0;
    for (std::size_t k = 0; k < m.size(); ++k) {
      if (k != c) {
        fp += m[k][c];
        fn += m[c][k];
      }
    }
    return tp == 0 ? 0.0 : 2.0 * tp / (2.0 * tp + fp + fn);
  }
  double accuracy() const {
    double right = 0, all = 0;
    for (std::size_t g = 0; g < m.size(); ++g) {
      for (std::size_t p = 0; p < m.size(); ++p) {
        all += m[g][p];
        right += g == p ? m[g][p] : 0;
      }
    }
    return all == 0 ? 0.0 : right / all;
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
      std::printf(" %10.0f", c.m[g][p]);
    }
    std::printf("\n");
  }
}

// Reliability of a probability: predictions binned by the probability given, against how often
// they were right.
struct Reliability {
  std::array<double, 10> n{}, said{}, right{};
  void add(double p, bool correct, double weight = 1.0) {
    const auto bin = static_cast<std::size_t>(std::clamp(p, 0.0, 0.9999) * 10.0);
    n[bin] += weight;
    said[bin] += p * weight;
    right[bin] += correct ? weight : 0.0;
  }
  double ece() const {  // expected calibration error
    double total = 0.0, err = 0.0;
    for (std::size_t b = 0; b < n.size(); ++b) {
      total += n[b];
      err += n[b] == 0.0 ? 0.0 : std::fabs(said[b] - right[b]);
    }
    return total == 0.0 ? 0.0 : err / total;
  }
};

struct Results {
  Confusion fnc{4};
  Confusion emergent{3};       // stance given related (the Emergent paper's setting)
  Confusion emergent_full{4};  // the whole classify path, "unrelated" counted as wrong
  Reliability fnc_score;       // `score` of classify on FNC-1 pairs (weighted as fnc)
  Reliability emergent_score;  // P(stance) of the headline model, stance given related
  double seconds = 0.0;
  long pairs = 0;
};

// --dump FILE: one line per tested FNC-1 pair (fold, gold class, P(related), the body model's
// agree/disagree/discuss probabilities, weight), for studying decision rules offline.
std::FILE* g_dump = nullptr;

int argmax(const std::vector<double>& p) {
  return static_cast<int>(std::ranges::max_element(p) - p.begin());
}

Results evaluate(const hw::tools::StanceCorpus& corpus,
                 const std::vector<hw::tools::DisjointFold>& splits, double unrelated_weight,
                 const hw::tools::StanceTrainingOptions& options) {
  Results r;
  const hw::rules::AnalyzedText empty;
  for (std::size_t fold = 0; fold < splits.size(); ++fold) {
    const auto& split = splits[fold];
    if (!split.test_fnc.empty()) {  // empty with --skip-fnc
      const auto fnc_model = hw::tools::train_stance_model(corpus, split.train_fnc, {}, options);
      hw::rules::StanceClassifier fnc_classifier(fnc_model);
      // Throughput: every pair from its raw strings (claim profiled, body analysed afresh) on this
      // one thread; `hypewatch classify` end to end is measured by bench/classify_throughput.py.
      const auto start = std::chrono::steady_clock::now();
      for (const auto i : split.test_fnc) {
        const auto& pair = corpus.fnc[i];
        const auto claim = fnc_classifier.profile(pair.headline);
        const auto v = fnc_classifier.classify(claim, "", corpus.bodies[pair.body]);
        const int gold = fnc_class(pair.label);
        const double w = gold == 3 ? unrelated_weight : 1.0;
        r.fnc.add(gold, fnc_class(v), w);
        if (g_dump != nullptr) {
          const auto body = fnc_classifier.pipeline().analyze(corpus.bodies[pair.body]);
          const auto f = fnc_classifier.extractor().extract(claim, empty, body);
          const auto p = fnc_model.stance_body.probabilities(f.stance);
          std::fprintf(g_dump, "%zu\t%d\t%.5f\t%.5f\t%.5f\t%.5f\t%.3f\t%zu\n", fold, gold,
                       v.related_probability, p[0], p[1], p[2], w, i);
        }
        // `score` is P(related) x P(stance) for a related verdict and P(related) for an
        // unrelated one: the probability that the verdict is right is score or 1 - score.
        r.fnc_score.add(v.related ? v.score : 1.0 - v.score, gold == fnc_class(v), w);
      }
      r.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      r.pairs += static_cast<long>(split.test_fnc.size());
    }

    const auto em_model = hw::tools::train_stance_model(corpus, {}, split.train_emergent, options);
    hw::rules::StanceClassifier em_classifier(em_model);
    for (const auto i : split.test_emergent) {
      const auto& row = corpus.emergent[i];
      const auto claim = em_classifier.profile(row.claim);
      const auto title = em_classifier.pipeline().analyze(row.headline);
      const auto v = em_classifier.classify(claim, row.headline, title, "", empty);
      r.emergent_full.add(fnc_class(row.label), fnc_class(v));
      // Stance given related: the headline model even where relatedness said no.
      const auto f = em_classifier.extractor().extract(claim, title, empty);
      const auto p = em_model.stance_title.probabilities(f.stance);
      const int best = argmax(p);
      r.emergent.add(fnc_class(row.label), best);
      r.emergent_score.add(p[static_cast<std::size_t>(best)], best == fnc_class(row.label));
    }
    std::fprintf(stderr, "fold %zu/%zu done\n", fold + 1, splits.size());
  }
  return r;
}

double macro_f1(const Confusion& c) {
  double sum = 0.0;
  for (std::size_t k = 0; k < c.m.size(); ++k) {
    sum += c.f1(k);
  }
  return sum / static_cast<double>(c.m.size());
}

void row(const char* name, double before, double now, const char* format) {
  char a[32], b[32];
  std::snprintf(a, sizeof a, format, before);
  std::snprintf(b, sizeof b, format, now);
  std::printf("  %-44s %12s %12s\n", name, a, b);
}

void print_reliability(const char* name, const Reliability& r) {
  std::printf("  %s (bins of the probability given; ECE %.3f)\n", name, r.ece());
  std::printf("    %-9s %9s %9s %9s\n", "bin", "n", "said", "right");
  for (std::size_t b = 0; b < r.n.size(); ++b) {
    if (r.n[b] == 0.0) {
      continue;
    }
    std::printf("    %.1f-%.1f %9.0f %9.3f %9.3f\n", static_cast<double>(b) / 10.0,
                static_cast<double>(b + 1) / 10.0, r.n[b], r.said[b] / r.n[b], r.right[b] / r.n[b]);
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string data = "../shared/data/stance";
  int folds = 5;
  bool by_claim_only = false;
  bool compare = true;
  bool skip_fnc = false;  // for quick sweeps of the headline model
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
    } else if (arg == "--compare") {
      compare = value == "1";
    } else if (arg == "--learner") {
      options.learner =
          value == "logistic" ? hw::tools::Learner::logistic : hw::tools::Learner::boosted;
    } else if (arg == "--title-words") {
      options.title_words = value == "1";
    } else if (arg == "--body-words") {
      options.body_words = value == "1";
    } else if (arg == "--rounds") {
      options.stance_trees.rounds = std::stoi(value);
    } else if (arg == "--depth") {
      options.stance_trees.max_depth = std::stoi(value);
    } else if (arg == "--eta") {
      options.stance_trees.eta = std::stod(value);
    } else if (arg == "--title-rounds") {
      options.title_trees.rounds = std::stoi(value);
    } else if (arg == "--title-depth") {
      options.title_trees.max_depth = std::stoi(value);
    } else if (arg == "--title-eta") {
      options.title_trees.eta = std::stod(value);
    } else if (arg == "--skip-fnc") {
      skip_fnc = value == "1";
    } else if (arg == "--min-child") {
      options.stance_trees.min_child_weight = std::stod(value);
    } else if (arg == "--balance") {
      options.balance = std::stod(value);
    } else if (arg == "--hash-bits") {
      options.hash_bits = static_cast<unsigned>(std::stoi(value));
    } else if (arg == "--dump") {
      g_dump = std::fopen(value.c_str(), "w");
    } else if (arg == "--threshold") {
      options.related_threshold = std::stod(value);
    } else {
      std::cerr << "unknown option " << arg << "\n";
      return 2;
    }
  }
  try {
    const auto corpus = hw::tools::load_stance_corpus(data);
    std::vector<hw::tools::DisjointFold> splits;
    for (int fold = 0; fold < folds; ++fold) {
      auto split = hw::tools::disjoint_fold(corpus, fold, folds);
      if (by_claim_only) {
        split.train_fnc.clear();
        split.test_fnc.clear();
        for (std::size_t i = 0; i < corpus.fnc.size(); ++i) {
          (hw::tools::fold_of(std::to_string(corpus.fnc[i].group), folds) == fold ? split.test_fnc
                                                                                  : split.train_fnc)
              .push_back(i);
        }
      }
      if (skip_fnc) {
        split.train_fnc.clear();
        split.test_fnc.clear();
      }
      splits.push_back(std::move(split));
    }
    // Disjoint folds test only the unrelated pairs whose headline and body share a fold (about
    // 1 in `folds`): their weight restores the development set's share of unrelated pairs (73 %,
    // the competition test set's is 72 %), so that the FNC score is comparable across designs.
    double unrelated_total = 0.0, unrelated_tested = 0.0;
    for (const auto& pair : corpus.fnc) {
      unrelated_total += pair.label == Label::unrelated ? 1.0 : 0.0;
    }
    for (const auto& split : splits) {
      for (const auto i : split.test_fnc) {
        unrelated_tested += corpus.fnc[i].label == Label::unrelated ? 1.0 : 0.0;
      }
    }
    const double unrelated_weight =
        unrelated_tested == 0.0 ? 1.0 : unrelated_total / unrelated_tested;

    // The previous model: logistic regressions with the options it was committed with.
    const auto previous = hw::tools::previous_model_options();
    const Results before =
        compare ? evaluate(corpus, splits, unrelated_weight, previous) : Results{};
    const Results now = evaluate(corpus, splits, unrelated_weight, options);

    std::printf("Folds: %d, %s; FNC-1 unrelated pairs weighted x%.2f (%.0f of %.0f tested)\n",
                folds,
                by_claim_only ? "by the headline's claim cluster (previous design)"
                              : "no claim cluster and no body on both sides",
                unrelated_weight, unrelated_tested, unrelated_total);
    std::printf("  %-44s %12s %12s\n", "measure", "previous", "new");
    row("FNC score", fnc_score(before.fnc), fnc_score(now.fnc), "%.2f%%");
    const char* names[] = {"agree", "disagree", "discuss", "unrelated"};
    for (std::size_t c = 0; c < 4; ++c) {
      row((std::string("FNC F1 ") + names[c]).c_str(), before.fnc.f1(c), now.fnc.f1(c), "%.3f");
    }
    row("FNC macro-F1", macro_f1(before.fnc), macro_f1(now.fnc), "%.3f");
    row("Emergent accuracy (stance given related)", 100.0 * before.emergent.accuracy(),
        100.0 * now.emergent.accuracy(), "%.1f%%");
    const char* em_names[] = {"for", "against", "observing"};
    for (std::size_t c = 0; c < 3; ++c) {
      row((std::string("Emergent F1 ") + em_names[c]).c_str(), before.emergent.f1(c),
          now.emergent.f1(c), "%.3f");
    }
    row("Emergent macro-F1", macro_f1(before.emergent), macro_f1(now.emergent), "%.3f");
    row("Emergent, whole classify path", 100.0 * before.emergent_full.accuracy(),
        100.0 * now.emergent_full.accuracy(), "%.1f%%");
    row("calibration error (ECE), FNC score", before.fnc_score.ece(), now.fnc_score.ece(), "%.3f");
    row("calibration error (ECE), Emergent", before.emergent_score.ece(), now.emergent_score.ece(),
        "%.3f");
    row("pairs/s in process (one core, raw text)",
        before.seconds > 0 ? static_cast<double>(before.pairs) / before.seconds : 0.0,
        static_cast<double>(now.pairs) / now.seconds, "%.0f");

    std::printf("\nNew model, FNC-1 confusion (weighted as above):\n");
    print_confusion(now.fnc, {"agree", "disagree", "discuss", "unrelated"});
    std::printf("New model, Emergent confusion (stance given related):\n");
    print_confusion(now.emergent, {"for", "against", "observing"});
    std::printf("\nNew model, reliability:\n");
    print_reliability("FNC-1 verdicts of classify (said: score, or 1 - score when unrelated)",
                      now.fnc_score);
    print_reliability("Emergent headline P(stance)", now.emergent_score);
    return 0;
  } catch (const hw::Failure& e) {
    std::cerr << "hw_bench_stance: " << e.what() << "\n";
    return 1;
  }
}
