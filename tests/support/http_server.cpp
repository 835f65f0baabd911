#include "support/http_server.h"

#include <strings.h>

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <variant>

#include "feeds/fetcher.h"
#include "support/test_support.h"

namespace hw::test {

HttpServer::HttpServer(const std::filesystem::path& root)
    : m_server("fault_server.py", {root.string()}) {}

std::string HttpServer::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(m_server.port()) + path;
}

namespace {

nlohmann::json fetch_hits(const HttpServer& s) {
  feeds::Fetcher fetcher;
  auto r = fetcher.fetch_all({{s.url("/hits"), "", ""}});
  if (!r[0]) {
    throw std::runtime_error("cannot read /hits: " + r[0].error().message);
  }
  return nlohmann::json::parse(std::get<feeds::Fetched>(*r[0]).body);
}

}  // namespace

int HttpServer::hits(const std::string& path) const {
  auto j = fetch_hits(*this);
  return j["hits"].value(path, 0);
}

std::string HttpServer::last_header(const std::string& path, const std::string& name) const {
  auto j = fetch_hits(*this);
  if (!j["headers"].contains(path)) {
    return {};
  }
  for (auto& [k, v] : j["headers"][path].items()) {
    if (strcasecmp(k.c_str(), name.c_str()) == 0) {
      return v.get<std::string>();
    }
  }
  return {};
}

int HttpServer::max_concurrent() const {
  return fetch_hits(*this).value("max_concurrent", 0);
}

int HttpServer::connections() const {
  return fetch_hits(*this).value("connections", 0);
}

std::vector<double> HttpServer::starts(const std::string& path) const {
  auto j = fetch_hits(*this);
  if (!j["starts"].contains(path)) {
    return {};
  }
  return j["starts"][path].get<std::vector<double>>();
}

}  // namespace hw::test
