// The stance model's boosted trees: trained through XGBoost, walked by hypewatch itself. The walk
// must give XGBoost's own probabilities (a model is only worth what was measured with it), the
// trainer must be deterministic (the committed model file is rebuilt and diffed), and a model
// file that is damaged must be refused with its line.
#include <xgboost/c_api.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <random>

#include "rules/stance_classifier.h"
#include "rules/stance_model.h"
#include "tools/boosted_trainer.h"
#include "util/error.h"

namespace {

using hw::rules::Feature;
using hw::tools::Sample;

// Three classes decided by two of six features, with noise and holes: some features absent
// (missing, the tree's default branch) and some explicitly zero.
std::vector<Sample> synthetic(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<float> u(0.0F, 1.0F);
  std::vector<Sample> out;
  for (std::size_t i = 0; i < n; ++i) {
    Sample s;
    float x0 = u(rng);
    float x1 = u(rng);
    s.features.push_back({0, x0});
    if (i % 5 != 0) {
      s.features.push_back({1, x1});
    } else {
      x1 = 0.5F;
    }
    for (std::uint32_t k = 2; k < 6; ++k) {
      if ((i + k) % 3 != 0) {
        s.features.push_back({k, k == 4 ? 0.0F : u(rng)});
      }
    }
    s.label = x0 + 0.3F * u(rng) > 0.8F ? 0 : (x1 > 0.5F ? 1 : 2);
    s.weight = s.label == 1 ? 2.0F : 1.0F;
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<float> xgboost_predict(const hw::rules::BoostedTrees& trees,
                                   const std::vector<Sample>& rows) {
  BoosterHandle booster = nullptr;
  REQUIRE(XGBoosterCreate(nullptr, 0, &booster) == 0);
  REQUIRE(XGBoosterLoadModelFromBuffer(booster, trees.json().data(), trees.json().size()) == 0);
  std::vector<std::size_t> indptr{0};
  std::vector<unsigned> indices;
  std::vector<float> values;
  for (const auto& r : rows) {
    for (const auto& f : r.features) {
      indices.push_back(f.index);
      values.push_back(f.value);
    }
    indptr.push_back(indices.size());
  }
  DMatrixHandle matrix = nullptr;
  REQUIRE(XGDMatrixCreateFromCSREx(indptr.data(), indices.data(), values.data(), indptr.size(),
                                   values.size(), trees.dimension(), &matrix) == 0);
  bst_ulong length = 0;
  const float* result = nullptr;
  REQUIRE(XGBoosterPredict(booster, matrix, 0, 0, 0, &length, &result) == 0);
  std::vector<float> out(result, result + length);
  XGDMatrixFree(matrix);
  XGBoosterFree(booster);
  return out;
}

hw::tools::BoostOptions small_options() {
  hw::tools::BoostOptions o;
  o.rounds = 30;
  o.max_depth = 4;
  return o;
}

}  // namespace

TEST_CASE("hypewatch's tree walk gives XGBoost's own probabilities, missing features included") {
  const auto trees = hw::tools::train_boosted(synthetic(2000, 1), 3, 6, small_options());
  REQUIRE(trees.trees() == 30 * 3);
  const auto rows = synthetic(500, 2);
  const auto expected = xgboost_predict(trees, rows);
  REQUIRE(expected.size() == rows.size() * 3);
  double worst = 0.0;
  std::size_t right = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto p = trees.probabilities(rows[i].features);
    REQUIRE(p.size() == 3);
    std::size_t best = 0;
    for (std::size_t c = 0; c < 3; ++c) {
      worst = std::max(worst, std::fabs(p[c] - static_cast<double>(expected[i * 3 + c])));
      best = p[c] > p[best] ? c : best;
    }
    right += static_cast<int>(best) == rows[i].label ? 1 : 0;
  }
  CHECK(worst < 1e-5);
  // And the trees learned the rule (not a constant model that would agree trivially).
  CHECK(right > rows.size() * 8 / 10);
}

TEST_CASE("the same samples, options and seed give the same model, byte for byte") {
  const auto a = hw::tools::train_boosted(synthetic(1000, 3), 3, 6, small_options());
  const auto b = hw::tools::train_boosted(synthetic(1000, 3), 3, 6, small_options());
  CHECK(a.json() == b.json());
  auto other_seed = small_options();
  other_seed.seed += 1;
  const auto c = hw::tools::train_boosted(synthetic(1000, 3), 3, 6, other_seed);
  CHECK(a.json() != c.json());
}

TEST_CASE("a model file with boosted trees reads back to the same bytes, and damage is refused") {
  const auto& shipped = hw::rules::builtin_stance_model();
  REQUIRE(shipped.stance_body.trees() != nullptr);
  REQUIRE(shipped.stance_title.trees() != nullptr);
  REQUIRE(shipped.related.trees() != nullptr);
  const std::string text = hw::rules::serialize_stance_model(shipped);
  const auto again = hw::rules::parse_stance_model(text, "copy.txt");
  CHECK(hw::rules::serialize_stance_model(again) == text);

  // A child index pointing outside its tree would walk off the node array.
  std::string damaged = text;
  const auto at = damaged.find("\"left_children\":[");
  REQUIRE(at != std::string::npos);
  damaged.insert(at + 17, "99999");
  // The error names the line of the head holding the tree ("xgboost related …").
  const auto head = text.rfind("\nxgboost ", at);
  REQUIRE(head != std::string::npos);
  const auto line = 2 + std::count(text.begin(), text.begin() + static_cast<long>(head), '\n');
  try {
    (void)hw::rules::parse_stance_model(damaged, "damaged.txt");
    FAIL("a damaged model was accepted");
  } catch (const hw::ConfigError& e) {
    const std::string message = e.what();
    CHECK(message.find("damaged.txt:" + std::to_string(line) + ": boosted trees") == 0);
  }
}

TEST_CASE("the shipped model reads a denial in a headline as refuting and a report as supporting") {
  hw::rules::StanceClassifier classifier;
  const auto claim = classifier.profile("Banksy was arrested in London.");
  const hw::rules::AnalyzedText empty;
  const std::string denial = "Banksy was not arrested: the arrest story is a hoax";
  const auto d =
      classifier.judge_stance(claim, denial, classifier.pipeline().analyze(denial), "", empty);
  CHECK((d.stance == hw::Stance::refutes || d.stance == hw::Stance::clarifies));
  const std::string report = "Banksy arrested in London, police say";
  const auto r =
      classifier.judge_stance(claim, report, classifier.pipeline().analyze(report), "", empty);
  CHECK((r.stance == hw::Stance::supports || r.stance == hw::Stance::confirms));
}

TEST_CASE("a model trained on another feature layout is refused, naming the line") {
  const std::string text = hw::rules::serialize_stance_model(hw::rules::builtin_stance_model());
  const auto at = text.find("dense_features ");
  REQUIRE(at != std::string::npos);
  const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(at), '\n');
  std::string other = text;
  other.replace(at, text.find('\n', at) - at, "dense_features 35");
  try {
    (void)hw::rules::parse_stance_model(other, "old.txt");
    FAIL("a model with another feature layout was accepted");
  } catch (const hw::ConfigError& e) {
    CHECK(std::string(e.what()).find("old.txt:" + std::to_string(line) +
                                     ": the model was trained with 35 dense features") == 0);
  }
  std::string version1 = text;
  version1.replace(version1.find("hypewatch-stance-model 3"), 24, "hypewatch-stance-model 2");
  CHECK_THROWS_WITH(hw::rules::parse_stance_model(version1, "v1.txt"),
                    Catch::Contains("another feature layout"));
}

TEST_CASE("a model names which body words it learned from; anything else is refused") {
  const std::string text = hw::rules::serialize_stance_model(hw::rules::builtin_stance_model());
  CHECK(text.find("\nbody_words cues\n") != std::string::npos);
  std::string other = text;
  other.replace(other.find("body_words cues"), 15, "body_words all");
  CHECK_THROWS_WITH(hw::rules::parse_stance_model(other, "m.txt"),
                    Catch::Contains("body_words must be 'focus' or 'cues', not 'all'"));
}

TEST_CASE("the body model sees which denial word a body uses, never the body's topic") {
  auto model = hw::rules::builtin_stance_model();
  model.body_words = hw::rules::BodyWords::cues;
  hw::rules::StanceClassifier classifier(model);
  const auto claim = classifier.profile("A spider burrowed into a man's scar");
  const hw::rules::AnalyzedText empty;
  const auto features = [&](const std::string& body) {
    auto f = classifier.extractor().extract(claim, empty, classifier.pipeline().analyze(body));
    return f.stance;
  };
  const auto hashed = [](const std::vector<hw::rules::Feature>& v) {
    std::vector<std::pair<std::uint32_t, float>> out;
    for (const auto& f : v) {
      if (f.index >= hw::rules::kDenseFeatures) {
        out.emplace_back(f.index, f.value);
      }
    }
    return out;
  };
  // Same sentences, another topic word: the same hashed features.
  const auto a = hashed(features("The spider story went viral. Experts say it is a hoax."));
  const auto b = hashed(features("The spider story went viral. Doctors say it is a hoax."));
  CHECK_FALSE(a.empty());
  CHECK(a == b);
  // Another denial word: other hashed features.
  const auto c = hashed(features("The spider story went viral. Experts say it is fake."));
  CHECK(a != c);
  // The previous layout hashes every word of the claim's sentences, topics included.
  model.body_words = hw::rules::BodyWords::focus;
  hw::rules::StanceClassifier focus(model);
  const auto claim_f = focus.profile("A spider burrowed into a man's scar");
  const auto d = focus.extractor().extract(
      claim_f, empty, focus.pipeline().analyze("Experts say the spider burrowed into his scar."));
  const auto e = focus.extractor().extract(
      claim_f, empty, focus.pipeline().analyze("Doctors say the spider burrowed into his scar."));
  CHECK(hashed(d.stance) != hashed(e.stance));
}
