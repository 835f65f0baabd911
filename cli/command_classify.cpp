// `hypewatch classify [--claims RULES]`: the stance classifier as a filter over JSON lines
// (the contract in README.md). One line in, one line out, flushed whenever no further input
// is waiting, so it streams: memory does not grow with the length of the input.
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>

#include "cli/commands.h"
#include "rules/analysis_cache.h"
#include "rules/claims_loader.h"
#include "rules/matcher.h"
#include "rules/stance_classifier.h"
#include "rules/text_normalizer.h"

namespace hw::cli {
namespace {

using json = nlohmann::ordered_json;

const std::string& raw_field(const json& line, const char* key) {
  static const std::string none;
  const auto it = line.find(key);
  if (it == line.end() || it->is_null()) {
    return none;
  }
  if (!it->is_string()) {
    throw std::invalid_argument(std::string("'") + key + "' must be a string");
  }
  return it->get_ref<const std::string&>();
}

std::string text_field(const json& line, const char* key) {
  return rules::sanitize_utf8(raw_field(line, key));
}

// The last body cleaned: consecutive lines usually carry the same story.
class CleanedBody {
 public:
  const std::string& of(const std::string& raw) {
    if (!m_valid || raw != m_raw) {
      m_raw = raw;
      m_clean = rules::sanitize_utf8(raw);
      m_valid = true;
    }
    return m_clean;
  }

 private:
  bool m_valid = false;
  std::string m_raw;
  std::string m_clean;
};

json verdict_line(const json& id, bool related, std::string_view stance, double score) {
  return json{{"id", id},
              {"related", related},
              {"stance", related ? std::string(stance) : std::string("unrelated")},
              {"score", score}};
}

}  // namespace

int cmd_classify(const std::string& claims_file, std::istream& in, std::ostream& out,
                 std::ostream& err) {
  std::vector<Claim> claims;
  if (!claims_file.empty()) {
    claims = rules::load_claims_file(claims_file);
  }
  // Claims with hand rules are judged by their rules (they win, as in the daemon); claims
  // without, and free statements, by the statement model.
  std::vector<Claim> rule_claims;
  std::unordered_map<std::string, std::string> statements;  // id -> statement (model claims)
  for (const auto& claim : claims) {
    if (claim.required.empty()) {
      statements.emplace(claim.id, claim.statement);
    } else {
      rule_claims.push_back(claim);
    }
  }
  std::unordered_map<std::string, bool> is_rule_claim;
  for (const auto& claim : rule_claims) {
    is_rule_claim.emplace(claim.id, true);
  }
  const rules::Matcher matcher(std::move(rule_claims));
  rules::StanceClassifier classifier;
  std::unordered_map<std::string, rules::ClaimProfile> profiles;  // bounded by the claims file
  // One story is usually paired with many claims on consecutive lines: analyse its body once.
  rules::AnalysisCache bodies;
  CleanedBody cleaned;

  int bad = 0;
  std::string line;
  for (long number = 1; std::getline(in, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) {
      continue;
    }
    json id = nullptr;
    try {
      const json input = json::parse(line);
      if (!input.is_object()) {
        throw std::invalid_argument("not a JSON object");
      }
      id = input.value("id", json(nullptr));
      const std::string claim = text_field(input, "claim");
      const std::string title = text_field(input, "title");
      const std::string& body = cleaned.of(raw_field(input, "body"));
      if (claim.empty()) {
        throw std::invalid_argument("'claim' is missing or empty");
      }
      if (is_rule_claim.contains(claim)) {
        Story story;
        story.title = title;
        story.content = body;
        bool found = false;
        for (const auto& m : matcher.match(story)) {
          if (m.claim_id == claim) {
            out << verdict_line(id, true, to_string(m.stance), m.score).dump() << '\n';
            found = true;
            break;
          }
        }
        if (!found) {
          out << verdict_line(id, false, "unrelated", 0.0).dump() << '\n';
        }
      } else {
        const auto& analysed_body = bodies.analyze(classifier.pipeline(), body);
        const auto analysed_title = classifier.pipeline().analyze(title);
        rules::StanceVerdict v;
        if (const auto s = statements.find(claim); s != statements.end()) {
          auto [it, added] = profiles.try_emplace(claim);
          if (added) {
            it->second = classifier.profile(s->second);
          }
          v = classifier.classify(it->second, title, analysed_title, body, analysed_body);
        } else {
          // A free statement: profiled per line, so nothing accumulates.
          v = classifier.classify(classifier.profile(claim), title, analysed_title, body,
                                  analysed_body);
        }
        out << verdict_line(id, v.related, to_string(v.stance), v.score).dump() << '\n';
      }
    } catch (const std::exception& e) {
      ++bad;
      err << "hypewatch classify: stdin:" << number << ": " << e.what() << "\n";
      out << json{{"id", id}, {"error", e.what()}}.dump(-1, ' ', false,
                                                        json::error_handler_t::replace)
          << '\n';
    }
    // Streaming: flush whenever the next line is not already read, so an interactive or
    // piped producer gets each verdict at once, and a file is not written line by line.
    if (in.rdbuf()->in_avail() <= 0) {
      out.flush();
    }
  }
  out.flush();
  return bad == 0 ? 0 : 1;
}

}  // namespace hw::cli
