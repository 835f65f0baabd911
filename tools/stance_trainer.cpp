#include "tools/stance_trainer.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <unordered_map>

#include "rules/stance_classifier.h"

namespace hw::tools {
namespace {

using rules::AnalyzedText;
using rules::kNoTerm;

// Document frequency of every term over `documents`; idf = ln((N + 1) / (df + 1)) + 1.
// Terms seen once are left to default_idf (that is what a never-seen word gets too).
void fill_idf(rules::TextPipeline& pipeline, const std::vector<const std::string*>& documents,
              rules::StanceModel& model) {
  std::unordered_map<std::string, int> df;
  for (const auto* doc : documents) {
    const AnalyzedText text = pipeline.analyze(*doc);
    std::set<std::string> seen;
    for (std::size_t i = 0; i < text.tokens.size(); ++i) {
      if (text.terms[i] == kNoTerm) {
        continue;
      }
      const std::string& word = text.tokens[i].text;
      // Acronyms are kept as the folded word; everything else is stemmed.
      std::string stem = pipeline.stem_of(word);
      if (rules::term_id_of(stem) != text.terms[i]) {
        stem = word;
      }
      seen.insert(std::move(stem));
    }
    for (const auto& s : seen) {
      ++df[s];
    }
  }
  const double n = static_cast<double>(documents.size());
  std::map<std::string, float> sorted;  // sorted: the model file diffs cleanly
  for (const auto& [stem, count] : df) {
    if (count >= 2) {
      sorted[stem] = static_cast<float>(std::log((n + 1.0) / (count + 1.0)) + 1.0);
    }
  }
  model.idf.assign(sorted.begin(), sorted.end());
  model.default_idf = static_cast<float>(std::log((n + 1.0) / 2.0) + 1.0);
}

// The previous model's feature set: without the features aimed at disagreement (their weights
// stay zero, so the classifier's extractor can still compute them).
std::vector<rules::Feature> feature_set(std::vector<rules::Feature> features, bool disagreement) {
  if (!disagreement) {
    std::erase_if(features, [](const rules::Feature& f) {
      return f.index >= rules::feature::refute_claim_sentence &&
             f.index < rules::feature::stance_count;
    });
  }
  return features;
}

void weigh_classes(std::vector<Sample>& samples, std::size_t classes, double balance) {
  std::vector<double> count(classes, 0.0);
  for (const auto& s : samples) {
    count[static_cast<std::size_t>(s.label)] += 1.0;
  }
  const double top = *std::ranges::max_element(count);
  for (auto& s : samples) {
    const double c = count[static_cast<std::size_t>(s.label)];
    s.weight = static_cast<float>(std::pow(top / std::max(c, 1.0), balance));
  }
}

}  // namespace

StanceTrainingOptions previous_model_options() {
  StanceTrainingOptions o;
  o.learner = Learner::logistic;
  o.disagreement_features = false;
  o.hash_bits = 12;
  o.balance = 0.5;
  o.body_word_kind = rules::BodyWords::focus;
  return o;
}

rules::StanceModel train_stance_model(const StanceCorpus& corpus,
                                      const std::vector<std::size_t>& fnc,
                                      const std::vector<std::size_t>& emergent,
                                      const StanceTrainingOptions& options) {
  rules::StanceModel model;
  model.header = options.header;
  model.hash_bits = options.hash_bits;
  model.body_words = options.body_word_kind;
  model.related_threshold = options.related_threshold;

  // idf from the training documents only.
  std::vector<const std::string*> documents;
  {
    std::set<std::size_t> bodies;
    std::set<const std::string*> seen_text;
    std::set<std::string> headlines;
    for (const auto i : fnc) {
      bodies.insert(corpus.fnc[i].body);
      if (headlines.insert(corpus.fnc[i].headline).second) {
        documents.push_back(&corpus.fnc[i].headline);
      }
    }
    for (const auto b : bodies) {
      documents.push_back(&corpus.bodies[b]);
    }
    std::set<std::string> claims;
    for (const auto i : emergent) {
      if (claims.insert(corpus.emergent[i].claim).second) {
        documents.push_back(&corpus.emergent[i].claim);
      }
      if (headlines.insert(corpus.emergent[i].headline).second) {
        documents.push_back(&corpus.emergent[i].headline);
      }
    }
  }
  rules::TextPipeline idf_pipeline;
  fill_idf(idf_pipeline, documents, model);

  const std::size_t dimension = rules::kDenseFeatures + (1U << options.hash_bits);
  rules::StanceClassifier classifier(model);
  auto& pipeline = classifier.pipeline();
  const auto& extractor = classifier.extractor();
  const AnalyzedText empty;

  std::vector<Sample> related;
  std::vector<Sample> stance_body;
  std::vector<Sample> stance_title;

  std::vector<std::unique_ptr<AnalyzedText>> body_cache(corpus.bodies.size());
  for (const auto i : fnc) {
    const auto& pair = corpus.fnc[i];
    if (!body_cache[pair.body]) {
      body_cache[pair.body] =
          std::make_unique<AnalyzedText>(pipeline.analyze(corpus.bodies[pair.body]));
    }
    const auto claim = classifier.profile(pair.headline);
    auto f = extractor.extract(claim, empty, *body_cache[pair.body]);
    related.push_back({f.related, pair.label == Label::unrelated ? 0 : 1, 1.0F});
    if (pair.label != Label::unrelated) {
      stance_body.push_back({feature_set(std::move(f.stance), options.disagreement_features),
                             static_cast<int>(pair.label), 1.0F});
    }
  }

  // Emergent: headlines alone. Each headline is also paired with the claims of two other
  // (deterministically chosen) groups as unrelated examples, so that relatedness is learned
  // for title-only stories too.
  std::vector<std::size_t> claims_by_group;
  std::map<int, std::size_t> first_of_group;
  for (const auto i : emergent) {
    first_of_group.emplace(corpus.emergent[i].group, i);
  }
  for (const auto& [group, row] : first_of_group) {
    claims_by_group.push_back(row);
  }
  std::mt19937_64 rng(options.seed);
  for (const auto i : emergent) {
    const auto& row = corpus.emergent[i];
    const AnalyzedText title = pipeline.analyze(row.headline);
    auto f = extractor.extract(classifier.profile(row.claim), title, empty);
    related.push_back({f.related, 1, 1.0F});
    stance_title.push_back({feature_set(std::move(f.stance), options.disagreement_features),
                            static_cast<int>(row.label), 1.0F});
    for (int k = 0; k < 2 && claims_by_group.size() > 1; ++k) {
      const auto& other = corpus.emergent[claims_by_group[rng() % claims_by_group.size()]];
      if (other.group == row.group) {
        continue;
      }
      related.push_back(
          {extractor.extract(classifier.profile(other.claim), title, empty).related, 0, 1.0F});
    }
  }

  weigh_classes(stance_body, rules::kStanceClasses, options.balance);
  weigh_classes(stance_title, rules::kStanceClasses, options.balance);

  if (options.learner == Learner::boosted) {
    // Without words the trees see only the dense features (the layout keeps its width, so
    // the extractor's indices stay valid).
    auto related_trees = options.related_trees;
    related_trees.seed = options.seed;
    auto stance_trees = options.stance_trees;
    stance_trees.seed = options.seed + 1;
    if (!related.empty()) {
      model.related = train_boosted(related, 2, rules::kDenseFeatures, related_trees);
    }
    if (!stance_body.empty()) {
      model.stance_body =
          train_boosted(stance_body, rules::kStanceClasses,
                        options.body_words ? dimension : rules::kDenseFeatures, stance_trees);
    }
    auto title_trees = options.title_trees;
    title_trees.seed = options.seed + 2;
    if (!stance_title.empty()) {
      model.stance_title =
          train_boosted(stance_title, rules::kStanceClasses,
                        options.title_words ? dimension : rules::kDenseFeatures, title_trees);
    }
    if (related.empty()) {
      model.related = rules::LinearModel(2, dimension);
    }
    if (stance_body.empty()) {
      model.stance_body = rules::LinearModel(rules::kStanceClasses, dimension);
    }
    if (stance_title.empty()) {
      model.stance_title = rules::LinearModel(rules::kStanceClasses, dimension);
    }
    return model;
  }

  auto related_options = options.related;
  related_options.seed = options.seed;
  auto stance_options = options.stance;
  stance_options.seed = options.seed + 1;
  rules::LinearModel related_model =
      related.empty() ? rules::LinearModel(2, dimension)
                      : train_logistic(related, 2, rules::kDenseFeatures, related_options);
  // The related model uses only the dense relatedness features; widen it to the common layout.
  if (related_model.dimension() != dimension) {
    rules::LinearModel wide(2, dimension);
    for (std::size_t c = 0; c < 2; ++c) {
      for (std::size_t i = 0; i < related_model.dimension(); ++i) {
        wide.weight(c, i) = related_model.weight(c, i);
      }
    }
    related_model = std::move(wide);
  }
  model.related = std::move(related_model);
  model.stance_body = stance_body.empty() ? rules::LinearModel(rules::kStanceClasses, dimension)
                                          : train_logistic(stance_body, rules::kStanceClasses,
                                                           dimension, stance_options);
  stance_options.seed = options.seed + 2;
  model.stance_title = stance_title.empty() ? rules::LinearModel(rules::kStanceClasses, dimension)
                                            : train_logistic(stance_title, rules::kStanceClasses,
                                                             dimension, stance_options);
  return model;
}

}  // namespace hw::tools
