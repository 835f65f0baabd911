#pragma once
// The colours of claim statuses and feed states in tables (Table::Painter): the eye finds the
// disputed claim and the failing feed first. Cells are matched by their first word, so
// "clarified (retired)" is coloured as clarified.
#include <string_view>

namespace hw::cli {

std::string_view status_color(std::string_view cell);  // claim status, stance
std::string_view feed_state_color(
    std::string_view cell);  // ok | new | failing | waiting | disabled

}  // namespace hw::cli
