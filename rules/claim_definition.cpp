#include "rules/claim_definition.h"

#include <cstdio>

#include "util/hash.h"

namespace hw::rules {
namespace {

// Each field is written with its length, so moving text between fields changes the digest.
void add(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
  out += ';';
}

void add_list(std::string& out, const std::vector<std::string>& items) {
  add(out, std::to_string(items.size()));
  for (const auto& item : items) {
    add(out, item);
  }
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

}  // namespace

std::string definition_hash(const Claim& c) {
  std::string text;
  add(text, c.statement);
  add(text, to_string(c.initial_status));
  add(text, std::to_string(c.required.size()));
  for (const auto& group : c.required) {
    add_list(text, group);
  }
  add_list(text, c.clarification_phrases);
  add_list(text, c.refutation_phrases);
  add_list(text, c.confirmation_phrases);
  add_list(text, c.retraction_phrases);
  add(text, number(c.min_score));
  add(text, std::to_string(c.min_sources));
  add(text, std::to_string(c.min_sources_resolve));
  add(text, number(c.clear_denial_score));
  add(text, number(c.dispute_balance));
  add(text, std::to_string(c.hype_min_mentions));
  add(text, number(c.hype_factor));
  return stable_hash_hex(text);
}

}  // namespace hw::rules
