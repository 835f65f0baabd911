#include "app/factcheck_config.h"

#include <string>

#include "app/toml_values.h"
#include "util/error.h"

namespace hw::app {
namespace {

namespace fs = std::filesystem;

rules::VerdictRule parse_verdict(const fs::path& file, const toml::node& node) {
  const auto* t = node.as_table();
  if (t == nullptr) {
    toml_fail(file, node.source(), "each [[factcheck.verdict]] must be a table");
  }
  rules::VerdictRule rule;
  bool have_phrase = false, have_stance = false;
  for (const auto& [key, value] : *t) {
    const std::string k(key.str());
    if (k == "phrase") {
      const auto s = value.value<std::string>();
      if (!value.is_string() || !s || s->find_first_not_of(" \t") == std::string::npos) {
        toml_fail(file, value.source(), "factcheck.verdict phrase must be a non-empty string");
      }
      rule.phrase = *s;
      have_phrase = true;
    } else if (k == "stance") {
      const auto s = value.value<std::string>();
      const auto stance = s && value.is_string() ? stance_from_string(*s) : std::nullopt;
      if (!stance || (*stance != Stance::refutes && *stance != Stance::clarifies &&
                      *stance != Stance::confirms)) {
        toml_fail(file, value.source(),
                  "factcheck.verdict stance must be one of refutes, clarifies, confirms");
      }
      rule.stance = *stance;
      have_stance = true;
    } else {
      toml_fail(file, key.source(),
                "unknown key '" + k + "' in [[factcheck.verdict]] (known: phrase, stance)");
    }
  }
  if (!have_phrase || !have_stance) {
    toml_fail(file, t->source(), "[[factcheck.verdict]] needs both 'phrase' and 'stance'");
  }
  return rule;
}

}  // namespace

FactcheckConfig parse_factcheck_config(const fs::path& file, const toml::node& node) {
  const auto* t = node.as_table();
  if (t == nullptr) {
    toml_fail(file, node.source(), "'factcheck' must be a table: write [factcheck]");
  }
  FactcheckConfig c;
  for (const auto& [key, value] : *t) {
    const std::string k(key.str());
    if (k == "page_max_bytes") {
      const auto n = value.value<std::int64_t>();
      if (!value.is_integer() || !n || *n < 4096 || *n > (64LL << 20)) {
        toml_fail(file, value.source(),
                  "factcheck.page_max_bytes must be an integer from 4096 to 67108864");
      }
      c.page_max_bytes = static_cast<std::size_t>(*n);
    } else if (k == "max_attempts") {
      const auto n = value.value<std::int64_t>();
      if (!value.is_integer() || !n || *n < 1 || *n > 100) {
        toml_fail(file, value.source(), "factcheck.max_attempts must be an integer from 1 to 100");
      }
      c.max_attempts = static_cast<int>(*n);
    } else if (k == "verdict") {
      const auto* arr = value.as_array();
      if (arr == nullptr) {
        toml_fail(file, value.source(),
                  "'factcheck.verdict' must be an array of tables: write [[factcheck.verdict]]");
      }
      for (const auto& item : *arr) {
        c.verdicts.push_back(parse_verdict(file, item));
      }
    } else {
      toml_fail(file, key.source(),
                "unknown key '" + k +
                    "' in [factcheck] (known: page_max_bytes, max_attempts, [[factcheck.verdict]])");
    }
  }
  return c;
}

}  // namespace hw::app
