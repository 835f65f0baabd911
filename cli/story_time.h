#pragma once
// The time a story listing shows: the feed's date, or when hypewatch first saw the story,
// marked, because storage orders and filters undated stories by that time.
#include <optional>
#include <string>

#include "util/time.h"

namespace hw::cli {

// The marker after a first-seen time; a listing that used it prints kFirstSeenNote below.
inline constexpr std::string_view kFirstSeenMarker = "*";
inline constexpr std::string_view kFirstSeenNote =
    "* no date in the feed: the time hypewatch first saw the story";

// "2018-09-24T13:00:00Z" when the feed dated the story, else the first-seen time with the marker.
std::string story_time_cell(std::optional<TimePoint> published, TimePoint first_seen);

}  // namespace hw::cli
