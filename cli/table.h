#pragma once
#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace hw::cli {

struct TableStyle {
  int width = 0;       // 0: no limit
  bool color = false;  // use the painters
};

// An aligned text table for people: a header row, then rows; columns padded to the widest cell
// by display width (utf8proc: a CJK character or an emoji takes two columns). Fitted to a
// width when asked: link columns are shortened first, then the flexible columns (a statement, a
// title) take what is left and their long cells end in "…". An empty cell shows as "-".
class Table {
 public:
  // SGR colour code ("31") for a cell's text, or "" for none.
  using Painter = std::string_view (*)(std::string_view cell);
  explicit Table(std::vector<std::string> header);
  void add(std::vector<std::string> row);
  // A column that gives way when the table is too wide (a statement, a title, a snippet); with
  // several, the widest gives way first.
  void flexible(std::size_t column) { m_flexible.push_back(column); }
  void links(std::size_t column) { m_links.push_back(column); }
  void paint(std::size_t column, Painter painter);
  void print(std::ostream& out, const TableStyle& style = {}) const;
  // RFC 4180 CSV: header row, then rows; fields quoted when they need it; cells as they are.
  void print_csv(std::ostream& out) const;
  bool empty() const { return m_rows.empty(); }

 private:
  std::vector<std::size_t> fitted_widths(const std::vector<std::vector<std::string>>& rows,
                                         int width) const;

  std::vector<std::string> m_header;
  std::vector<std::vector<std::string>> m_rows;
  std::vector<std::size_t> m_flexible;
  std::vector<std::size_t> m_links;
  std::vector<Painter> m_painters;
};

// Columns `text` takes on a terminal (utf8proc_charwidth; bytes that are not UTF-8 count one).
std::size_t display_width(std::string_view text);

// Shortens text to at most `max` columns, ending with "…" when cut.
std::string ellipsize(const std::string& text, std::size_t max);

// A link in at most `max` columns that still says where it goes: without the scheme and "www.",
// then the host, "/…" and the end of the path ("example.org/…/yemen-hack.html").
std::string shorten_link(const std::string& url, std::size_t max);

}  // namespace hw::cli
