#pragma once
#include <string>
#include <string_view>

namespace hw {

// A stable (across runs and machines) 64-bit FNV-1a digest as 16 hex digits. For change
// detection and fallback keys, not for security.
std::string stable_hash_hex(std::string_view data);

}  // namespace hw
