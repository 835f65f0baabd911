// `hypewatch digest --dry-run | --send`: the alert digest on demand.
#include <iostream>

#include "cli/commands.h"
#include "app/digest_delivery.h"
#include "util/printable.h"

namespace hw::app {

int cmd_digest(const Invocation& inv, bool send, bool html, std::ostream& out) {
  const Loaded loaded = load_everything(config_path(inv.paths));
  const auto db = database_path(inv.paths, &loaded.config);
  SystemClock clock;
  if (!send) {
    // A preview changes nothing, so it works beside the daemon and on a database we may only
    // read.
    PathOptions paths = inv.paths;
    paths.db = db;
    auto store = open_for_query(paths);
    DigestDelivery delivery(loaded.config.digest, store, clock);
    const auto digest = delivery.preview();
    if (!digest) {
      out << "no undelivered alerts\n";
      return 0;
    }
    if (html) {
      // A document a browser opens as it is (`> digest.html`); the subject is its <title>.
      out << digest->html;
    } else {
      out << "Subject: " << digest->subject << "\n\n" << digest->text;
    }
    return 0;
  }
  // Sending is the daemon's job too: two senders would each send the pending digest.
  const auto lock = take_writer_lock(db);
  auto store = open_for_write(db);
  DigestDelivery delivery(loaded.config.digest, store, clock);
  const auto r = delivery.deliver(/*force=*/true);
  switch (r.outcome) {
    case DeliveryResult::Outcome::nothing_to_send:
      out << "no undelivered alerts\n";
      return 0;
    case DeliveryResult::Outcome::sent:
      out << "digest " << r.message_id << " delivered: " << r.alerts << " alerts\n";
      return 0;
    case DeliveryResult::Outcome::failed:
    case DeliveryResult::Outcome::waiting_for_retry:
      out << "digest " << r.message_id << " NOT delivered (" << r.alerts
          << " alerts kept for retry): " << printable(r.error) << "\n";
      return EX_UNAVAILABLE;
  }
  return EX_SOFTWARE;
}

}  // namespace hw::app
