#pragma once
// What a webhook receives for one alert (README, "Webhooks"): a JSON body and, when the
// endpoint has a secret, an HMAC-SHA256 over exactly those bytes.
#include <cstdint>
#include <string>
#include <string_view>

#include "model/alert.h"

namespace hw::alerts {

// The JSON document POSTed for alert `alert_id`: {"id","kind","claim","from","to","message",
// "story":{"id","title","link"}|null,"at","created_at","repeat_count","backfill"}, keys in
// that order, times as YYYY-MM-DDTHH:MM:SSZ, "from" null when the alert has none.
std::string webhook_body(std::int64_t alert_id, const Alert& alert);

// Lower-case hex HMAC-SHA256 of `body` under `secret` (the X-Hypewatch-Signature header
// carries it as "sha256=HEX", the form GitHub's and many receivers' verifiers expect).
std::string hmac_sha256_hex(std::string_view secret, std::string_view body);

}  // namespace hw::alerts
