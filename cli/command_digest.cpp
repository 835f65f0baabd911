// `hypewatch digest --dry-run | --send`: the alert digest on demand.
#include <iostream>

#include "app/digest_delivery.h"
#include "cli/commands.h"
#include "util/printable.h"

namespace hw::cli {

int cmd_digest(const Invocation& inv, bool send, bool html, std::ostream& out) {
  const app::Loaded loaded = app::load_everything(app::config_path(inv.paths));
  const auto db = app::database_path(inv.paths, &loaded.config);
  SystemClock clock;
  if (!send) {
    // A preview changes nothing, so it works beside the daemon and on a database we may only
    // read.
    app::PathOptions paths = inv.paths;
    paths.db = db;
    auto store = app::open_for_query(paths);
    app::DigestDelivery delivery(loaded.config.digest, store, clock);
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
  const auto lock = app::take_writer_lock(db);
  auto store = app::open_for_write(db);
  app::DigestDelivery delivery(loaded.config.digest, store, clock);
  const auto r = delivery.deliver(/*force=*/true);
  switch (r.outcome) {
    case app::DeliveryResult::Outcome::nothing_to_send:
      out << "no undelivered alerts\n";
      return 0;
    case app::DeliveryResult::Outcome::sent:
      out << "digest " << r.message_id << " delivered: " << r.alerts << " alerts\n";
      return 0;
    case app::DeliveryResult::Outcome::failed:
    case app::DeliveryResult::Outcome::waiting_for_retry:
      out << "digest " << r.message_id << " NOT delivered (" << r.alerts
          << " alerts kept for retry): " << printable(r.error) << "\n";
      return EX_UNAVAILABLE;
  }
  return EX_SOFTWARE;
}

}  // namespace hw::cli
