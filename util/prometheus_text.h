#pragma once
// The Prometheus text exposition format, version 0.0.4 (what GET /metrics answers): metric
// families, each with its # HELP and # TYPE lines before its samples, label values escaped.
// Knows nothing of what is measured (app/metrics_snapshot.h decides that).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hw {

// The Content-Type of the format.
inline constexpr std::string_view kPrometheusContentType =
    "text/plain; version=0.0.4; charset=utf-8";

using MetricLabels = std::vector<std::pair<std::string, std::string>>;

class PrometheusText {
 public:
  // Starts a family; its samples follow. `type` is counter, gauge or histogram.
  void family(std::string_view name, std::string_view type, std::string_view help);
  // One sample line: name{label="value",...} value. `name` is the family's name, or for a
  // histogram the family's name + _bucket/_sum/_count.
  void sample(std::string_view name, const MetricLabels& labels, double value);
  void sample(std::string_view name, double value) { sample(name, {}, value); }

  const std::string& text() const { return m_text; }

 private:
  std::string m_text;
};

// A label value as the format wants it: backslash, double quote and line feed escaped.
std::string escape_label_value(std::string_view value);
// A number as the format wants it: integers without a fraction, +Inf, -Inf, NaN.
std::string format_sample_value(double value);

}  // namespace hw
