#include "cli/search_query.h"

namespace hw::cli {

std::string fts_query_for_words(std::string_view words) {
  std::string query;
  std::size_t i = 0;
  while (i < words.size()) {
    while (i < words.size() && (words[i] == ' ' || words[i] == '\t' || words[i] == '\n')) {
      ++i;
    }
    std::size_t end = i;
    while (end < words.size() && words[end] != ' ' && words[end] != '\t' && words[end] != '\n') {
      ++end;
    }
    std::string_view word = words.substr(i, end - i);
    i = end;
    if (word.empty()) {
      continue;
    }
    bool prefix = false;
    while (word.size() > 1 && word.back() == '*') {
      word.remove_suffix(1);
      prefix = true;
    }
    std::string quoted = "\"";
    for (char c : word) {
      quoted += c;
      if (c == '"') {
        quoted += '"';
      }
    }
    quoted += prefix ? "\"*" : "\"";
    query += (query.empty() ? "" : " ") + quoted;
  }
  return query;
}

}  // namespace hw::cli
