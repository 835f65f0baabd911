#include "daemon/metrics_server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>

#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <string>

#include "util/log.h"
#include "util/prometheus_text.h"

namespace hw::daemon {

// What the handler thread needs; on the heap so that its address survives moving the server.
struct MetricsServer::State {
  const app::MetricsBoard* board = nullptr;
  std::string address;
  bool started = false;
  std::mutex mutex;         // guards start_error (MHD may log from its thread)
  std::string start_error;  // what libmicrohttpd said while starting
};

void MetricsServer::StopDaemon::operator()(MHD_Daemon* daemon) const {
  MHD_stop_daemon(daemon);
}

namespace {

// libmicrohttpd's own messages ("Failed to bind to port 9464: Address already in use"): kept as
// the start error while starting, logged afterwards.
void log_from_mhd(void* cls, const char* format, va_list args) {
  char buffer[512];
  std::vsnprintf(buffer, sizeof buffer, format, args);
  std::string message(buffer);
  while (!message.empty() && (message.back() == '\n' || message.back() == '\r')) {
    message.pop_back();
  }
  auto* state = static_cast<MetricsServer::State*>(cls);
  std::lock_guard lock(state->mutex);
  if (!state->started) {
    state->start_error = message;
  } else {
    log::warning("daemon", "metrics listener", {{"listen", state->address}, {"error", message}});
  }
}

MHD_Result reply(MHD_Connection* connection, unsigned status, const std::string& body,
                 std::string_view content_type) {
  MHD_Response* response = MHD_create_response_from_buffer(
      body.size(), const_cast<char*>(body.data()), MHD_RESPMEM_MUST_COPY);
  if (response == nullptr) {
    return MHD_NO;
  }
  MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE,
                          std::string(content_type).c_str());
  if (status == MHD_HTTP_METHOD_NOT_ALLOWED) {
    MHD_add_response_header(response, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
  }
  const MHD_Result result = MHD_queue_response(connection, status, response);
  MHD_destroy_response(response);  // MHD keeps its own reference until sent
  return result;
}

MHD_Result handle(void* cls, MHD_Connection* connection, const char* url, const char* method,
                  const char* /*version*/, const char* /*upload_data*/,
                  std::size_t* upload_data_size, void** request_state) {
  const bool get = std::strcmp(method, MHD_HTTP_METHOD_GET) == 0;
  const bool head = std::strcmp(method, MHD_HTTP_METHOD_HEAD) == 0;
  if (!get && !head) {
    return reply(connection, MHD_HTTP_METHOD_NOT_ALLOWED, "only GET and HEAD\n",
                 "text/plain; charset=utf-8");
  }
  // libmicrohttpd calls once when the headers are in and again for the body: answer on the
  // second call, the documented way, once any body a client sent anyway is consumed.
  static int seen_marker;
  if (*request_state == nullptr) {
    *request_state = &seen_marker;
    return MHD_YES;
  }
  if (*upload_data_size != 0) {
    *upload_data_size = 0;  // a body on GET means nothing here
    return MHD_YES;
  }
  if (std::strcmp(url, "/metrics") != 0) {
    return reply(connection, MHD_HTTP_NOT_FOUND, "not found: try /metrics\n",
                 "text/plain; charset=utf-8");
  }
  const auto* state = static_cast<const MetricsServer::State*>(cls);
  // A copy under the board's mutex, rendered outside it: the poll loop waits at most for that copy.
  // For HEAD, libmicrohttpd sends the headers (Content-Length included) without the body.
  return reply(connection, MHD_HTTP_OK, app::render_metrics(state->board->copy()),
               kPrometheusContentType);
}

}  // namespace

MetricsServer::MetricsServer(std::unique_ptr<State> state,
                             std::unique_ptr<MHD_Daemon, StopDaemon> daemon)
    : m_state(std::move(state)), m_daemon(std::move(daemon)) {}
MetricsServer::MetricsServer(MetricsServer&&) noexcept = default;
MetricsServer& MetricsServer::operator=(MetricsServer&&) noexcept = default;
MetricsServer::~MetricsServer() {
  m_daemon.reset();  // stop the thread before the state it reads goes
}

Expected<MetricsServer> MetricsServer::start(const app::ListenAddress& address,
                                             const app::MetricsBoard& board) {
  auto state = std::make_unique<State>();
  state->board = &board;
  state->address = address.to_string();

  sockaddr_in v4{};
  sockaddr_in6 v6{};
  const sockaddr* socket_address = nullptr;
  // One internal thread polls every connection (a scrape is small, and a second scraper must
  // not get a thread of its own); MHD_USE_ERROR_LOG routes libmicrohttpd's messages through
  // log_from_mhd, which is how a taken port's reason reaches our error.
  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;
  if (address.ipv6) {
    v6.sin6_family = AF_INET6;
    v6.sin6_port = htons(address.port);
    ::inet_pton(AF_INET6, address.host.c_str(), &v6.sin6_addr);
    socket_address = reinterpret_cast<const sockaddr*>(&v6);
    flags |= MHD_USE_IPv6;
  } else {
    v4.sin_family = AF_INET;
    v4.sin_port = htons(address.port);
    ::inet_pton(AF_INET, address.host.c_str(), &v4.sin_addr);
    socket_address = reinterpret_cast<const sockaddr*>(&v4);
  }
  // Bounded so that a client holding connections open cannot pile them up: scrapers use one.
  MHD_Daemon* raw = MHD_start_daemon(
      flags, address.port, nullptr, nullptr, &handle, state.get(), MHD_OPTION_SOCK_ADDR,
      socket_address, MHD_OPTION_CONNECTION_LIMIT, 16u, MHD_OPTION_CONNECTION_TIMEOUT, 30u,
      MHD_OPTION_EXTERNAL_LOGGER, &log_from_mhd, state.get(), MHD_OPTION_END);
  if (raw == nullptr) {
    std::lock_guard lock(state->mutex);
    return fail("metrics listener " + state->address + ": " +
                (state->start_error.empty() ? std::string("cannot start") : state->start_error));
  }
  {
    std::lock_guard lock(state->mutex);
    state->started = true;
  }
  return MetricsServer(std::move(state), std::unique_ptr<MHD_Daemon, StopDaemon>(raw));
}

}  // namespace hw::daemon
