#include "rules/claims_loader.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <toml++/toml.h>

#include "rules/text_normalizer.h"
#include "util/error.h"
#include "util/source_position.h"
#include "util/suggest.h"

namespace hw::rules {
namespace {

constexpr std::string_view kClaimKeys[] = {"id",
                                           "statement",
                                           "status",
                                           "required",
                                           "clarification",
                                           "refutation",
                                           "confirmation",
                                           "retraction",
                                           "min_score",
                                           "min_sources",
                                           "min_sources_resolve",
                                           "clear_denial_score",
                                           "dispute_balance",
                                           "hype_min_mentions",
                                           "hype_factor"};

// Builds the ConfigError messages: "FILE:LINE:COL: message".
class ErrorSite {
 public:
  explicit ErrorSite(std::string_view source_name) : m_source_name(source_name) {}

  [[noreturn]] void fail(const toml::source_region& where, const std::string& message) const {
    throw ConfigError(position(where) + ": " + message);
  }

  std::string position(const toml::source_region& where) const {
    return source_position(m_source_name, where.begin.line, where.begin.column);
  }

 private:
  std::string m_source_name;
};

std::string_view type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    default:
      return "nothing";
  }
}

// "unknown key 'stauts' (did you mean 'status'?)": typos are the usual cause.
std::string unknown_key_message(std::string_view key) {
  std::string message = "unknown key '" + std::string(key) + "'";
  if (const auto guess = nearest(key, {std::begin(kClaimKeys), std::end(kClaimKeys)})) {
    return message + " (did you mean '" + *guess + "'?)";
  }
  std::string list;
  for (auto known : kClaimKeys) {
    list += (list.empty() ? "" : ", ") + std::string(known);
  }
  return message + " (a claim has: " + list + ")";
}

bool valid_id(std::string_view id) {
  return !id.empty() && std::ranges::all_of(id, [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
}

std::string valid_statuses() {
  std::string list;
  for (auto s : {ClaimStatus::tracked, ClaimStatus::reported, ClaimStatus::disputed,
                 ClaimStatus::clarified, ClaimStatus::confirmed, ClaimStatus::retracted}) {
    list += (list.empty() ? "" : ", ") + std::string(to_string(s));
  }
  return list;
}

const std::string& expect_string(const ErrorSite& site, const toml::node& node,
                                 std::string_view what) {
  const auto* value = node.as_string();
  if (value == nullptr) {
    site.fail(node.source(),
              std::string(what) + " must be a string, not " + std::string(type_name(node)));
  }
  return value->get();
}

// A term or phrase must fold to at least one word, and '*' may only end it: the matcher
// compares words, so anything else would silently never match.
std::string parse_term(const ErrorSite& site, const toml::node& node, std::string_view what) {
  const auto& term = expect_string(site, node, what);
  const auto star = term.find('*');
  if (star != std::string::npos && star + 1 != term.size()) {
    site.fail(node.source(),
              std::string(what) + " '" + term + "': '*' is only allowed at the end of a term");
  }
  const std::string_view body = std::string_view(term).substr(0, star);
  const auto tokens = tokenize(body);
  if (tokens.empty()) {
    site.fail(node.source(), std::string(what) + " '" + term + "' has no letters or digits" +
                                 (term.empty() ? " (empty term)" : ""));
  }
  if (star != std::string::npos && tokens.back().end != body.size()) {
    site.fail(node.source(),
              std::string(what) + " '" + term + "': '*' must directly follow a letter or digit");
  }
  return term;
}

std::vector<std::string> parse_phrases(const ErrorSite& site, const toml::node& node,
                                       std::string_view key) {
  const auto* array = node.as_array();
  if (array == nullptr) {
    site.fail(node.source(), "'" + std::string(key) + "' must be an array of strings, not " +
                                 std::string(type_name(node)));
  }
  std::vector<std::string> phrases;
  for (const auto& element : *array) {
    phrases.push_back(parse_term(site, element, "'" + std::string(key) + "' phrase"));
  }
  return phrases;
}

std::vector<std::vector<std::string>> parse_required(const ErrorSite& site,
                                                     const toml::node& node) {
  const auto* array = node.as_array();
  if (array == nullptr) {
    site.fail(node.source(),
              "'required' must be an array of term groups, not " + std::string(type_name(node)));
  }
  if (array->empty()) {
    site.fail(node.source(), "'required' has no term groups (a claim needs at least one)");
  }
  std::vector<std::vector<std::string>> groups;
  for (const auto& element : *array) {
    // A bare string is a group of one term: required = [["clinton", "state department"], "yemen*"]
    if (element.is_string()) {
      groups.push_back({parse_term(site, element, "required term")});
      continue;
    }
    const auto* group = element.as_array();
    if (group == nullptr) {
      site.fail(element.source(), "a 'required' group must be an array of strings, not " +
                                      std::string(type_name(element)));
    }
    if (group->empty()) {
      site.fail(element.source(), "empty 'required' group (it could never match)");
    }
    std::vector<std::string> terms;
    for (const auto& term : *group) {
      terms.push_back(parse_term(site, term, "required term"));
    }
    groups.push_back(std::move(terms));
  }
  return groups;
}

// A whole number within [low, high], for thresholds.
int parse_count(const ErrorSite& site, const toml::node& node, std::string_view key, int low,
                int high) {
  const auto* value = node.as_integer();
  if (value == nullptr) {
    site.fail(node.source(),
              "'" + std::string(key) + "' must be an integer, not " + std::string(type_name(node)));
  }
  if (value->get() < low || value->get() > high) {
    site.fail(node.source(), "'" + std::string(key) + "' must be between " + std::to_string(low) +
                                 " and " + std::to_string(high));
  }
  return static_cast<int>(value->get());
}

// A number (integer or float) within [low, high].
double parse_number(const ErrorSite& site, const toml::node& node, std::string_view key, double low,
                    double high) {
  double number = 0.0;
  if (const auto* i = node.as_integer()) {
    number = static_cast<double>(i->get());
  } else if (const auto* f = node.as_floating_point()) {
    number = f->get();
  } else {
    site.fail(node.source(),
              "'" + std::string(key) + "' must be a number, not " + std::string(type_name(node)));
  }
  if (!(number >= low && number <= high)) {
    site.fail(node.source(), "'" + std::string(key) + "' must be between " +
                                 std::to_string(low).substr(0, 4) + " and " +
                                 std::to_string(high).substr(0, 6));
  }
  return number;
}

Claim parse_claim(const ErrorSite& site, const toml::table& table,
                  std::map<std::string, std::string>& seen_ids) {
  Claim claim;
  bool has_id = false;
  bool has_statement = false;
  bool has_required = false;
  for (const auto& [key, node] : table) {
    const std::string_view name = key.str();
    if (name == "id") {
      const auto& id = expect_string(site, node, "'id'");
      if (!valid_id(id)) {
        site.fail(node.source(),
                  "invalid id '" + id + "': use only lower-case letters, digits, '.', '_' and '-'");
      }
      if (const auto it = seen_ids.find(id); it != seen_ids.end()) {
        site.fail(node.source(),
                  "duplicate claim id '" + id + "' (first defined at " + it->second + ")");
      }
      seen_ids.emplace(id, site.position(node.source()));
      claim.id = id;
      has_id = true;
    } else if (name == "statement") {
      claim.statement = expect_string(site, node, "'statement'");
      if (tokenize(claim.statement).empty()) {
        site.fail(node.source(), "'statement' is empty");
      }
      has_statement = true;
    } else if (name == "status") {
      const auto& value = expect_string(site, node, "'status'");
      const auto status = claim_status_from_string(value);
      if (!status) {
        site.fail(node.source(),
                  "invalid status '" + value + "' (valid: " + valid_statuses() + ")");
      }
      claim.initial_status = *status;
    } else if (name == "required") {
      claim.required = parse_required(site, node);
      has_required = true;
    } else if (name == "clarification") {
      claim.clarification_phrases = parse_phrases(site, node, name);
    } else if (name == "refutation") {
      claim.refutation_phrases = parse_phrases(site, node, name);
    } else if (name == "confirmation") {
      claim.confirmation_phrases = parse_phrases(site, node, name);
    } else if (name == "retraction") {
      claim.retraction_phrases = parse_phrases(site, node, name);
    } else if (name == "min_score") {
      claim.min_score = parse_number(site, node, name, 0.0, 1.0);
    } else if (name == "min_sources") {
      claim.min_sources = parse_count(site, node, name, 1, 100);
    } else if (name == "clear_denial_score") {
      claim.clear_denial_score = parse_number(site, node, name, 0.0, 1.0);
    } else if (name == "dispute_balance") {
      claim.dispute_balance = parse_number(site, node, name, 0.0, 10.0);
    } else if (name == "min_sources_resolve") {
      claim.min_sources_resolve = parse_count(site, node, name, 1, 100);
    } else if (name == "hype_min_mentions") {
      claim.hype_min_mentions = parse_count(site, node, name, 1, 1'000'000);
    } else if (name == "hype_factor") {
      claim.hype_factor = parse_number(site, node, name, 1.0, 1000.0);
    } else {
      site.fail(key.source(), unknown_key_message(name));
    }
  }
  if (!has_id) {
    site.fail(table.source(), "claim has no 'id'");
  }
  if (!has_statement) {
    site.fail(table.source(), "claim '" + claim.id + "' has no 'statement'");
  }
  // Without `required` the claim is matched from its statement alone (statement model).
  (void)has_required;
  return claim;
}

}  // namespace

std::vector<Claim> parse_claims(std::string_view toml_text, std::string_view source_name) {
  const ErrorSite site(source_name);
  toml::table root;
  try {
    root = toml::parse(toml_text, source_name);
  } catch (const toml::parse_error& error) {
    site.fail(error.source(), std::string(error.description()));
  }
  std::vector<Claim> claims;
  std::map<std::string, std::string> seen_ids;
  for (const auto& [key, node] : root) {
    if (key.str() != "claim") {
      site.fail(key.source(), "unknown key '" + std::string(key.str()) +
                                  "' (a claims file holds only [[claim]] tables)");
    }
    const auto* array = node.as_array();
    if (array == nullptr || !array->is_array_of_tables()) {
      site.fail(node.source(), "'claim' must be an array of tables: write each claim as [[claim]]");
    }
    for (const auto& element : *array) {
      claims.push_back(parse_claim(site, *element.as_table(), seen_ids));
    }
  }
  return claims;
}

std::vector<Claim> load_claims_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw ConfigError(path.string() + ": cannot read claims file: " + std::strerror(errno));
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    throw ConfigError(path.string() + ": cannot read claims file: " + std::strerror(errno));
  }
  return parse_claims(text.str(), path.string());
}

}  // namespace hw::rules
