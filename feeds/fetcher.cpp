#include "feeds/fetcher.h"

#include <curl/curl.h>

#include <algorithm>
#include <charconv>
#include <deque>
#include <mutex>
#include <string_view>
#include <unordered_map>

#include "feeds/host_throttle.h"

namespace hw::feeds {
namespace {

using Steady = std::chrono::steady_clock;

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
  std::string host;
  EasyHandle easy;
  HeaderList headers;
  std::string body;
  std::size_t max_body = 0;
  bool too_large = false;
  // Status code and reason phrase of every response in the redirect chain, in order.
  std::vector<std::pair<int, std::string>> statuses;
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

// Sees every header line of every response; we keep the status lines so that a redirect
// chain can be judged permanent or not (curl only reports the last status).
std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  std::string_view line(data, n);
  if (line.starts_with("HTTP/")) {
    const auto sp = line.find(' ');
    int code = 0;
    if (sp != std::string_view::npos) {
      const auto* begin = line.data() + sp + 1;
      auto [ptr, ec] = std::from_chars(begin, line.data() + line.size(), code);
      if (ec == std::errc{} && code >= 200) {  // 1xx are interim, not part of the chain
        std::string_view reason(ptr, static_cast<std::size_t>(line.data() + line.size() - ptr));
        while (!reason.empty() && (reason.front() == ' ')) {
          reason.remove_prefix(1);
        }
        while (!reason.empty() && (reason.back() == '\r' || reason.back() == '\n')) {
          reason.remove_suffix(1);
        }
        // The reason phrase is the server's text: keep it short and printable.
        std::string clean;
        for (char c : reason.substr(0, 60)) {
          clean += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
        }
        t->statuses.emplace_back(code, clean);
      }
    }
  }
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
    case CURLE_TOO_MANY_REDIRECTS:
      return FetchError::Kind::too_many_redirects;
    default:
      return FetchError::Kind::protocol;
  }
}

std::optional<std::chrono::seconds> max_age_of(std::string_view cache_control) {
  std::string lower(cache_control);
  std::ranges::transform(lower, lower.begin(),
                         [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower.find("no-store") != std::string::npos || lower.find("no-cache") != std::string::npos) {
    return std::nullopt;
  }
  for (std::size_t pos = lower.find("max-age"); pos != std::string::npos;
       pos = lower.find("max-age", pos + 1)) {
    if (pos > 0 && lower[pos - 1] == '-') {  // s-maxage is for shared caches, not for us
      continue;
    }
    std::size_t p = pos + 7;
    while (p < lower.size() && lower[p] == ' ') {
      ++p;
    }
    if (p >= lower.size() || lower[p] != '=') {
      continue;
    }
    ++p;
    while (p < lower.size() && (lower[p] == ' ' || lower[p] == '"')) {
      ++p;
    }
    long long v = 0;
    auto [ptr, ec] = std::from_chars(lower.data() + p, lower.data() + lower.size(), v);
    if (ec == std::errc{} && v >= 0) {
      return std::chrono::seconds{v};
    }
  }
  return std::nullopt;
}

void configure(Transfer& t, const FetchOptions& o) {
  CURL* e = t.easy.get();
  curl_easy_setopt(e, CURLOPT_URL, t.request->url.c_str());
  curl_easy_setopt(e, CURLOPT_PRIVATE, &t);
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t.error);
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, &t);
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
  curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(t.max_body));
  // HTTP/2 where the server offers it (over TLS by ALPN). For https, wait for a connection
  // being set up to the same host to tell whether it multiplexes rather than opening another;
  // cleartext HTTP/1.1 cannot multiplex, and waiting there would bunch requests up behind the
  // first response and defeat the per-host gap.
  curl_easy_setopt(e, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  if (t.request->url.starts_with("https://")) {
    curl_easy_setopt(e, CURLOPT_PIPEWAIT, 1L);
  }
  curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);

  curl_slist* list = curl_slist_append(
      nullptr,
      "Accept: application/rss+xml, application/atom+xml, application/rdf+xml, "
      "application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, "
      "*/*;q=0.1");
  if (!t.request->etag.empty()) {
    list = curl_slist_append(list, ("If-None-Match: " + t.request->etag).c_str());
  }
  if (!t.request->last_modified.empty()) {
    list = curl_slist_append(list, ("If-Modified-Since: " + t.request->last_modified).c_str());
  }
  t.headers.reset(list);
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, list);
}

ResponseHints hints_of(const Transfer& t, long status) {
  ResponseHints h;
  CURL* e = t.easy.get();
  // Permanent only when every hop was: a 302 anywhere means the old URL stays the right one.
  if (t.statuses.size() >= 2) {
    const bool permanent = std::all_of(t.statuses.begin(), t.statuses.end() - 1, [](const auto& s) {
      return s.first == 301 || s.first == 308;
    });
    char* effective = nullptr;
    if (permanent && curl_easy_getinfo(e, CURLINFO_EFFECTIVE_URL, &effective) == CURLE_OK &&
        effective != nullptr && t.request->url != effective) {
      h.moved_to = effective;
    }
  }
  if (status == 200 || status == 304) {
    h.max_age = max_age_of(header_value(e, "Cache-Control"));
  }
  return h;
}

FetchResult finish(Transfer& t, CURLcode code, const FetchOptions& o) {
  CURL* e = t.easy.get();
  const std::string& url = t.request->url;
  long status = 0;
  curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);

  if (t.too_large || code == CURLE_FILESIZE_EXCEEDED) {
    return std::unexpected(FetchError{FetchError::Kind::too_large,
                                      static_cast<int>(status),
                                      url + ": body larger than the " + std::to_string(t.max_body) +
                                          "-byte limit (after decompression)",
                                      {},
                                      hints_of(t, status)});
  }
  if (code == CURLE_TOO_MANY_REDIRECTS) {
    return std::unexpected(FetchError{
        FetchError::Kind::too_many_redirects,
        static_cast<int>(status),
        url + ": more than " + std::to_string(o.max_redirects) + " redirects (a redirect loop?)",
        {},
        {}});
  }
  if (code != CURLE_OK) {
    std::string text = t.error[0] != '\0' ? t.error : curl_easy_strerror(code);
    if (code == CURLE_UNSUPPORTED_PROTOCOL && !t.statuses.empty()) {
      text = "redirected to a URL that is not http/https (" + text + ")";
    }
    return std::unexpected(
        FetchError{kind_of(code), static_cast<int>(status), url + ": " + text, {}, {}});
  }
  if (status == 304) {
    NotModified nm;
    nm.etag = header_value(e, "ETag");
    nm.last_modified = header_value(e, "Last-Modified");
    nm.hints = hints_of(t, status);
    return nm;
  }
  // file:// reports 0; http(s) must be 2xx here (redirects were already followed).
  if (status != 0 && (status < 200 || status > 299)) {
    std::string message = url + ": HTTP " + std::to_string(status);
    std::string reason(reason_phrase(status));
    if (!t.statuses.empty() && t.statuses.back().first == status &&
        !t.statuses.back().second.empty()) {
      reason = t.statuses.back().second;
    }
    if (!reason.empty()) {
      message += " " + reason;
    }
    FetchError err{FetchError::Kind::http_status, static_cast<int>(status), message, {}, {}};
    if (status == 429 || status == 503) {
      err.retry_after = header_value(e, "Retry-After");
      if (!err.retry_after.empty()) {
        err.message += " (Retry-After: " + err.retry_after.substr(0, 40) + ")";
      }
    }
    err.hints = hints_of(t, status);
    return std::unexpected(std::move(err));
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
    f.hints = hints_of(t, status);
  }
  return f;
}

}  // namespace

struct Fetcher::Multi {
  MultiHandle handle;
};

Fetcher::Fetcher(FetchOptions options) : m_options(std::move(options)) {
  global_init_once();
  m_multi = std::make_unique<Multi>();
  m_multi->handle.reset(curl_multi_init());
  if (CURLM* m = m_multi->handle.get()) {
    curl_multi_setopt(m, CURLMOPT_MAX_TOTAL_CONNECTIONS,
                      static_cast<long>(m_options.max_in_flight));
    curl_multi_setopt(m, CURLMOPT_MAX_HOST_CONNECTIONS, static_cast<long>(m_options.max_per_host));
    // Keep idle connections for the next cycle (the cache lives in this multi handle).
    curl_multi_setopt(m, CURLMOPT_MAXCONNECTS, static_cast<long>(m_options.max_in_flight * 4));
    curl_multi_setopt(m, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
  }
}

Fetcher::~Fetcher() = default;

std::vector<FetchResult> Fetcher::fetch_all(const std::vector<FetchRequest>& requests) {
  std::vector<FetchResult> results(
      requests.size(), std::unexpected(FetchError{
                           FetchError::Kind::protocol, 0, "transfer did not complete", {}, {}}));
  fetch_each(requests, [&](std::size_t i, FetchResult&& r) { results[i] = std::move(r); });
  return results;
}

void Fetcher::fetch_each(const std::vector<FetchRequest>& requests,
                         const std::function<void(std::size_t, FetchResult&&)>& on_result) {
  CURLM* multi = m_multi->handle.get();
  if (multi == nullptr) {
    for (std::size_t i = 0; i < requests.size(); ++i) {
      on_result(i, std::unexpected(FetchError{FetchError::Kind::protocol,
                                              0,
                                              requests[i].url + ": curl_multi_init failed",
                                              {},
                                              {}}));
    }
    return;
  }
  std::vector<char> delivered(requests.size(), 0);
  // Every request gets exactly one result, whatever path ends it.
  auto deliver = [&](std::size_t i, FetchResult&& r) {
    if (!delivered[i]) {
      delivered[i] = 1;
      on_result(i, std::move(r));
    }
  };

  // One queue per host, served round-robin so a host with many feeds cannot starve the rest.
  struct HostQueue {
    std::string host;
    std::deque<std::size_t> pending;
  };
  std::vector<HostQueue> queues;
  {
    std::unordered_map<std::string, std::size_t> by_host;
    for (std::size_t i = 0; i < requests.size(); ++i) {
      std::string host = throttle_key(requests[i].url);
      auto [it, fresh] = by_host.try_emplace(host, queues.size());
      if (fresh) {
        queues.push_back({host, {}});
      }
      queues[it->second].pending.push_back(i);
    }
  }
  std::size_t not_started = requests.size();
  std::size_t cursor = 0;

  HostThrottle throttle(m_options.max_per_host, m_options.host_min_gap);
  std::vector<std::unique_ptr<Transfer>> transfers(requests.size());
  int in_flight = 0;
  // The multi handle outlives this call: if a callback throws, detach what is still in
  // flight before the transfers (and their buffers) go away.
  struct Detach {
    CURLM* multi;
    std::vector<std::unique_ptr<Transfer>>& transfers;
    ~Detach() {
      for (auto& t : transfers) {
        if (t && t->easy) {
          curl_multi_remove_handle(multi, t->easy.get());
        }
      }
    }
  } detach{multi, transfers};

  auto cancelled = [&] { return m_options.cancel != nullptr && m_options.cancel->load(); };
  auto fail = [&](std::size_t i, std::string text) {
    deliver(i, std::unexpected(FetchError{
                   FetchError::Kind::protocol, 0, requests[i].url + ": " + text, {}, {}}));
  };

  auto start = [&](std::size_t i, const std::string& host, Steady::time_point now) {
    auto t = std::make_unique<Transfer>();
    t->index = i;
    t->request = &requests[i];
    t->host = host;
    t->max_body = m_options.max_body_bytes;
    if (requests[i].max_body_bytes != 0 && requests[i].max_body_bytes < t->max_body) {
      t->max_body = requests[i].max_body_bytes;  // e.g. a fact-check page (docs/factchecks.md)
    }
    t->easy.reset(curl_easy_init());
    if (!t->easy) {
      fail(i, "curl_easy_init failed");
      return;
    }
    configure(*t, m_options);
    if (CURLMcode mc = curl_multi_add_handle(multi, t->easy.get()); mc != CURLM_OK) {
      fail(i, curl_multi_strerror(mc));
      return;
    }
    throttle.started(host, now);
    transfers[i] = std::move(t);
    ++in_flight;
  };

  // Starts what the global and per-host limits allow; returns when the next host's gap ends
  // (to bound the wait), if any host is held only by its gap.
  auto start_more = [&]() -> std::optional<Steady::time_point> {
    std::optional<Steady::time_point> wake;
    const auto now = Steady::now();
    for (std::size_t seen = 0;
         seen < queues.size() && in_flight < m_options.max_in_flight && !cancelled(); ++seen) {
      HostQueue& q = queues[cursor];
      cursor = (cursor + 1) % queues.size();
      while (!q.pending.empty() && in_flight < m_options.max_in_flight &&
             throttle.may_start(q.host, now)) {
        const std::size_t i = q.pending.front();
        q.pending.pop_front();
        --not_started;
        start(i, q.host, now);
      }
      if (!q.pending.empty()) {
        if (auto end = throttle.gap_ends(q.host, now)) {
          wake = wake ? std::min(*wake, *end) : *end;
        }
      }
    }
    return wake;
  };

  CURLMcode mc = CURLM_OK;
  while ((in_flight > 0 || not_started > 0) && !cancelled()) {
    const auto wake = start_more();
    int running = 0;
    mc = curl_multi_perform(multi, &running);
    if (mc != CURLM_OK) {
      break;
    }
    bool finished_any = false;
    int queued = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi, &queued)) {
      if (msg->msg != CURLMSG_DONE) {
        continue;
      }
      Transfer* raw = nullptr;
      curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &raw);
      const std::size_t index = raw->index;
      FetchResult result = finish(*raw, msg->data.result, m_options);
      curl_multi_remove_handle(multi, raw->easy.get());
      throttle.finished(raw->host);
      transfers[index].reset();
      --in_flight;
      deliver(index, std::move(result));
      finished_any = true;
    }
    if (finished_any) {
      continue;  // freed slots: start more and perform() right away
    }
    // Sleep until a socket is ready, a host's gap ends, or 200 ms pass (the cancel check).
    long timeout_ms = 200;
    if (wake) {
      const auto until = std::chrono::ceil<std::chrono::milliseconds>(*wake - Steady::now());
      timeout_ms = std::clamp<long>(static_cast<long>(until.count()), 0, timeout_ms);
    }
    if (timeout_ms > 0) {
      mc = curl_multi_poll(multi, nullptr, 0, static_cast<int>(timeout_ms), nullptr);
      if (mc != CURLM_OK) {
        break;
      }
    }
  }

  const bool stop = cancelled();
  if (mc != CURLM_OK || stop) {
    // Either the multi handle is unusable or we are shutting down: fail what is in flight
    // instead of spinning, and say why.
    const std::string why =
        stop ? std::string("abandoned (shutting down)") : std::string(curl_multi_strerror(mc));
    for (auto& t : transfers) {
      if (t && t->easy) {
        curl_multi_remove_handle(multi, t->easy.get());
        const std::size_t index = t->index;
        const std::string url = t->request->url;
        t.reset();
        deliver(index, std::unexpected(FetchError{
                           stop ? FetchError::Kind::cancelled : FetchError::Kind::protocol,
                           0,
                           url + ": " + why,
                           {},
                           {}}));
      }
    }
    for (auto& q : queues) {
      for (std::size_t i : q.pending) {
        deliver(i, std::unexpected(FetchError{
                       stop ? FetchError::Kind::cancelled : FetchError::Kind::protocol,
                       0,
                       requests[i].url + (stop ? ": not started (shutting down)" : ": " + why),
                       {},
                       {}}));
      }
    }
  }
  for (std::size_t i = 0; i < requests.size(); ++i) {
    deliver(i, std::unexpected(FetchError{FetchError::Kind::protocol,
                                          0,
                                          requests[i].url + ": transfer did not complete",
                                          {},
                                          {}}));
  }
}

std::string_view to_string(FetchError::Kind kind) {
  switch (kind) {
    case FetchError::Kind::http_status:
      return "http_status";
    case FetchError::Kind::timeout:
      return "timeout";
    case FetchError::Kind::connect:
      return "connect";
    case FetchError::Kind::too_large:
      return "too_large";
    case FetchError::Kind::bad_url:
      return "bad_url";
    case FetchError::Kind::io:
      return "io";
    case FetchError::Kind::protocol:
      return "protocol";
    case FetchError::Kind::cancelled:
      return "cancelled";
    case FetchError::Kind::too_many_redirects:
      return "too_many_redirects";
  }
  return "protocol";
}

}  // namespace hw::feeds
