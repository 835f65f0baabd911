#pragma once
// What the terminal allows: how wide tables may be, and whether to colour them.
#include <optional>
#include <string>

namespace hw::cli {

enum class ColorWhen { automatic, always, never };

// The width tables are fitted to; 0 = no limit. An explicit --width wins; on a terminal, a
// positive `COLUMNS` (what the shell says after a resize), else the terminal's own size, else
// 80; piped or redirected output is never cut, so scripts and `less -S` get everything.
int table_width(std::optional<int> asked, bool stdout_is_tty, const char* columns_env,
                int tty_columns);

// Colour on a terminal unless NO_COLOR is set to anything non-empty (no-color.org); --color
// always/never overrides both.
bool use_color(ColorWhen when, bool stdout_is_tty, const char* no_color_env);

// The facts above for this process's stdout.
struct Terminal {
  bool is_tty = false;
  int columns = 0;  // from TIOCGWINSZ; 0 when unknown
};
Terminal stdout_terminal();

}  // namespace hw::cli
