#include "cli/table_output.h"

namespace hw::cli {

void print_table(const Table& table, const Invocation& inv, std::ostream& out) {
  if (inv.csv) {
    table.print_csv(out);
  } else {
    table.print(out, {inv.width, inv.color});
  }
}

}  // namespace hw::cli
