#pragma once
// The `hypewatch` subcommands. Each returns the process exit code; they throw hw::Failure for
// configuration/storage problems, which main turns into "hypewatch CMD: message" and exit 1.
#include <iosfwd>
#include <optional>
#include <string>

#include "daemon/app.h"

namespace hw::app {

struct Invocation {
  PathOptions paths;
  bool json = false;
  std::string log_level;  // empty: from config or "warning" for the CLI
};

int cmd_poll(const Invocation& inv, bool once, std::ostream& out);
int cmd_demo(const Invocation& inv, std::ostream& out);
int cmd_claims(const Invocation& inv, std::ostream& out);
int cmd_history(const Invocation& inv, const std::string& claim_id, std::ostream& out);
int cmd_alerts(const Invocation& inv, bool undelivered_only, std::ostream& out);
int cmd_feeds(const Invocation& inv, std::ostream& out);
int cmd_parse(const std::string& source, const std::string& base_uri,
              const std::string& content_type, std::ostream& out, std::ostream& err);

}  // namespace hw::app
