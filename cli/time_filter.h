#pragma once
#include <optional>
#include <string_view>

#include "util/time.h"

namespace hw::cli {

// --since values: "2012-05-24", "2012-05-24T16:00:00Z", or an age such as "36h" / "7d"
// (counted back from `now`). nullopt when malformed.
std::optional<TimePoint> parse_since(std::string_view text, TimePoint now);

}  // namespace hw::cli
