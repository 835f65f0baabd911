#include "rules/stance_model.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "rules/stance_features.h"
#include "util/error.h"

// The committed model file, linked in as bytes (see rules/CMakeLists.txt): the product does
// not depend on any file being present at run time.
extern "C" const char hw_stance_model_begin[];
extern "C" const char hw_stance_model_end[];

namespace hw::rules {
namespace {

class LineReader {
 public:
  LineReader(std::string_view text, std::string_view source) : m_text(text), m_source(source) {}

  // The next line that is not a comment (comments are collected into `comments`).
  std::string_view next(std::string* comments = nullptr) {
    while (m_pos < m_text.size()) {
      const auto end = m_text.find('\n', m_pos);
      const auto line = m_text.substr(
          m_pos, end == std::string_view::npos ? std::string_view::npos : end - m_pos);
      m_pos = end == std::string_view::npos ? m_text.size() : end + 1;
      ++m_line;
      if (line.starts_with('#')) {
        if (comments != nullptr) {
          *comments += std::string(line) + "\n";
        }
        continue;
      }
      if (!line.empty()) {
        return line;
      }
    }
    fail("unexpected end of file");
  }

  // The next `length` bytes verbatim, then the end of their line.
  std::string_view raw(std::size_t length) {
    if (m_text.size() - m_pos < length) {
      fail("unexpected end of file");
    }
    const auto out = m_text.substr(m_pos, length);
    for (const char c : out) {
      m_line += c == '\n' ? 1 : 0;
    }
    m_pos += length;
    if (m_pos < m_text.size() && m_text[m_pos] == '\n') {
      ++m_pos;
    }
    ++m_line;
    return out;
  }

  [[noreturn]] void fail(const std::string& message) const { fail_at(m_line, message); }
  [[noreturn]] void fail_at(std::size_t line, const std::string& message) const {
    throw ConfigError(std::string(m_source) + ":" + std::to_string(line) + ": " + message);
  }
  std::size_t line() const { return m_line; }

 private:
  std::string_view m_text;
  std::string_view m_source;
  std::size_t m_pos = 0;
  std::size_t m_line = 0;
};

std::vector<std::string_view> fields(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (pos < line.size()) {
    const auto start = line.find_first_not_of(' ', pos);
    if (start == std::string_view::npos) {
      break;
    }
    const auto end = line.find(' ', start);
    out.push_back(
        line.substr(start, end == std::string_view::npos ? line.size() - start : end - start));
    pos = end == std::string_view::npos ? line.size() : end;
  }
  return out;
}

template <typename T>
T number(const LineReader& reader, std::string_view field) {
  T value{};
  const auto [ptr, ec] = std::from_chars(field.data(), field.data() + field.size(), value);
  if (ec != std::errc() || ptr != field.data() + field.size()) {
    reader.fail("not a number: '" + std::string(field) + "'");
  }
  return value;
}

std::vector<std::string_view> expect(LineReader& reader, std::string_view keyword,
                                     std::size_t count) {
  const auto f = fields(reader.next());
  if (f.size() != count || f[0] != keyword) {
    reader.fail("expected '" + std::string(keyword) + "' with " + std::to_string(count - 1) +
                " value(s)");
  }
  return f;
}

LinearModel read_linear(LineReader& reader, const std::vector<std::string_view>& f) {
  const auto classes = number<std::size_t>(reader, f[2]);
  const auto dimension = number<std::size_t>(reader, f[3]);
  const auto count = number<std::size_t>(reader, f[4]);
  if (classes == 0 || classes > 16 || dimension == 0 || dimension > (1U << 24)) {
    reader.fail("implausible model size");
  }
  LinearModel model(classes, dimension);
  for (std::size_t i = 0; i < count; ++i) {
    const auto w = fields(reader.next());
    if (w.size() != 3) {
      reader.fail("expected 'CLASS INDEX WEIGHT'");
    }
    const auto cls = number<std::size_t>(reader, w[0]);
    const auto index = number<std::size_t>(reader, w[1]);
    if (cls >= classes || index >= dimension) {
      reader.fail("weight outside the model");
    }
    model.weight(cls, index) = number<float>(reader, w[2]);
  }
  return model;
}

// A head: `linear NAME CLASSES DIMENSION COUNT` and COUNT weight lines, or
// `xgboost NAME CLASSES DIMENSION BYTES` and BYTES of XGBoost's JSON model.
ClassModel read_head(LineReader& reader, std::string_view name) {
  const auto f = fields(reader.next());
  if (f.size() != 5 || (f[0] != "linear" && f[0] != "xgboost")) {
    reader.fail("expected 'linear' or 'xgboost' with 4 values");
  }
  if (f[1] != name) {
    reader.fail("expected model '" + std::string(name) + "', found '" + std::string(f[1]) + "'");
  }
  if (f[0] == "linear") {
    return read_linear(reader, f);
  }
  const auto classes = number<std::size_t>(reader, f[2]);
  const auto dimension = number<std::size_t>(reader, f[3]);
  const auto bytes = number<std::size_t>(reader, f[4]);
  const std::size_t header_line = reader.line();
  if (classes < 2 || classes > 16 || dimension == 0 || dimension > (1U << 24)) {
    reader.fail("implausible model size");
  }
  auto trees = BoostedTrees::from_json(std::string(reader.raw(bytes)), classes, dimension);
  if (!trees) {
    reader.fail_at(header_line, trees.error().message);
  }
  return std::move(*trees);
}

void write_linear(std::ostringstream& out, std::string_view name, const LinearModel& model) {
  std::vector<std::string> lines;
  char buffer[64];
  for (std::size_t c = 0; c < model.classes(); ++c) {
    for (std::size_t i = 0; i < model.dimension(); ++i) {
      const float w = model.weight(c, i);
      if (std::fabs(w) >= 1e-5F) {
        std::snprintf(buffer, sizeof buffer, "%zu %zu %.5g", c, i, static_cast<double>(w));
        lines.emplace_back(buffer);
      }
    }
  }
  out << "linear " << name << ' ' << model.classes() << ' ' << model.dimension() << ' '
      << lines.size() << '\n';
  for (const auto& line : lines) {
    out << line << '\n';
  }
}

void write_head(std::ostringstream& out, std::string_view name, const ClassModel& model) {
  if (const auto* linear = model.linear()) {
    write_linear(out, name, *linear);
    return;
  }
  const auto& json = model.trees()->json();
  out << "xgboost " << name << ' ' << model.classes() << ' ' << model.dimension() << ' '
      << json.size() << '\n'
      << json << '\n';
}

}  // namespace

StanceModel parse_stance_model(std::string_view text, std::string_view source_name) {
  LineReader reader(text, source_name);
  StanceModel model;
  const auto magic = fields(reader.next(&model.header));
  if (magic.size() != 2 || magic[0] != "hypewatch-stance-model") {
    reader.fail("not a hypewatch stance model");
  }
  if (magic[1] != "3") {
    reader.fail("stance model version " + std::string(magic[1]) +
                " was trained on another feature layout; rebuild it with hw_train_stance "
                "(docs/stance.md)");
  }
  // Feature indices mean nothing under another layout: refuse rather than misread them.
  const auto dense = number<std::uint32_t>(reader, expect(reader, "dense_features", 2)[1]);
  if (dense != kDenseFeatures) {
    reader.fail("the model was trained with " + std::to_string(dense) +
                " dense features, this hypewatch computes " + std::to_string(kDenseFeatures) +
                "; rebuild it with hw_train_stance (docs/stance.md)");
  }
  model.hash_bits = number<unsigned>(reader, expect(reader, "hash_bits", 2)[1]);
  if (model.hash_bits < 4 || model.hash_bits > 22) {
    reader.fail("hash_bits must be 4..22");
  }
  const auto body_words = expect(reader, "body_words", 2)[1];
  if (body_words == "focus") {
    model.body_words = BodyWords::focus;
  } else if (body_words == "cues") {
    model.body_words = BodyWords::cues;
  } else {
    reader.fail("body_words must be 'focus' or 'cues', not '" + std::string(body_words) + "'");
  }
  model.related_threshold = number<double>(reader, expect(reader, "related_threshold", 2)[1]);
  model.default_idf = number<float>(reader, expect(reader, "default_idf", 2)[1]);
  const auto idf_count = number<std::size_t>(reader, expect(reader, "idf", 2)[1]);
  model.idf.reserve(idf_count);
  for (std::size_t i = 0; i < idf_count; ++i) {
    const auto f = fields(reader.next());
    if (f.size() != 2) {
      reader.fail("expected 'STEM IDF'");
    }
    model.idf.emplace_back(std::string(f[0]), number<float>(reader, f[1]));
  }
  model.related = read_head(reader, "related");
  model.stance_body = read_head(reader, "stance_body");
  model.stance_title = read_head(reader, "stance_title");
  if (model.related.classes() != 2 || model.stance_body.classes() != kStanceClasses ||
      model.stance_title.classes() != kStanceClasses) {
    reader.fail("wrong number of classes (related: 2, stance models: 3)");
  }
  expect(reader, "end", 1);
  return model;
}

std::string serialize_stance_model(const StanceModel& model) {
  std::ostringstream out;
  out << model.header;
  out << "hypewatch-stance-model 3\n";
  out << "dense_features " << kDenseFeatures << '\n';
  out << "hash_bits " << model.hash_bits << '\n';
  out << "body_words " << (model.body_words == BodyWords::cues ? "cues" : "focus") << '\n';
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.4f", model.related_threshold);
  out << "related_threshold " << buffer << '\n';
  std::snprintf(buffer, sizeof buffer, "%.4f", static_cast<double>(model.default_idf));
  out << "default_idf " << buffer << '\n';
  out << "idf " << model.idf.size() << '\n';
  for (const auto& [stem, value] : model.idf) {
    std::snprintf(buffer, sizeof buffer, "%.3f", static_cast<double>(value));
    out << stem << ' ' << buffer << '\n';
  }
  write_head(out, "related", model.related);
  write_head(out, "stance_body", model.stance_body);
  write_head(out, "stance_title", model.stance_title);
  out << "end\n";
  return out.str();
}

const StanceModel& stance_model_in_use() {
  static const StanceModel& model = []() -> const StanceModel& {
    const char* path = std::getenv("HYPEWATCH_STANCE_MODEL");
    if (path == nullptr || *path == '\0') {
      return builtin_stance_model();
    }
    std::ifstream file(path, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    if (!file) {
      throw ConfigError(std::string(path) + ": cannot read stance model (HYPEWATCH_STANCE_MODEL)");
    }
    static const StanceModel from_file = parse_stance_model(text.str(), path);
    return from_file;
  }();
  return model;
}

const StanceModel& builtin_stance_model() {
  static const StanceModel model = parse_stance_model(
      std::string_view(hw_stance_model_begin,
                       static_cast<std::size_t>(hw_stance_model_end - hw_stance_model_begin)),
      "built-in stance model");
  return model;
}

}  // namespace hw::rules
