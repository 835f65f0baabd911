#pragma once
// Feed dates: RFC 822/1123 (and the usual deviations), RFC 3339 / ISO 8601 / W3C-DTF, asctime.
#include <optional>
#include <string_view>

#include "util/time.h"

namespace hw::feeds {

// The instant `text` denotes, in UTC; nullopt for anything not recognised as a date.
// A date without a zone is taken as UTC; a date without a time as midnight.
std::optional<TimePoint> parse_date(std::string_view text);

}  // namespace hw::feeds
