#pragma once
// A command's table as the invocation asks: CSV for scripts, else fitted to the terminal's
// width and coloured when it is a terminal (cli/terminal.h decides both).
#include <ostream>

#include "cli/commands.h"
#include "cli/table.h"

namespace hw::cli {

void print_table(const Table& table, const Invocation& inv, std::ostream& out);

}  // namespace hw::cli
