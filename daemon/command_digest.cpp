// `hypewatch digest --dry-run | --send`: the alert digest on demand.
#include <iostream>

#include "daemon/commands.h"
#include "daemon/digest_delivery.h"

namespace hw::app {

int cmd_digest(const Invocation& inv, bool send, bool html, std::ostream& out) {
  const Loaded loaded = load_everything(config_path(inv.paths));
  const auto db = database_path(inv.paths, &loaded.config);
  auto store = open_for_write(db);
  SystemClock clock;
  DigestDelivery delivery(loaded.config.digest, store, db, clock);
  if (!send) {
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
          << " alerts kept for retry): " << r.error << "\n";
      return 1;
  }
  return 1;
}

}  // namespace hw::app
