#include "app/toml_values.h"

#include "app/config.h"
#include "util/error.h"
#include "util/source_position.h"

namespace hw::app {

std::string toml_where(const std::filesystem::path& file, const toml::source_region& region) {
  return source_position(file.string(), region.begin.line, region.begin.column) + ": ";
}

void toml_fail(const std::filesystem::path& file, const toml::source_region& region,
               const std::string& message) {
  throw ConfigError(toml_where(file, region) + message);
}

std::optional<std::chrono::seconds> toml_duration(const toml::node& node) {
  if (node.is_integer()) {
    const auto v = *node.value<int64_t>();
    return v > 0 && v <= kMaxDuration.count() ? std::optional(std::chrono::seconds{v})
                                              : std::nullopt;
  }
  if (node.is_string()) {
    return parse_duration(*node.value<std::string>());
  }
  return std::nullopt;
}

}  // namespace hw::app
