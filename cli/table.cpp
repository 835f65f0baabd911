#include "cli/table.h"

#include <utf8proc.h>

#include <algorithm>
#include <numeric>

#include "util/printable.h"

namespace hw::cli {
namespace {

// One character: its length in bytes and its display width.
struct Glyph {
  std::size_t bytes = 1;
  std::size_t width = 1;
};

Glyph glyph_at(std::string_view s, std::size_t i) {
  utf8proc_int32_t cp = 0;
  const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                  static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
  if (n <= 0) {
    return {};
  }
  return {static_cast<std::size_t>(n),
          static_cast<std::size_t>(std::max(0, utf8proc_charwidth(cp)))};
}

// The longest prefix of `s` at most `max` columns wide.
std::string_view head(std::string_view s, std::size_t max) {
  std::size_t i = 0, w = 0;
  while (i < s.size()) {
    const Glyph g = glyph_at(s, i);
    if (w + g.width > max) {
      break;
    }
    w += g.width;
    i += g.bytes;
  }
  return s.substr(0, i);
}

// The longest suffix of `s` at most `max` columns wide.
std::string_view tail(std::string_view s, std::size_t max) {
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < s.size(); i += glyph_at(s, i).bytes) {
    starts.push_back(i);
  }
  std::size_t from = s.size(), w = 0;
  for (auto it = starts.rbegin(); it != starts.rend(); ++it) {
    const std::size_t cw = glyph_at(s, *it).width;
    if (w + cw > max) {
      break;
    }
    w += cw;
    from = *it;
  }
  return s.substr(from);
}

constexpr std::size_t kMinLink = 24;      // a shortened link still shows host and file name
constexpr std::size_t kMinLinkLast = 16;  // ... or at least the host
constexpr std::size_t kMinFlexible = 12;  // a statement cut shorter than this says nothing

}  // namespace

std::size_t display_width(std::string_view text) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < text.size();) {
    const Glyph g = glyph_at(text, i);
    w += g.width;
    i += g.bytes;
  }
  return w;
}

std::string ellipsize(const std::string& text, std::size_t max) {
  if (max == 0 || display_width(text) <= max) {
    return text;
  }
  return std::string(head(text, max - 1)) + "…";
}

std::string shorten_link(const std::string& url, std::size_t max) {
  if (display_width(url) <= max) {
    return url;
  }
  std::string_view s = url;
  if (const auto scheme = s.find("://"); scheme != std::string_view::npos) {
    s.remove_prefix(scheme + 3);
  }
  if (s.starts_with("www.")) {
    s.remove_prefix(4);
  }
  if (display_width(s) <= max) {
    return std::string(s);
  }
  const auto slash = s.find('/');
  const std::string_view host = s.substr(0, slash);
  const std::size_t host_width = display_width(host);
  if (slash == std::string_view::npos || host_width + 2 > max) {
    return ellipsize(std::string(s), max);
  }
  // A few letters of a path say nothing ("example.org/…e"): then the host alone.
  constexpr std::size_t kMinTail = 6;
  const std::size_t room = max - host_width - 2;
  return std::string(host) + "/…" +
         (room < kMinTail ? std::string() : std::string(tail(s.substr(slash + 1), room)));
}

Table::Table(std::vector<std::string> header)
    : m_header(std::move(header)), m_painters(m_header.size(), nullptr) {}

void Table::add(std::vector<std::string> row) {
  row.resize(m_header.size());
  m_rows.push_back(std::move(row));
}

void Table::paint(std::size_t column, Painter painter) {
  m_painters.at(column) = painter;
}

std::vector<std::size_t> Table::fitted_widths(const std::vector<std::vector<std::string>>& rows,
                                              int width) const {
  std::vector<std::size_t> widths(m_header.size());
  for (std::size_t i = 0; i < m_header.size(); ++i) {
    widths[i] = display_width(m_header[i]);
  }
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      widths[i] = std::max(widths[i], display_width(row[i]));
    }
  }
  if (width <= 0) {
    return widths;
  }
  const auto total = [&] {
    return std::accumulate(widths.begin(), widths.end(), std::size_t{0}) + 2 * (widths.size() - 1);
  };
  const auto limit = static_cast<std::size_t>(width);
  // Narrows `columns`, the widest first, down to `floor` (or their header) until the table fits.
  const auto shrink = [&](const std::vector<std::size_t>& columns, std::size_t floor) {
    while (total() > limit) {
      std::size_t* widest = nullptr;
      for (const std::size_t c : columns) {
        if (widths[c] > std::max(floor, display_width(m_header[c])) &&
            (widest == nullptr || widths[c] > *widest)) {
          widest = &widths[c];
        }
      }
      if (widest == nullptr) {
        return;
      }
      --*widest;
    }
  };
  // Links give way first (host and file name still show), then the text columns, then links
  // down to their host; if the fixed columns alone are too wide the table stays too wide.
  shrink(m_links, kMinLink);
  shrink(m_flexible, kMinFlexible);
  shrink(m_links, kMinLinkLast);
  return widths;
}

void Table::print(std::ostream& out, const TableStyle& style) const {
  // Cells hold outside text (titles, URLs, server errors): a newline would start a fake row
  // and a bidi override would reverse the rest of the line. CSV keeps the data as it is.
  std::vector<std::vector<std::string>> rows;
  rows.reserve(m_rows.size());
  for (const auto& row : m_rows) {
    std::vector<std::string> safe;
    safe.reserve(row.size());
    for (const auto& cell : row) {
      safe.push_back(cell.empty() ? "-" : printable(cell));
    }
    rows.push_back(std::move(safe));
  }
  const auto widths = fitted_widths(rows, style.width);
  for (auto& row : rows) {
    for (const std::size_t c : m_links) {
      row[c] = shorten_link(row[c], widths[c]);
    }
    for (const std::size_t c : m_flexible) {
      row[c] = ellipsize(row[c], widths[c]);
    }
  }
  auto emit = [&](const std::vector<std::string>& row, bool header) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      const std::string_view sgr =
          style.color && !header && m_painters[i] != nullptr ? m_painters[i](row[i]) : "";
      if (sgr.empty()) {
        line += row[i];
      } else {
        line += "\x1b[" + std::string(sgr) + "m" + row[i] + "\x1b[0m";
      }
      if (i + 1 < row.size()) {
        line.append(widths[i] - std::min(widths[i], display_width(row[i])) + 2, ' ');
      }
    }
    out << line << "\n";
  };
  emit(m_header, true);
  for (const auto& row : rows) {
    emit(row, false);
  }
}

void Table::print_csv(std::ostream& out) const {
  auto field = [](const std::string& v) {
    if (v.find_first_of(",\"\r\n") == std::string::npos) {
      return v;
    }
    std::string q = "\"";
    for (char c : v) {
      q += c;
      if (c == '"') {
        q += '"';
      }
    }
    return q + "\"";
  };
  auto emit = [&](const std::vector<std::string>& row) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      out << (i ? "," : "") << field(row[i]);
    }
    out << "\r\n";
  };
  emit(m_header);
  for (const auto& row : m_rows) {
    emit(row);
  }
}

}  // namespace hw::cli
