// hw_bench_match_rumours: the statement matcher on the Emergent development rumours, without
// a database: one statement-only claim per rumour, every article headline (as a feed item
// whose description repeats it, or alone) matched against all the claims at once, in logged
// order. Prints own / wrong / none as the replay counts them, why the own claim was missed,
// and a sweep of the fit policy; `--show N` prints the first N misses and wrong matches (with
// the claim that took the story and why).
//   hw_bench_match_rumours --data ../shared/data/stance [--folds K] [--min-fit F] [--lead R]
//                          [--sweep 1] [--show N]
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "rules/matcher.h"
#include "tools/stance_corpus.h"

namespace {

struct Article {
  std::string claim;     // claim id as the replay writes it
  std::size_t fold = 0;  // of the full claimId, as bench/replay_folds.py cuts them
  std::string claim_key;  // the full claimId
  std::string headline;
  std::string logged;
};

struct Tally {
  int own = 0, wrong = 0, none = 0, total = 0;
  std::map<std::string, int> miss_reasons;

  void add(const Tally& o) {
    own += o.own;
    wrong += o.wrong;
    none += o.none;
    total += o.total;
    for (const auto& [why, n] : o.miss_reasons)
      miss_reasons[why] += n;
  }
};

// FNV-1a 64, the folds of hw_train_stance and bench/replay_folds.py.
std::size_t fold_of(const std::string& key, std::size_t folds) {
  std::uint64_t h = 1469598103934665603ULL;
  for (const unsigned char c : key) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return static_cast<std::size_t>(h % folds);
}

std::string reason_class(const std::string& why) {
  if (why.find("distinguishing") != std::string::npos)
    return "no distinguishing term";
  if (why.find("predicate") != std::string::npos)
    return "no predicate";
  if (why.find("below") != std::string::npos)
    return "fit below minimum";
  if (why.find("single shared word") != std::string::npos)
    return "a single shared word";
  if (why.find("not clearly ahead") != std::string::npos)
    return "not ahead of runner-up";
  return why;
}

Tally run_once(const std::vector<hw::Claim>& claims, const std::vector<Article>& articles,
               const hw::rules::FitPolicy& policy, int show, bool learn, std::FILE* dump) {
  hw::rules::Matcher matcher(claims, policy);
  Tally t;
  for (const auto& a : articles) {
    hw::Story story;
    story.title = a.headline;
    story.summary = a.headline;
    // The decisions as the matcher made them, before it learns from this story.
    const auto decisions = matcher.explain(story);
    if (dump != nullptr) {
      // One line per candidate: own claim, candidate, fit, runner-up, matched, why, headline.
      for (const auto& d : decisions) {
        std::fprintf(dump, "%s\t%s\t%.4f\t%.4f\t%d\t%s\t%s\n", a.claim.c_str(), d.claim_id.c_str(),
                     d.fit, d.runner_up, d.matched ? 1 : 0, d.why.c_str(), a.headline.c_str());
      }
      if (decisions.empty()) {
        std::fprintf(dump, "%s\t-\t0\t0\t0\tnone\t%s\n", a.claim.c_str(), a.headline.c_str());
      }
    }
    const auto matches = learn ? matcher.match_and_learn(story) : matcher.match(story);
    bool own = false;
    bool wrong = false;
    for (const auto& m : matches) {
      (m.claim_id == a.claim ? own : wrong) = true;
    }
    if (wrong && show > 0) {
      --show;
      for (const auto& m : matches) {
        if (m.claim_id != a.claim) {
          const auto it = std::ranges::find(claims, m.claim_id, &hw::Claim::id);
          std::printf("  wrong %s\n      went to %s \"%s\" (%s)\n", a.headline.c_str(),
                      m.claim_id.c_str(), it == claims.end() ? "?" : it->statement.c_str(),
                      m.rule.c_str());
        }
      }
    }
    ++t.total;
    t.own += own;
    t.wrong += wrong;
    t.none += matches.empty();
    if (!own) {
      const auto it =
          std::ranges::find(decisions, a.claim, &hw::rules::StatementDecision::claim_id);
      const std::string why = it == decisions.end() ? "not a candidate" : reason_class(it->why);
      ++t.miss_reasons[why];
      if (show-- > 0) {
        const auto own_claim = std::ranges::find(claims, a.claim, &hw::Claim::id);
        std::printf("  miss [%s] %s\n      claim \"%s\": %s\n", why.c_str(), a.headline.c_str(),
                    own_claim == claims.end() ? "?" : own_claim->statement.c_str(),
                    it == decisions.end() ? "-" : it->why.c_str());
        if (!decisions.empty()) {
          std::printf("      best: %s %s\n", decisions.front().claim_id.c_str(),
                      decisions.front().why.c_str());
        }
      }
    }
  }
  return t;
}

// With `folds` > 1 each fold's claims compete for that fold's articles alone (about the
// number of rumours a held-out set has), and the folds' counts are summed.
std::size_t g_folds = 1;

Tally run(const std::vector<hw::Claim>& claims, const std::vector<Article>& articles,
          const hw::rules::FitPolicy& policy, int show, bool learn, std::FILE* dump) {
  if (g_folds <= 1)
    return run_once(claims, articles, policy, show, learn, dump);
  std::map<std::string, std::size_t> fold_of_claim;
  for (const auto& a : articles)
    fold_of_claim[a.claim] = a.fold;
  Tally sum;
  for (std::size_t k = 0; k < g_folds; ++k) {
    std::vector<hw::Claim> fold_claims;
    for (const auto& c : claims)
      if (fold_of_claim[c.id] == k)
        fold_claims.push_back(c);
    std::vector<Article> fold_articles;
    for (const auto& a : articles)
      if (a.fold == k)
        fold_articles.push_back(a);
    sum.add(run_once(fold_claims, fold_articles, policy, show, learn, dump));
  }
  return sum;
}

// Precision on news about something else: each fold's claims are left out in turn while every
// article still arrives, so the left-out fold's articles are same-period stories that no
// claim is about (the claims learn their wording from their own stories as they go). Any
// match of one is a false match. Returns {matched, articles} over the five runs.
std::pair<int, int> run_unrelated(const std::vector<hw::Claim>& claims,
                                  const std::vector<Article>& articles,
                                  const hw::rules::FitPolicy& policy, int show) {
  constexpr std::size_t kFolds = 5;
  std::map<std::string, std::size_t> fold_of_claim;
  for (const auto& a : articles)
    fold_of_claim[a.claim] = fold_of(a.claim_key, kFolds);
  int matched = 0;
  int total = 0;
  for (std::size_t k = 0; k < kFolds; ++k) {
    std::vector<hw::Claim> kept;
    for (const auto& c : claims)
      if (fold_of_claim[c.id] != k)
        kept.push_back(c);
    hw::rules::Matcher matcher(kept, policy);
    for (const auto& a : articles) {
      hw::Story story;
      story.title = a.headline;
      story.summary = a.headline;
      const auto matches = matcher.match_and_learn(story);
      if (fold_of_claim[a.claim] != k)
        continue;
      ++total;
      if (!matches.empty()) {
        ++matched;
        if (show-- > 0) {
          const auto it = std::ranges::find(kept, matches[0].claim_id, &hw::Claim::id);
          std::printf("  unrelated %s\n      went to \"%s\" (%s)\n", a.headline.c_str(),
                      it == kept.end() ? "?" : it->statement.c_str(), matches[0].rule.c_str());
        }
      }
    }
  }
  return {matched, total};
}

void print(const char* label, const Tally& t) {
  std::printf("%-24s own %5.1f %%  wrong %4.1f %%  none %5.1f %%  (%d articles)\n", label,
              100.0 * t.own / t.total, 100.0 * t.wrong / t.total, 100.0 * t.none / t.total,
              t.total);
}

}  // namespace

int main(int argc, char** argv) {
  std::string data;
  hw::rules::FitPolicy policy;
  bool sweep = false;
  int show = 0;
  bool learn = false;
  bool unrelated = false;  // also measure false matches on stories no claim is about
  std::string dump;  // one line per candidate decision, for studying the contest offline
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string arg = argv[i];
    const std::string value = argv[i + 1];
    if (arg == "--data")
      data = value;
    else if (arg == "--min-fit")
      policy.min_fit = std::stod(value);
    else if (arg == "--lead")
      policy.min_lead_ratio = std::stod(value);
    else if (arg == "--sweep")
      sweep = value == "1";
    else if (arg == "--show")
      show = std::stoi(value);
    else if (arg == "--dump")
      dump = value;
    else if (arg == "--learn")
      learn = value == "1";
    else if (arg == "--unrelated")
      unrelated = value == "1";
    else if (arg == "--folds")
      g_folds = std::stoul(value);
    else if (arg == "--rumour-fit")
      policy.rumour_min_fit = std::stod(value);
    else if (arg == "--teach-fit")
      policy.teach_fit = std::stod(value);
    else if (arg == "--teach-lead")
      policy.teach_lead = std::stod(value);
    else if (arg == "--min-learned")
      policy.min_learned_cosine = std::stod(value);
    else if (arg == "--faint-learned")
      policy.faint_learned_cosine = std::stod(value);
    else if (arg == "--learned-weight")
      policy.learned_weight = std::stod(value);
    else {
      std::fprintf(stderr, "unknown option %s\n", arg.c_str());
      return 2;
    }
  }
  if (data.empty()) {
    std::fprintf(
        stderr,
        "usage: hw_bench_match_rumours --data DIR [--folds K] [--min-fit F] [--lead R] [--sweep 1] "
        "[--show N]\n");
    return 2;
  }
  const std::string meta = data + "/emergent/emergent_dev_meta.csv";
  std::ifstream in(meta, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "%s: cannot read\n", meta.c_str());
    return 1;
  }
  std::stringstream text;
  text << in.rdbuf();
  const auto rows = hw::tools::parse_csv(text.str(), meta);
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < rows.at(0).size(); ++i)
    col[rows[0][i]] = i;
  std::map<std::string, std::string> statements;
  std::vector<Article> articles;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    // The replay's claim ids: "c-" and the first eight characters of the claimId.
    const std::string id = "c-" + row.at(col.at("claimId")).substr(0, 8);
    statements[id] = row.at(col.at("claimHeadline"));
    const std::string& key = row.at(col.at("claimId"));
    articles.push_back({id, fold_of(key, std::max<std::size_t>(g_folds, 1)), key,
                        row.at(col.at("articleHeadline")), row.at(col.at("article_logged_utc"))});
  }
  std::ranges::stable_sort(articles, {}, &Article::logged);
  std::vector<hw::Claim> claims;
  for (const auto& [id, statement] : statements) {
    hw::Claim c;
    c.id = id;
    c.statement = statement;
    claims.push_back(c);
  }
  std::printf("%zu claims, %zu articles (description = headline)\n", claims.size(),
              articles.size());
  std::FILE* dump_file = dump.empty() ? nullptr : std::fopen(dump.c_str(), "w");
  const Tally t = run(claims, articles, policy, show, learn, dump_file);
  if (dump_file != nullptr) {
    std::fclose(dump_file);
  }
  print("policy", t);
  if (unrelated) {
    const auto [matched, total] = run_unrelated(claims, articles, policy, show);
    std::printf("unrelated stories matched: %d/%d = %.1f %% (each fold's claims left out in turn)\n",
                matched, total, 100.0 * matched / total);
  }
  for (const auto& [why, n] : t.miss_reasons) {
    std::printf("  own claim missed: %-28s %4d\n", why.c_str(), n);
  }
  if (sweep) {
    for (const double fit : {0.10, 0.15, 0.20}) {
      for (const double lead : {1.0, 1.2, 1.4, 1.7}) {
        char label[64];
        std::snprintf(label, sizeof label, "min_fit %.2f lead %.1f", fit, lead);
        auto p = policy;
        p.min_fit = fit;
        p.min_lead_ratio = lead;
        print(label, run(claims, articles, p, 0, learn, nullptr));
      }
    }
  }
  return 0;
}
