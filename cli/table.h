#pragma once
#include <ostream>
#include <string>
#include <vector>

namespace hw::app {

// An aligned text table for people: a header row, then rows; columns padded to the widest
// cell (counting UTF-8 code points, so accented titles line up).
class Table {
 public:
  explicit Table(std::vector<std::string> header);
  void add(std::vector<std::string> row);
  void print(std::ostream& out) const;
  // RFC 4180 CSV: header row, then rows; fields quoted when they need it.
  void print_csv(std::ostream& out) const;
  bool empty() const { return m_rows.empty(); }

 private:
  std::vector<std::string> m_header;
  std::vector<std::vector<std::string>> m_rows;
};

// Shortens text to at most `max` code points, ending with "…" when cut.
std::string ellipsize(const std::string& text, std::size_t max);

}  // namespace hw::app
