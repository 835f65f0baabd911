#include "cli/status_colors.h"

namespace hw::cli {
namespace {

std::string_view first_word(std::string_view cell) {
  return cell.substr(0, cell.find(' '));
}

constexpr std::string_view kRed = "31", kGreen = "32", kYellow = "33", kMagenta = "35",
                           kCyan = "36", kDim = "2";

}  // namespace

std::string_view status_color(std::string_view cell) {
  const auto w = first_word(cell);
  // Red for what needs a look (disputed, refuted), green for settled in favour, cyan for a
  // clarification, magenta for a retraction; plain tracking stays dim.
  if (w == "disputed" || w == "refutes") {
    return kRed;
  }
  if (w == "confirmed" || w == "confirms") {
    return kGreen;
  }
  if (w == "clarified" || w == "clarifies") {
    return kCyan;
  }
  if (w == "retracted") {
    return kMagenta;
  }
  if (w == "reported" || w == "supports") {
    return kYellow;
  }
  if (w == "tracked" || w == "mentions") {
    return kDim;
  }
  return "";
}

std::string_view feed_state_color(std::string_view cell) {
  const auto w = first_word(cell);
  if (w == "failing") {
    return kRed;
  }
  if (w == "waiting") {
    return kYellow;
  }
  if (w == "ok") {
    return kGreen;
  }
  if (w == "disabled") {
    return kDim;
  }
  return "";
}

}  // namespace hw::cli
