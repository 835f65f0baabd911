#include "alerts/webhook_payload.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <nlohmann/json.hpp>

namespace hw::alerts {

std::string webhook_body(std::int64_t alert_id, const Alert& alert) {
  nlohmann::ordered_json j;
  j["id"] = alert_id;
  j["kind"] = to_string(alert.kind);
  j["claim"] = alert.claim_id;
  j["from"] = alert.from ? nlohmann::ordered_json(std::string(to_string(*alert.from)))
                         : nlohmann::ordered_json(nullptr);
  j["to"] = to_string(alert.to);
  j["message"] = alert.message;
  if (alert.story_id != 0) {
    j["story"] = {{"id", alert.story_id}, {"title", alert.story_title}, {"link", alert.story_link}};
  } else {
    j["story"] = nullptr;
  }
  const TimePoint at = alert.at == TimePoint{} ? alert.created_at : alert.at;
  j["at"] = format_utc(at);
  j["created_at"] = format_utc(alert.created_at);
  j["repeat_count"] = alert.repeat_count;
  j["backfill"] = alert.backfill;
  // Invalid UTF-8 from a feed is replaced, never a reason to drop the alert.
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string hmac_sha256_hex(std::string_view secret, std::string_view body) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  // One-shot HMAC(): no context object to own.
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(body.data()), body.size(), digest, &length);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0x0f];
  }
  return out;
}

}  // namespace hw::alerts
