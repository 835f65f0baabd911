#include "app/webhook_config.h"

#include <toml++/toml.h>

#include <set>

#include "app/toml_values.h"
#include "feeds/uri.h"
#include "util/error.h"

namespace hw::app {
namespace {

namespace fs = std::filesystem;

std::string string_of(const fs::path& file, const toml::node& n, std::string_view key) {
  if (auto s = n.value<std::string>(); s && n.is_string()) {
    return *s;
  }
  toml_fail(file, n.source(), "webhook." + std::string(key) + " must be a string");
}

std::chrono::seconds duration_of(const fs::path& file, const toml::node& n, std::string_view key) {
  if (auto d = toml_duration(n)) {
    return *d;
  }
  toml_fail(file, n.source(),
            "webhook." + std::string(key) + " must be a positive duration such as \"10s\" or 10");
}

AlertKind kind_of(const fs::path& file, const toml::node& n) {
  const std::string k = string_of(file, n, "kinds");
  if (const auto kind = alert_kind_from_string(k)) {
    return *kind;
  }
  std::string known;
  for (const AlertKind kind : kAlertKinds) {
    known += (known.empty() ? "" : ", ") + std::string(to_string(kind));
  }
  toml_fail(file, n.source(), "unknown alert kind '" + k + "' in webhook.kinds (known: " + known + ")");
}

WebhookConfig parse_one(const fs::path& file, const toml::table& t) {
  WebhookConfig w;
  int secrets = 0;
  for (const auto& [key, value] : t) {
    const std::string k(key.str());
    if (k == "url") {
      w.url = string_of(file, value, k);
      if (feeds::has_userinfo(w.url)) {
        // URLs are logged and stored with each failed delivery.
        toml_fail(file, value.source(),
                  "webhook url must not contain user information (user:password@host); use "
                  "secret, secret_file or secret_credential");
      }
      if (!w.url.starts_with("http://") && !w.url.starts_with("https://")) {
        toml_fail(file, value.source(), "webhook url '" + w.url + "' must be http:// or https://");
      }
    } else if (k == "secret") {
      w.secret = {alerts::WebhookSecret::Source::inline_text, string_of(file, value, k)};
      ++secrets;
    } else if (k == "secret_file") {
      fs::path p = string_of(file, value, k);
      if (p.is_relative()) {
        p = file.parent_path() / p;
      }
      w.secret = {alerts::WebhookSecret::Source::file, fs::absolute(p).lexically_normal()};
      ++secrets;
    } else if (k == "secret_credential") {
      w.secret = {alerts::WebhookSecret::Source::credential, string_of(file, value, k)};
      ++secrets;
    } else if (k == "kinds") {
      const auto* arr = value.as_array();
      if (!arr) {
        toml_fail(file, value.source(), "webhook.kinds must be an array of alert kinds");
      }
      for (const auto& item : *arr) {
        w.kinds.push_back(kind_of(file, item));
      }
    } else if (k == "timeout") {
      w.timeout = duration_of(file, value, k);
    } else if (k == "retry_min") {
      w.retry_min = duration_of(file, value, k);
    } else if (k == "retry_max") {
      w.retry_max = duration_of(file, value, k);
    } else {
      toml_fail(file, key.source(),
                "unknown key '" + k +
                    "' in [[webhook]] (known: url, secret, secret_file, secret_credential, kinds, "
                    "timeout, retry_min, retry_max)");
    }
    if (secrets > 1) {
      toml_fail(file, value.source(),
                "[[webhook]] takes one of secret, secret_file, secret_credential");
    }
  }
  if (w.url.empty()) {
    toml_fail(file, t.source(), "[[webhook]] needs a non-empty 'url'");
  }
  return w;
}

}  // namespace

std::vector<WebhookConfig> parse_webhooks(const fs::path& file, const toml::node& node) {
  const auto* arr = node.as_array();
  if (!arr) {
    toml_fail(file, node.source(), "'webhook' must be an array of tables: write [[webhook]]");
  }
  std::vector<WebhookConfig> out;
  std::set<std::string> urls;
  for (const auto& item : *arr) {
    const auto* t = item.as_table();
    if (!t) {
      toml_fail(file, item.source(), "each [[webhook]] must be a table");
    }
    WebhookConfig w = parse_one(file, *t);
    if (!urls.insert(w.url).second) {
      toml_fail(file, t->source(), "webhook '" + w.url + "' is listed twice");
    }
    out.push_back(std::move(w));
  }
  return out;
}

}  // namespace hw::app
