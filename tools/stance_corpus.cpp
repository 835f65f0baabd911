#include "tools/stance_corpus.h"

#include <cctype>
#include <fstream>
#include <map>
#include <numeric>
#include <set>
#include <sstream>

#include "util/error.h"
#include "util/hash.h"

namespace hw::tools {
namespace {

std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Failure(path.string() + ": cannot read");
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

Label fnc_label(const std::string& s, const std::string& where) {
  if (s == "unrelated") {
    return Label::unrelated;
  }
  if (s == "agree") {
    return Label::supports;
  }
  if (s == "disagree") {
    return Label::refutes;
  }
  if (s == "discuss") {
    return Label::mentions;
  }
  throw Failure(where + ": unknown stance '" + s + "'");
}

Label emergent_label(const std::string& s, const std::string& where) {
  if (s == "for") {
    return Label::supports;
  }
  if (s == "against") {
    return Label::refutes;
  }
  if (s == "observing") {
    return Label::mentions;
  }
  throw Failure(where + ": unknown stance '" + s + "'");
}

// Union-find over headlines and bodies: FNC-1 pairs every headline of an Emergent claim with
// every body of it, so the related pairs link one claim's headlines and bodies together. A
// split by these clusters never shows the evaluation a claim it was trained on.
struct UnionFind {
  std::vector<int> parent;
  int find(int x) {
    while (parent[static_cast<std::size_t>(x)] != x) {
      parent[static_cast<std::size_t>(x)] =
          parent[static_cast<std::size_t>(parent[static_cast<std::size_t>(x)])];
      x = parent[static_cast<std::size_t>(x)];
    }
    return x;
  }
  void join(int a, int b) {
    a = find(a);
    b = find(b);
    if (a != b) {
      parent[static_cast<std::size_t>(std::max(a, b))] = std::min(a, b);
    }
  }
};

}  // namespace

std::vector<std::vector<std::string>> parse_csv(const std::string& text, const std::string& name) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  bool field_started = false;
  std::size_t line = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        line += c == '\n' ? 1 : 0;
        field += c;
      }
      continue;
    }
    if (c == '"' && !field_started) {
      quoted = true;
      field_started = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
      field_started = false;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
        ++i;
      }
      ++line;
      row.push_back(std::move(field));
      field.clear();
      field_started = false;
      rows.push_back(std::move(row));
      row.clear();
    } else {
      field += c;
      field_started = true;
    }
  }
  if (quoted) {
    throw Failure(name + ":" + std::to_string(line) + ": unterminated quoted field");
  }
  if (field_started || !row.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

int fold_of(const std::string& group_key, int folds) {
  return static_cast<int>(fnv1a(group_key) % static_cast<std::uint64_t>(folds));
}

StanceCorpus load_stance_corpus(const std::filesystem::path& dir) {
  StanceCorpus corpus;
  const auto bodies_path = dir / "fnc1/train_bodies.csv";
  const auto stances_path = dir / "fnc1/train_stances.csv";
  const auto emergent_path = dir / "emergent/url-versions-2015-06-14-clean-train.csv";

  std::map<int, std::size_t> body_index;
  const auto bodies = parse_csv(read_all(bodies_path), bodies_path.string());
  for (std::size_t r = 1; r < bodies.size(); ++r) {
    if (bodies[r].size() != 2) {
      throw Failure(bodies_path.string() + ": row " + std::to_string(r + 1) + " has " +
                    std::to_string(bodies[r].size()) + " fields, expected 2");
    }
    body_index[std::stoi(bodies[r][0])] = corpus.bodies.size();
    corpus.bodies.push_back(bodies[r][1]);
  }

  const auto stances = parse_csv(read_all(stances_path), stances_path.string());
  std::map<std::string, int> headline_index;
  for (std::size_t r = 1; r < stances.size(); ++r) {
    const auto& row = stances[r];
    const std::string where = stances_path.string() + ": row " + std::to_string(r + 1);
    if (row.size() != 3) {
      throw Failure(where + ": expected 3 fields");
    }
    const auto body = body_index.find(std::stoi(row[1]));
    if (body == body_index.end()) {
      throw Failure(where + ": unknown Body ID " + row[1]);
    }
    corpus.fnc.push_back({row[0], body->second, fnc_label(row[2], where), 0});
    headline_index.emplace(row[0], static_cast<int>(headline_index.size()));
  }

  // Groups: node ids are headlines first, then bodies.
  const int headlines = static_cast<int>(headline_index.size());
  UnionFind uf;
  uf.parent.resize(static_cast<std::size_t>(headlines) + corpus.bodies.size());
  std::iota(uf.parent.begin(), uf.parent.end(), 0);
  for (const auto& pair : corpus.fnc) {
    if (pair.label != Label::unrelated) {
      uf.join(headline_index.at(pair.headline), headlines + static_cast<int>(pair.body));
    }
  }
  for (auto& pair : corpus.fnc) {
    pair.group = uf.find(headline_index.at(pair.headline));
    pair.body_group = uf.find(headlines + static_cast<int>(pair.body));
  }

  const auto emergent = parse_csv(read_all(emergent_path), emergent_path.string());
  std::map<std::string, int> claim_index;
  for (std::size_t r = 1; r < emergent.size(); ++r) {
    const auto& row = emergent[r];
    const std::string where = emergent_path.string() + ": row " + std::to_string(r + 1);
    if (row.size() != 6) {
      throw Failure(where + ": expected 6 fields");
    }
    const auto [it, added] = claim_index.emplace(row[5], static_cast<int>(claim_index.size()));
    corpus.emergent.push_back({row[1], row[2], row[5], emergent_label(row[3], where), it->second});
  }
  return corpus;
}

namespace {

std::string headline_key(const std::string& text) {
  std::string out;
  bool space = false;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) != 0) {
      if (space && !out.empty()) {
        out += ' ';
      }
      out += static_cast<char>(std::tolower(c));
      space = false;
    } else {
      space = true;
    }
  }
  return out;
}

}  // namespace

TrainingSplit split_without_fold(const StanceCorpus& corpus, int fold, int folds) {
  TrainingSplit split;
  std::set<std::string> held_out;
  for (std::size_t i = 0; i < corpus.emergent.size(); ++i) {
    const auto& row = corpus.emergent[i];
    if (fold_of(row.claim_id, folds) == fold) {
      held_out.insert(headline_key(row.claim));
      held_out.insert(headline_key(row.headline));
    } else {
      split.emergent.push_back(i);
    }
  }
  std::set<int> dropped_groups;
  for (const auto& pair : corpus.fnc) {
    if (held_out.contains(headline_key(pair.headline))) {
      dropped_groups.insert(pair.group);
    }
  }
  for (std::size_t i = 0; i < corpus.fnc.size(); ++i) {
    if (!dropped_groups.contains(corpus.fnc[i].group)) {
      split.fnc.push_back(i);
    }
  }
  return split;
}

DisjointFold disjoint_fold(const StanceCorpus& corpus, int fold, int folds) {
  DisjointFold out;
  for (std::size_t i = 0; i < corpus.fnc.size(); ++i) {
    const bool headline_in = fold_of(std::to_string(corpus.fnc[i].group), folds) == fold;
    const bool body_in = fold_of(std::to_string(corpus.fnc[i].body_group), folds) == fold;
    if (headline_in && body_in) {
      out.test_fnc.push_back(i);
    } else if (!headline_in && !body_in) {
      out.train_fnc.push_back(i);
    }
  }
  for (std::size_t i = 0; i < corpus.emergent.size(); ++i) {
    (fold_of(corpus.emergent[i].claim_id, folds) == fold ? out.test_emergent : out.train_emergent)
        .push_back(i);
  }
  return out;
}

}  // namespace hw::tools
