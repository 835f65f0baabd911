#include "rules/term_pattern.h"

#include "rules/text_normalizer.h"

namespace hw::rules {

TermPattern compile_term(std::string_view term) {
  TermPattern pattern;
  pattern.source = std::string(term);
  std::string_view body = term;
  while (!body.empty() && (body.back() == ' ' || body.back() == '\t')) {
    body.remove_suffix(1);
  }
  if (body.ends_with('*')) {
    body.remove_suffix(1);
    pattern.prefix = true;
  }
  for (auto& token : tokenize(body)) {
    pattern.words.push_back(std::move(token.text));
  }
  return pattern;
}

}  // namespace hw::rules
