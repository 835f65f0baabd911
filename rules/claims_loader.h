#pragma once
#include <filesystem>
#include <string_view>
#include <vector>

#include "model/claim.h"

namespace hw::rules {

// Reads a claims file (TOML, format in docs/claims.md). Throws hw::ConfigError whose message
// starts with "FILE:LINE:COLUMN: " and says what is wrong (syntax error, unknown key,
// missing id/statement, duplicate id, bad status, empty term group, ...).
std::vector<Claim> load_claims_file(const std::filesystem::path& path);

// Same, from text; `source_name` is used in error messages in place of the file name.
std::vector<Claim> parse_claims(std::string_view toml_text, std::string_view source_name);

}  // namespace hw::rules
