#include "alerts/webhook_sender.h"

#include <curl/curl.h>

#include <algorithm>
#include <memory>

#include "alerts/webhook_payload.h"
#include "util/curl_handles.h"

namespace hw::alerts {
namespace {

// The endpoint's reply is not used; read at most this much of it for the error message.
constexpr std::size_t kMaxReply = 4096;

std::size_t keep_reply(char* data, std::size_t size, std::size_t count, void* user) {
  auto* reply = static_cast<std::string*>(user);
  const std::size_t n = size * count;
  reply->append(data, std::min(n, kMaxReply - std::min(kMaxReply, reply->size())));
  return n;
}

}  // namespace

std::expected<void, Error> post_webhook(const WebhookRequest& request) {
  const std::string where = "webhook " + request.url + ": ";
  curl_global_init(CURL_GLOBAL_DEFAULT);
  CurlEasy easy(curl_easy_init());
  if (!easy) {
    return std::unexpected(Error{where + "curl_easy_init failed"});
  }
  CURL* e = easy.get();
  char errbuf[CURL_ERROR_SIZE] = {};
  std::string reply;
  CurlSlist headers;
  auto add = [&](const std::string& h) {
    // curl_slist_append returns the same head, or nullptr (then the list is unchanged).
    if (curl_slist* head = curl_slist_append(headers.get(), h.c_str())) {
      (void)headers.release();
      headers.reset(head);
    }
  };
  add("Content-Type: application/json");
  add("X-Hypewatch-Delivery: " + request.delivery_id);
  if (!request.secret.empty()) {
    add("X-Hypewatch-Signature: sha256=" + hmac_sha256_hex(request.secret, request.body));
  }
  add("Expect:");  // no 100-continue round trip for a small body
  const long timeout_ms = static_cast<long>(request.timeout.count());
  curl_easy_setopt(e, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, std::min(timeout_ms, 15'000L));
  curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(e, CURLOPT_USERAGENT, "hypewatch-webhook/0.1");
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(e, CURLOPT_POSTFIELDS, request.body.data());
  curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, keep_reply);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, &reply);
  const CURLcode rc = curl_easy_perform(e);
  if (rc != CURLE_OK) {
    return std::unexpected(Error{where + (errbuf[0] ? errbuf : curl_easy_strerror(rc))});
  }
  long code = 0;
  curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &code);
  if (code < 200 || code > 299) {
    return std::unexpected(Error{where + "HTTP " + std::to_string(code)});
  }
  return {};
}

}  // namespace hw::alerts
