#include "feeds/date_parser.h"
#include "feeds/xml_text.h"

#include <array>
#include <cctype>
#include <chrono>
#include <string>
#include <vector>

namespace hw::feeds {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool all_digits(std::string_view s) {
  if (s.empty())
    return false;
  for (char c : s) {
    if (!is_digit(c))
      return false;
  }
  return true;
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s)
    v = v * 10 + (c - '0');
  return v;
}

struct Fields {
  int year = 0;
  int month = 0;
  int day = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
  seconds offset{0};  // local time minus UTC
};

std::optional<TimePoint> assemble(const Fields& f) {
  using namespace std::chrono;
  const year_month_day ymd{year{f.year}, month{static_cast<unsigned>(f.month)},
                           day{static_cast<unsigned>(f.day)}};
  if (!ymd.ok() || f.year < 1900 || f.year > 9999)
    return std::nullopt;
  if (f.hour > 23 || f.minute > 59 || f.second > 60)
    return std::nullopt;
  // A leap second is folded into the next second rather than rejected.
  const TimePoint local = sys_days{ymd} + hours{f.hour} + minutes{f.minute} + seconds{f.second};
  return local - f.offset;
}

// "+hh:mm", "+hhmm", "+hh"; nullopt when malformed or out of range.
std::optional<seconds> parse_numeric_offset(std::string_view s) {
  if (s.size() < 2 || (s[0] != '+' && s[0] != '-'))
    return std::nullopt;
  const int sign = s[0] == '-' ? -1 : 1;
  std::string_view rest = s.substr(1);
  std::string_view hh;
  std::string_view mm = "00";
  if ((rest.size() == 5 || rest.size() == 4) && rest[2] == ':') {
    hh = rest.substr(0, 2);
    mm = rest.substr(3);
  } else if (rest.size() == 4) {
    hh = rest.substr(0, 2);
    mm = rest.substr(2, 2);
  } else if (rest.size() <= 2) {
    hh = rest;
  } else {
    return std::nullopt;
  }
  if (!all_digits(hh) || !all_digits(mm))
    return std::nullopt;
  const int h = to_int(hh);
  const int m = to_int(mm);
  if (h > 23 || m > 59)
    return std::nullopt;
  return seconds{sign * (h * 3600 + m * 60)};
}

std::optional<seconds> parse_named_zone(std::string_view token) {
  struct Zone {
    std::string_view name;
    int minutes;
  };
  static constexpr std::array kZones = {
      Zone{"z", 0},       Zone{"ut", 0},      Zone{"utc", 0},     Zone{"gmt", 0},
      Zone{"etc/gmt", 0}, Zone{"etc/utc", 0}, Zone{"wet", 0},     Zone{"est", -300},
      Zone{"edt", -240},  Zone{"cst", -360},  Zone{"cdt", -300},  Zone{"mst", -420},
      Zone{"mdt", -360},  Zone{"pst", -480},  Zone{"pdt", -420},  Zone{"at", -240},
      Zone{"et", -300},   Zone{"ct", -360},   Zone{"mt", -420},   Zone{"pt", -480},
      Zone{"ast", -240},  Zone{"adt", -180},  Zone{"akst", -540}, Zone{"akdt", -480},
      Zone{"hst", -600},  Zone{"bst", 60},    Zone{"cet", 60},    Zone{"met", 60},
      Zone{"west", 60},   Zone{"cest", 120},  Zone{"mest", 120},  Zone{"eet", 120},
      Zone{"eest", 180},  Zone{"msk", 180},   Zone{"ist", 330},   Zone{"jst", 540},
      Zone{"kst", 540},   Zone{"aest", 600},  Zone{"aedt", 660},  Zone{"nzst", 720},
      Zone{"nzdt", 780},
  };
  const std::string name = lower(token);
  for (const Zone& z : kZones) {
    if (z.name == name)
      return minutes{z.minutes};
  }
  // RFC 822 military zones; J is unused and Z is UTC.
  if (name.size() == 1 && name[0] >= 'a' && name[0] <= 'z' && name[0] != 'j') {
    const char c = name[0];
    if (c == 'z')
      return seconds{0};
    if (c <= 'i')
      return hours{-(c - 'a' + 1)};
    if (c <= 'm')
      return hours{-(c - 'a')};
    return hours{c - 'n' + 1};
  }
  return std::nullopt;
}

std::optional<seconds> parse_zone(std::string_view token) {
  if (token.starts_with('+') || token.starts_with('-'))
    return parse_numeric_offset(token);
  const std::string name = lower(token);
  for (std::string_view prefix : {"gmt", "utc", "ut"}) {
    if (name.size() > prefix.size() && name.starts_with(prefix) &&
        (name[prefix.size()] == '+' || name[prefix.size()] == '-')) {
      return parse_numeric_offset(token.substr(prefix.size()));
    }
  }
  return parse_named_zone(token);
}

// Lower case for ASCII and for the Latin-1 capitals in UTF-8 ("MÄRZ", "FÉV"), which is all
// the month names below need.
std::string fold_case(std::string_view s) {
  std::string out = lower(s);
  for (std::size_t i = 0; i + 1 < out.size(); ++i) {
    const auto lead = static_cast<unsigned char>(out[i]);
    const auto next = static_cast<unsigned char>(out[i + 1]);
    if (lead == 0xC3 && next >= 0x80 && next <= 0x9E && next != 0x97) {
      out[i + 1] = static_cast<char>(next + 0x20);
    }
  }
  return out;
}

// Month names in English, French, German, Spanish, Italian, Portuguese and Dutch, because
// feeds from those newsrooms write RFC 822 dates with local names ("Seg, 24 Set 2018").
// A token matches a name it is a prefix of (at least 3 bytes: "sept", "févr", "juil") or one
// of the abbreviations that are not prefixes ("mrt", "mrz"). A prefix shared by two different
// months ("jui": juin, juillet) is not a month.
int month_from_name(std::string_view token) {
  struct Name {
    std::string_view name;
    int month;
  };
  static constexpr std::array kNames = {
      Name{"january", 1},    Name{"janvier", 1},   Name{"januar", 1},     Name{"enero", 1},
      Name{"gennaio", 1},    Name{"janeiro", 1},   Name{"januari", 1},    Name{"february", 2},
      Name{"février", 2},    Name{"fevrier", 2},   Name{"februar", 2},    Name{"febrero", 2},
      Name{"febbraio", 2},   Name{"fevereiro", 2}, Name{"februari", 2},   Name{"march", 3},
      Name{"mars", 3},       Name{"märz", 3},      Name{"maerz", 3},      Name{"mrz", 3},
      Name{"marzo", 3},      Name{"março", 3},     Name{"marco", 3},      Name{"maart", 3},
      Name{"mrt", 3},        Name{"april", 4},     Name{"avril", 4},      Name{"abril", 4},
      Name{"aprile", 4},     Name{"may", 5},       Name{"mai", 5},        Name{"mayo", 5},
      Name{"maggio", 5},     Name{"maio", 5},      Name{"mei", 5},        Name{"june", 6},
      Name{"juin", 6},       Name{"juni", 6},      Name{"junio", 6},      Name{"giugno", 6},
      Name{"junho", 6},      Name{"july", 7},      Name{"juillet", 7},    Name{"juli", 7},
      Name{"julio", 7},      Name{"luglio", 7},    Name{"julho", 7},      Name{"august", 8},
      Name{"août", 8},       Name{"aout", 8},      Name{"agosto", 8},     Name{"augustus", 8},
      Name{"september", 9},  Name{"septembre", 9}, Name{"septiembre", 9}, Name{"setiembre", 9},
      Name{"settembre", 9},  Name{"setembro", 9},  Name{"sept", 9},       Name{"october", 10},
      Name{"octobre", 10},   Name{"oktober", 10},  Name{"octubre", 10},   Name{"ottobre", 10},
      Name{"outubro", 10},   Name{"november", 11}, Name{"novembre", 11},  Name{"noviembre", 11},
      Name{"novembro", 11},  Name{"december", 12}, Name{"décembre", 12},  Name{"decembre", 12},
      Name{"dezember", 12},  Name{"diciembre", 12}, Name{"dicembre", 12}, Name{"dezembro", 12},
  };
  const std::string name = fold_case(token);
  if (name.size() < 3)
    return 0;
  int found = 0;
  for (const Name& n : kNames) {
    if (n.name.starts_with(name)) {
      if (found != 0 && found != n.month)
        return 0;
      found = n.month;
    }
  }
  return found;
}

// "hh:mm[:ss[.fff]]"
bool parse_clock(std::string_view s, Fields& f) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t colon = s.find(':', start);
    parts.push_back(s.substr(start, colon - start));
    if (colon == std::string_view::npos)
      break;
    start = colon + 1;
  }
  if (parts.size() < 2 || parts.size() > 3)
    return false;
  if (parts.size() == 3) {
    if (const std::size_t dot = parts[2].find('.'); dot != std::string_view::npos) {
      if (!all_digits(parts[2].substr(dot + 1)))
        return false;
      parts[2] = parts[2].substr(0, dot);
    }
  }
  for (std::string_view p : parts) {
    if (!all_digits(p) || p.size() > 2)
      return false;
  }
  f.hour = to_int(parts[0]);
  f.minute = to_int(parts[1]);
  f.second = parts.size() == 3 ? to_int(parts[2]) : 0;
  return true;
}

int expand_year(std::string_view digits) {
  const int y = to_int(digits);
  if (digits.size() == 2)
    return y < 50 ? 2000 + y : 1900 + y;
  if (digits.size() == 3)
    return 1900 + y;
  return y;
}

// RFC 822 and relatives: every token must be understood, in any common order
// ("Sun, 06 Nov 1994 08:49:37 GMT", "Sun Nov  6 08:49:37 1994", "Thu Aug 30 2012 17:26:16 +0200").
std::optional<TimePoint> parse_rfc822(std::string_view text) {
  std::vector<std::string_view> tokens;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == ' ' || text[i] == ',' || text[i] == '\t') {
      ++i;
      continue;
    }
    const std::size_t end = text.find_first_of(" ,\t", i);
    tokens.push_back(text.substr(i, end - i));
    i = end == std::string_view::npos ? text.size() : end;
  }
  if (tokens.empty())
    return std::nullopt;

  // "24." and "Sep." (German and French abbreviate with a full stop).
  for (std::string_view& t : tokens) {
    if (t.size() > 1 && t.ends_with('.'))
      t.remove_suffix(1);
  }
  // Day names collide with month names across languages: "mar" is Tuesday in Spanish, French
  // and Italian and March elsewhere. A leading word is the day name when a month follows.
  bool month_follows = false;
  for (std::size_t i = 1; i < tokens.size(); ++i) {
    month_follows = month_follows || month_from_name(tokens[i]) != 0;
  }

  Fields f;
  bool have_day = false;
  bool have_year = false;
  bool have_time = false;
  bool have_zone = false;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    std::string_view t = tokens[i];
    if (t.starts_with('(') && t.ends_with(')'))
      continue;  // "(PST)" comments
    if (i == 0 && month_follows && (is_alpha(t[0]) || static_cast<unsigned char>(t[0]) >= 0x80)) {
      continue;  // a day name, in whatever language
    }
    if (const int m = month_from_name(t); m != 0 && f.month == 0 && !have_time) {
      f.month = m;
    } else if (i == 0 && is_alpha(t[0])) {
      continue;  // a day name, in whatever language
    } else if (!have_year && (lower(t) == "de" || lower(t) == "del")) {
      continue;  // "24 de septiembre de 2018"
    } else if (all_digits(t) && !have_time && !have_day && f.month != 0 && t.size() <= 2) {
      f.day = to_int(t);
      have_day = true;
    } else if (all_digits(t) && !have_time && !have_day && f.month == 0 && t.size() <= 2) {
      f.day = to_int(t);
      have_day = true;
    } else if (all_digits(t) && !have_year && have_day && f.month != 0 &&
               (t.size() == 2 || t.size() == 4 || (t.size() == 3 && !have_time))) {
      f.year = expand_year(t);
      have_year = true;
    } else if (!have_time && t.find(':') != std::string_view::npos && is_digit(t[0])) {
      if (!parse_clock(t, f))
        return std::nullopt;
      have_time = true;
    } else if (have_time && !have_zone && (lower(t) == "am" || lower(t) == "pm")) {
      if (f.hour < 1 || f.hour > 12)
        return std::nullopt;
      f.hour = f.hour % 12 + (lower(t) == "pm" ? 12 : 0);
    } else if (have_time && !have_zone) {
      const auto zone = parse_zone(t);
      if (!zone)
        return std::nullopt;
      f.offset = *zone;
      have_zone = true;
    } else {
      return std::nullopt;
    }
  }
  if (!have_day || !have_year || f.month == 0)
    return std::nullopt;
  return assemble(f);
}

// YYYY[-MM[-DD]][(T|space)hh:mm[:ss[.frac]]][space][Z|+hh:mm|+hhmm|+hh]
std::optional<TimePoint> parse_iso8601(std::string_view s) {
  Fields f;
  f.month = 1;
  f.day = 1;
  f.year = to_int(s.substr(0, 4));
  std::size_t i = 4;
  const auto two_digits = [&](int& out) {
    if (i + 2 > s.size() || !is_digit(s[i]) || !is_digit(s[i + 1]))
      return false;
    out = to_int(s.substr(i, 2));
    i += 2;
    return true;
  };
  if (i < s.size() && s[i] == '-') {
    ++i;
    if (!two_digits(f.month))
      return std::nullopt;
    if (i < s.size() && s[i] == '-') {
      ++i;
      if (!two_digits(f.day))
        return std::nullopt;
    }
  }
  if (f.month < 1 || f.month > 12)
    return std::nullopt;
  if (i < s.size() && (s[i] == 'T' || s[i] == 't' || s[i] == ' ')) {
    ++i;
    if (!two_digits(f.hour) || i >= s.size() || s[i] != ':')
      return std::nullopt;
    ++i;
    if (!two_digits(f.minute))
      return std::nullopt;
    if (i < s.size() && s[i] == ':') {
      ++i;
      if (!two_digits(f.second))
        return std::nullopt;
      if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
        ++i;
        const std::size_t start = i;
        while (i < s.size() && is_digit(s[i]))
          ++i;
        if (i == start)
          return std::nullopt;
      }
    }
    if (i < s.size() && s[i] == ' ')
      ++i;
    if (i < s.size()) {
      const std::string_view zone = s.substr(i);
      if (zone == "Z" || zone == "z") {
        i = s.size();
      } else {
        const auto offset = parse_numeric_offset(zone);
        if (!offset)
          return std::nullopt;
        f.offset = *offset;
        i = s.size();
      }
    }
  }
  if (i != s.size())
    return std::nullopt;
  return assemble(f);
}

}  // namespace

std::optional<TimePoint> parse_date(std::string_view text) {
  text = trim_xml(text);
  if (text.size() < 4 || text.size() > 100)
    return std::nullopt;
  if (all_digits(text.substr(0, 4)) && (text.size() == 4 || text[4] == '-')) {
    return parse_iso8601(text);
  }
  return parse_rfc822(text);
}

}  // namespace hw::feeds
