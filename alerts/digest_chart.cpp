#include "alerts/digest_chart.h"

#include <algorithm>
#include <array>
#include <chrono>

namespace hw::alerts {
namespace {

using std::chrono::days;

// "Sep 2": short, and unambiguous in every locale, unlike 09/02.
std::string short_date(std::chrono::sys_days day) {
  static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::chrono::year_month_day ymd{day};
  return std::string(kMonths[static_cast<unsigned>(ymd.month()) - 1]) + " " +
         std::to_string(static_cast<unsigned>(ymd.day()));
}

constexpr const char* kLabelStyle = "font-size:10px;color:#555555;font-family:sans-serif";

}  // namespace

MentionSummary summarize_mentions(const std::vector<int>& per_day) {
  MentionSummary s;
  for (int v : per_day) {
    s.total += v;
    s.busiest = std::max(s.busiest, v);
  }
  return s;
}

std::string mentions_caption(const std::vector<int>& per_day) {
  const auto s = summarize_mentions(per_day);
  return "mentions in the last " + std::to_string(per_day.size()) +
         " days: " + std::to_string(s.total) + " (at most " + std::to_string(s.busiest) +
         " a day)";
}

std::string mentions_chart_html(const std::vector<int>& per_day, TimePoint today) {
  const auto s = summarize_mentions(per_day);
  if (s.total == 0) {
    return {};
  }
  const int n = static_cast<int>(per_day.size());
  const auto last = std::chrono::floor<days>(today);
  const auto first = last - days(n - 1);
  const std::string label = "mentions per day, " + short_date(first) + " to " +
                            short_date(last) + ", at most " + std::to_string(s.busiest);

  std::string out = "<table cellpadding=\"0\" cellspacing=\"1\" border=\"0\" role=\"img\" "
                    "aria-label=\"" + label + "\">\n<tr><td valign=\"top\" align=\"right\" "
                    "height=\"40\" style=\"" + std::string(kLabelStyle) + ";padding-right:3px\">" +
                    std::to_string(s.busiest) + "</td>";
  for (int i = 0; i < n; ++i) {
    const int count = per_day[static_cast<std::size_t>(i)];
    const int height = count == 0 ? 1 : 4 + (36 * count) / s.busiest;
    out += "<td valign=\"bottom\" height=\"40\"><table cellpadding=\"0\" cellspacing=\"0\" "
           "border=\"0\"><tr><td width=\"8\" height=\"" + std::to_string(height) +
           "\" bgcolor=\"" + (count ? "#c0392b" : "#dddddd") + "\" title=\"" +
           short_date(first + days(i)) + ": " + std::to_string(count) + "\"></td></tr></table></td>";
  }
  // Under the bars: 0 on the scale, the first date at the left and the last at the right.
  const int left = n / 2;
  out += "</tr>\n<tr><td align=\"right\" style=\"" + std::string(kLabelStyle) +
         ";padding-right:3px\">0</td><td colspan=\"" + std::to_string(left) +
         "\" align=\"left\" style=\"" + kLabelStyle + "\">" + short_date(first) +
         "</td><td colspan=\"" + std::to_string(n - left) + "\" align=\"right\" style=\"" +
         kLabelStyle + "\">" + short_date(last) + "</td></tr>\n</table>";
  return out;
}

}  // namespace hw::alerts
