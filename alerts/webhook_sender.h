#pragma once
// POSTing one alert to one webhook endpoint (README, "Webhooks").
#include <chrono>
#include <expected>
#include <string>
#include <string_view>

#include "util/error.h"

namespace hw::alerts {

struct WebhookRequest {
  std::string url;          // http(s)://, no user information (refused by the config)
  std::string secret;       // empty: no signature header
  std::string delivery_id;  // X-Hypewatch-Delivery: the same on every retry of one delivery
  std::string body;         // webhook_body()
  std::chrono::milliseconds timeout{10'000};  // the whole request
};

// Sends the request; only a 2xx answer is success. The error names the URL and the reason:
// "webhook http://127.0.0.1:8080/hook: HTTP 500", "…: Operation timed out after 2000 ms …".
// Never follows redirects (a signed body must not be re-sent to another host unasked).
std::expected<void, Error> post_webhook(const WebhookRequest& request);

}  // namespace hw::alerts
