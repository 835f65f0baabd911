#include "util/prometheus_text.h"

#include <charconv>
#include <cmath>

namespace hw {

std::string escape_label_value(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string format_sample_value(double value) {
  if (std::isnan(value)) {
    return "NaN";
  }
  if (std::isinf(value)) {
    return value > 0 ? "+Inf" : "-Inf";
  }
  // Counts and whole-second timestamps print as integers (2^53 keeps them exact); the rest in
  // the shortest form that reads back as the same double (le="0.1", not 0.10000000000000001).
  if (value == std::trunc(value) && std::fabs(value) < 9007199254740992.0) {
    return std::to_string(static_cast<long long>(value));
  }
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

void PrometheusText::family(std::string_view name, std::string_view type, std::string_view help) {
  // HELP text escapes backslash and line feed (not the double quote, unlike label values).
  std::string escaped;
  for (char c : help) {
    if (c == '\\') {
      escaped += "\\\\";
    } else if (c == '\n') {
      escaped += "\\n";
    } else {
      escaped += c;
    }
  }
  m_text.append("# HELP ").append(name).append(" ").append(escaped).append("\n");
  m_text.append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

void PrometheusText::sample(std::string_view name, const MetricLabels& labels, double value) {
  m_text.append(name);
  if (!labels.empty()) {
    m_text += '{';
    for (std::size_t i = 0; i < labels.size(); ++i) {
      if (i > 0) {
        m_text += ',';
      }
      m_text.append(labels[i].first).append("=\"").append(escape_label_value(labels[i].second));
      m_text += '"';
    }
    m_text += '}';
  }
  m_text.append(" ").append(format_sample_value(value)).append("\n");
}

}  // namespace hw
