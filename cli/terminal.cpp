#include "cli/terminal.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <charconv>
#include <cstring>

namespace hw::cli {

int table_width(std::optional<int> asked, bool stdout_is_tty, const char* columns_env,
                int tty_columns) {
  if (asked) {
    return *asked;
  }
  if (!stdout_is_tty) {
    return 0;
  }
  if (columns_env != nullptr) {
    int n = 0;
    const char* end = columns_env + std::strlen(columns_env);
    const auto [ptr, ec] = std::from_chars(columns_env, end, n);
    if (ec == std::errc() && ptr == end && n > 0) {
      return n;
    }
  }
  return tty_columns > 0 ? tty_columns : 80;
}

bool use_color(ColorWhen when, bool stdout_is_tty, const char* no_color_env) {
  switch (when) {
    case ColorWhen::always:
      return true;
    case ColorWhen::never:
      return false;
    case ColorWhen::automatic:
      break;
  }
  return stdout_is_tty && (no_color_env == nullptr || *no_color_env == '\0');
}

Terminal stdout_terminal() {
  Terminal t;
  t.is_tty = isatty(STDOUT_FILENO) == 1;
  winsize ws{};
  if (t.is_tty && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0) {
    t.columns = ws.ws_col;
  }
  return t;
}

}  // namespace hw::cli
