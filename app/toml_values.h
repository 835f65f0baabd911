#pragma once
// Shared by the config readers: positions in error messages, and durations.
#include <toml++/toml.h>
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

namespace hw::app {

// "FILE:LINE:COLUMN: "
std::string toml_where(const std::filesystem::path& file, const toml::source_region& region);

// Throws hw::ConfigError "FILE:LINE:COLUMN: message".
[[noreturn]] void toml_fail(const std::filesystem::path& file, const toml::source_region& region,
                            const std::string& message);

// A positive duration written as seconds (900) or a string ("15m", "1h"); nullopt otherwise.
std::optional<std::chrono::seconds> toml_duration(const toml::node& node);

}  // namespace hw::app
