#include "cli/table.h"

#include <algorithm>

#include "util/printable.h"

namespace hw::app {
namespace {

std::size_t width(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) {
      ++n;
    }
  }
  return n;
}

}  // namespace

Table::Table(std::vector<std::string> header) : m_header(std::move(header)) {}

void Table::add(std::vector<std::string> row) {
  row.resize(m_header.size());
  m_rows.push_back(std::move(row));
}

void Table::print(std::ostream& out) const {
  // Cells hold outside text (titles, URLs, server errors): a newline would start a fake row
  // and a bidi override would reverse the rest of the line. CSV keeps the data as it is.
  std::vector<std::vector<std::string>> rows;
  rows.reserve(m_rows.size());
  for (const auto& row : m_rows) {
    std::vector<std::string> safe;
    safe.reserve(row.size());
    for (const auto& cell : row) {
      safe.push_back(printable(cell));
    }
    rows.push_back(std::move(safe));
  }
  std::vector<std::size_t> widths(m_header.size());
  auto measure = [&](const std::vector<std::string>& row) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      widths[i] = std::max(widths[i], width(row[i]));
    }
  };
  measure(m_header);
  for (const auto& row : rows) {
    measure(row);
  }
  auto emit = [&](const std::vector<std::string>& row) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) {
        line.append(widths[i] - width(row[i]) + 2, ' ');
      }
    }
    out << line << "\n";
  };
  emit(m_header);
  for (const auto& row : rows) {
    emit(row);
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

std::string ellipsize(const std::string& text, std::size_t max) {
  if (width(text) <= max || max == 0) {
    return text;
  }
  std::string out;
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) != 0x80) {
      if (n == max - 1) {
        break;
      }
      ++n;
    }
    out += text[i];
  }
  return out + "…";
}

}  // namespace hw::app
