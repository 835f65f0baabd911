#include "feeds/fetcher.h"

#include <curl/curl.h>

#include <memory>
#include <mutex>
#include <string_view>

namespace hw::feeds {
namespace {

struct EasyDeleter {
  void operator()(CURL* h) const { curl_easy_cleanup(h); }
};
struct MultiDeleter {
  void operator()(CURLM* h) const { curl_multi_cleanup(h); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;
using MultiHandle = std::unique_ptr<CURLM, MultiDeleter>;
using HeaderList = std::unique_ptr<curl_slist, SlistDeleter>;

void global_init_once() {
  static std::once_flag flag;
  std::call_once(flag, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// One transfer's buffers; lives until its result is taken.
struct Transfer {
  std::size_t index = 0;
  const FetchRequest* request = nullptr;
  EasyHandle easy;
  HeaderList headers;
  std::string body;
  std::size_t max_body = 0;
  bool too_large = false;
  char error[CURL_ERROR_SIZE] = {};
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  // The cap applies to decoded bytes, so a small gzip bomb is stopped here too.
  if (t->body.size() + n > t->max_body) {
    t->too_large = true;
    return 0;  // makes curl abort the transfer with CURLE_WRITE_ERROR
  }
  t->body.append(data, n);
  return n;
}

std::string header_value(CURL* easy, const char* name) {
  curl_header* h = nullptr;
  if (curl_easy_header(easy, name, 0, CURLH_HEADER, -1, &h) == CURLHE_OK && h != nullptr) {
    return h->value;
  }
  return {};
}

std::string_view reason_phrase(long status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 410:
      return "Gone";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return "";
  }
}

FetchError::Kind kind_of(CURLcode code) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      return FetchError::Kind::timeout;
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
      return FetchError::Kind::connect;
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
      return FetchError::Kind::bad_url;
    case CURLE_FILE_COULDNT_READ_FILE:
    case CURLE_READ_ERROR:
      return FetchError::Kind::io;
    default:
      return FetchError::Kind::protocol;
  }
}

void configure(Transfer& t, const FetchOptions& o) {
  CURL* e = t.easy.get();
  curl_easy_setopt(e, CURLOPT_URL, t.request->url.c_str());
  curl_easy_setopt(e, CURLOPT_PRIVATE, &t);
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t.error);
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  // file:// is allowed for configured feeds, but a redirect must never lead to a local file.
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https,file");
  curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(e, CURLOPT_MAXREDIRS, o.max_redirects);
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, o.connect_timeout_ms);
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, o.total_timeout_ms);
  curl_easy_setopt(e, CURLOPT_USERAGENT, o.user_agent.c_str());
  curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");  // every encoding this libcurl decodes
  curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(o.max_body_bytes));

  curl_slist* list =
      curl_slist_append(nullptr,
                        "Accept: application/rss+xml, application/atom+xml, application/rdf+xml, "
                        "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1");
  if (!t.request->etag.empty()) {
    list = curl_slist_append(list, ("If-None-Match: " + t.request->etag).c_str());
  }
  if (!t.request->last_modified.empty()) {
    list = curl_slist_append(list, ("If-Modified-Since: " + t.request->last_modified).c_str());
  }
  t.headers.reset(list);
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, list);
}

FetchResult finish(Transfer& t, CURLcode code, const FetchOptions& o) {
  CURL* e = t.easy.get();
  const std::string& url = t.request->url;
  long status = 0;
  curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);

  if (t.too_large || code == CURLE_FILESIZE_EXCEEDED) {
    return std::unexpected(FetchError{
        FetchError::Kind::too_large, static_cast<int>(status),
        url + ": body larger than the " + std::to_string(o.max_body_bytes) + "-byte limit"});
  }
  if (code != CURLE_OK) {
    std::string text = t.error[0] != '\0' ? t.error : curl_easy_strerror(code);
    return std::unexpected(FetchError{kind_of(code), static_cast<int>(status), url + ": " + text});
  }
  if (status == 304) {
    return NotModified{};
  }
  // file:// reports 0; http(s) must be 2xx here (redirects were already followed).
  if (status != 0 && (status < 200 || status > 299)) {
    std::string message = url + ": HTTP " + std::to_string(status);
    if (auto reason = reason_phrase(status); !reason.empty()) {
      message += " ";
      message += reason;
    }
    return std::unexpected(
        FetchError{FetchError::Kind::http_status, static_cast<int>(status), message});
  }

  Fetched f;
  f.http_status = static_cast<int>(status);
  f.body = std::move(t.body);
  char* ct = nullptr;
  if (curl_easy_getinfo(e, CURLINFO_CONTENT_TYPE, &ct) == CURLE_OK && ct != nullptr) {
    f.content_type = ct;
  }
  char* effective = nullptr;
  if (curl_easy_getinfo(e, CURLINFO_EFFECTIVE_URL, &effective) == CURLE_OK && effective) {
    f.effective_url = effective;
  } else {
    f.effective_url = url;
  }
  if (status != 0) {
    f.etag = header_value(e, "ETag");
    f.last_modified = header_value(e, "Last-Modified");
  }
  return f;
}

}  // namespace

Fetcher::Fetcher(FetchOptions options) : m_options(std::move(options)) {
  global_init_once();
}

Fetcher::~Fetcher() = default;

std::vector<FetchResult> Fetcher::fetch_all(const std::vector<FetchRequest>& requests) {
  std::vector<FetchResult> results(
      requests.size(),
      std::unexpected(FetchError{FetchError::Kind::protocol, 0, "transfer did not complete"}));
  MultiHandle multi(curl_multi_init());
  if (!multi) {
    for (std::size_t i = 0; i < requests.size(); ++i) {
      results[i] = std::unexpected(
          FetchError{FetchError::Kind::protocol, 0, requests[i].url + ": curl_multi_init failed"});
    }
    return results;
  }
  curl_multi_setopt(multi.get(), CURLMOPT_MAX_TOTAL_CONNECTIONS,
                    static_cast<long>(m_options.max_in_flight));

  std::vector<std::unique_ptr<Transfer>> transfers(requests.size());
  std::size_t next = 0;
  int in_flight = 0;

  auto cancelled = [&] { return m_options.cancel != nullptr && m_options.cancel->load(); };

  auto start_more = [&] {
    while (next < requests.size() && in_flight < m_options.max_in_flight && !cancelled()) {
      auto t = std::make_unique<Transfer>();
      t->index = next;
      t->request = &requests[next];
      t->max_body = m_options.max_body_bytes;
      t->easy.reset(curl_easy_init());
      if (!t->easy) {
        results[next] = std::unexpected(FetchError{FetchError::Kind::protocol, 0,
                                                   requests[next].url + ": curl_easy_init failed"});
        ++next;
        continue;
      }
      configure(*t, m_options);
      CURLMcode mc = curl_multi_add_handle(multi.get(), t->easy.get());
      if (mc != CURLM_OK) {
        results[next] = std::unexpected(FetchError{
            FetchError::Kind::protocol, 0, requests[next].url + ": " + curl_multi_strerror(mc)});
        ++next;
        continue;
      }
      transfers[next] = std::move(t);
      ++next;
      ++in_flight;
    }
  };

  start_more();
  while (in_flight > 0) {
    int running = 0;
    CURLMcode mc = curl_multi_perform(multi.get(), &running);
    if (mc == CURLM_OK) {
      int queued = 0;
      while (CURLMsg* msg = curl_multi_info_read(multi.get(), &queued)) {
        if (msg->msg != CURLMSG_DONE) {
          continue;
        }
        Transfer* raw = nullptr;
        curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &raw);
        results[raw->index] = finish(*raw, msg->data.result, m_options);
        curl_multi_remove_handle(multi.get(), raw->easy.get());
        transfers[raw->index].reset();
        --in_flight;
      }
      start_more();
      // Only sleep when nothing finished: new and completed transfers need perform() now.
      if (in_flight > 0 && running > 0) {
        mc = curl_multi_poll(multi.get(), nullptr, 0, 200, nullptr);
      }
    }
    if (cancelled()) {
      break;
    }
    if (mc != CURLM_OK) {
      // The multi handle is unusable: fail what is still in flight instead of spinning.
      for (auto& t : transfers) {
        if (t && t->easy) {
          curl_multi_remove_handle(multi.get(), t->easy.get());
          results[t->index] = std::unexpected(FetchError{
              FetchError::Kind::protocol, 0, t->request->url + ": " + curl_multi_strerror(mc)});
          t.reset();
        }
      }
      break;
    }
  }
  if (cancelled()) {
    for (auto& t : transfers) {
      if (t && t->easy) {
        curl_multi_remove_handle(multi.get(), t->easy.get());
        results[t->index] = std::unexpected(FetchError{
            FetchError::Kind::cancelled, 0, t->request->url + ": abandoned (shutting down)"});
        t.reset();
      }
    }
    for (std::size_t i = next; i < requests.size(); ++i) {
      results[i] = std::unexpected(FetchError{FetchError::Kind::cancelled, 0,
                                              requests[i].url + ": not started (shutting down)"});
    }
  }
  return results;
}

}  // namespace hw::feeds
