#pragma once
// A claim term or phrase compiled once into folded words, so matching a story never re-parses
// the rules (10,000 claims x every story).
#include <string>
#include <string_view>
#include <vector>

namespace hw::rules {

struct TermPattern {
  std::vector<std::string> words;  // folded words, in order ("al-Qaeda" -> "al", "qaeda")
  bool prefix = false;             // the last word is a stem: "hack*" matches "hacked"
  std::string source;              // as written in the claims file, for rule descriptions
};

// Compiles "State Department", "al-Qaeda", "hack*". A term without words compiles to an
// empty pattern that never matches (the loader rejects those before they get here).
TermPattern compile_term(std::string_view term);

}  // namespace hw::rules
