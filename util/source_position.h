#pragma once
// The one spelling of a place in a file for error messages, "FILE:LINE:COLUMN" as compilers
// write it (so editors jump there): the config readers and the claims loader both use it.
#include <cstdint>
#include <string>
#include <string_view>

namespace hw {

inline std::string source_position(std::string_view file, std::uint64_t line,
                                   std::uint64_t column) {
  return std::string(file) + ":" + std::to_string(line) + ":" + std::to_string(column);
}

}  // namespace hw
