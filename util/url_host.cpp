#include "util/url_host.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <memory>

namespace hw {

namespace {

struct UrlDeleter {
  void operator()(CURLU* u) const { curl_url_cleanup(u); }
};
struct CurlStringDeleter {
  void operator()(char* s) const { curl_free(s); }
};

}  // namespace

std::string url_host(std::string_view url) {
  const std::unique_ptr<CURLU, UrlDeleter> handle(curl_url());
  if (!handle) {
    return {};
  }
  // Without CURLU_NON_SUPPORT_SCHEME libcurl refuses schemes it was built without; a story's
  // link may use any. Without a "://" curl would guess a scheme, and a bare word is no URL.
  if (url.find("://") == std::string_view::npos ||
      curl_url_set(handle.get(), CURLUPART_URL, std::string(url).c_str(),
                   CURLU_NON_SUPPORT_SCHEME | CURLU_ALLOW_SPACE) != CURLUE_OK) {
    return {};
  }
  char* raw = nullptr;
  if (curl_url_get(handle.get(), CURLUPART_HOST, &raw, 0) != CURLUE_OK || raw == nullptr) {
    return {};
  }
  const std::unique_ptr<char, CurlStringDeleter> owned(raw);
  std::string host(raw);
  std::ranges::transform(host, host.begin(),
                         [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return host;
}

std::string url_site(std::string_view url) {
  std::string host = url_host(url);
  if (host.starts_with("www.")) {
    host.erase(0, 4);
  }
  return host;
}

}  // namespace hw
