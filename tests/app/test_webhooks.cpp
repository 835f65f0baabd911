// Webhooks against a real receiver on 127.0.0.1 that fails, times out, then accepts: signed
// JSON bodies, backoff through the outbox, each alert once per endpoint across restarts.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "alerts/webhook_payload.h"
#include "app/config.h"
#include "app/webhook_delivery.h"
#include "storage/store.h"
#include "storage/webhook_outbox.h"
#include "support/script_server.h"
#include "support/test_support.h"

namespace {

using namespace std::chrono_literals;
using nlohmann::json;

std::vector<json> received(const std::filesystem::path& log) {
  std::vector<json> out;
  std::ifstream in(log);
  std::string line;
  while (std::getline(in, line)) {
    out.push_back(json::parse(line));
  }
  return out;
}

void raise_alert(const std::filesystem::path& db, hw::AlertKind kind, const std::string& message,
                 hw::TimePoint at) {
  auto store = hw::storage::Store::open(db, hw::storage::OpenMode::read_write);
  hw::storage::EvaluationWrite w;
  w.at = at;
  w.dequeue = false;
  hw::Alert a;
  a.kind = kind;
  a.claim_id = "moon-cheese";
  a.from = hw::ClaimStatus::reported;
  a.to = hw::ClaimStatus::disputed;
  a.message = message;
  w.alerts.push_back(a);
  REQUIRE(store.claims().record_evaluation(w));
}

// Each round over a store opened afresh, as after a restart of the daemon.
hw::app::WebhookRound deliver(const std::vector<hw::app::WebhookConfig>& hooks,
                              const std::filesystem::path& db, const hw::Clock& clock) {
  auto store = hw::storage::Store::open(db, hw::storage::OpenMode::read_write);
  return hw::app::deliver_webhooks(hooks, store, clock);
}

std::int64_t undelivered(const std::filesystem::path& db) {
  auto store = hw::storage::Store::open(db, hw::storage::OpenMode::read_write);
  return hw::storage::WebhookOutbox(store.database()).undelivered();
}

}  // namespace

TEST_CASE("webhook: fails, times out, then accepts; signed, in order, once across restarts") {
  hw::test::TempDir dir;
  const auto log = dir / "received.jsonl";
  hw::test::ScriptServer receiver("webhook_server.py", {log.string(), "500,hang,200"});
  const auto db = dir / "hw.db";
  hw::ManualClock clock(hw::parse_utc("2026-11-26T08:00:00Z").value());
  {
    auto store = hw::storage::Store::open(db, hw::storage::OpenMode::read_write);
    hw::Claim claim;
    claim.id = "moon-cheese";
    claim.statement = "The moon is made of cheese.";
    store.claims().sync_claims({{claim, "h1"}}, clock.now());
  }
  raise_alert(db, hw::AlertKind::status_change, "before the webhook existed", clock.now());

  hw::app::WebhookConfig hook;
  hook.url = "http://127.0.0.1:" + std::to_string(receiver.port()) + "/hook";
  hook.secret = {hw::alerts::WebhookSecret::Source::inline_text, "s3cret"};
  hook.kinds = {hw::AlertKind::status_change};
  hook.timeout = 1s;
  hook.retry_min = 60s;
  const std::vector<hw::app::WebhookConfig> hooks{hook};

  // First sight of the endpoint: only alerts raised from now on go to it.
  CHECK(deliver(hooks, db, clock).delivered == 0);
  raise_alert(db, hw::AlertKind::status_change, "first", clock.now());
  raise_alert(db, hw::AlertKind::hype_spike, "filtered out by kinds", clock.now());
  raise_alert(db, hw::AlertKind::status_change, "second", clock.now());

  auto r = deliver(hooks, db, clock);  // 500
  CHECK(r.delivered == 0);
  CHECK(r.failed == 1);
  REQUIRE(r.next_attempt_at.has_value());
  CHECK(*r.next_attempt_at == clock.now() + 60s);
  CHECK(deliver(hooks, db, clock).failed == 0);  // backing off: no POST
  CHECK(received(log).size() == 1);

  clock.advance(60s);
  r = deliver(hooks, db, clock);  // hang: our 1 s timeout gives up
  CHECK(r.failed == 1);
  CHECK(*r.next_attempt_at == clock.now() + 120s);  // doubled

  clock.advance(120s);
  r = deliver(hooks, db, clock);  // 200, 200
  CHECK(r.delivered == 2);
  CHECK(r.failed == 0);
  CHECK_FALSE(r.next_attempt_at.has_value());

  // A restart (new outbox connection, same database) sends nothing again; a new alert once.
  clock.advance(3600s);
  CHECK(deliver(hooks, db, clock).delivered == 0);
  raise_alert(db, hw::AlertKind::status_change, "third", clock.now());
  CHECK(deliver(hooks, db, clock).delivered == 1);
  CHECK(deliver(hooks, db, clock).delivered == 0);
  CHECK(undelivered(db) == 0);

  const auto requests = received(log);
  REQUIRE(requests.size() == 5);
  std::vector<std::string> answers, messages;
  std::map<std::string, int> accepted;
  for (const auto& req : requests) {
    answers.push_back(req["answer"]);
    const std::string body = req["body"];
    CHECK(req["signature"] == "sha256=" + hw::alerts::hmac_sha256_hex("s3cret", body));
    CHECK(req["content_type"] == "application/json");
    CHECK(req["path"] == "/hook");
    const json doc = json::parse(body);
    CHECK(req["delivery"] == "alert-" + std::to_string(doc["id"].get<std::int64_t>()));
    CHECK(doc["kind"] == "status_change");
    CHECK(doc["claim"] == "moon-cheese");
    CHECK(doc["from"] == "reported");
    CHECK(doc["to"] == "disputed");
    messages.push_back(doc["message"]);
    if (req["answer"] == "200") {
      ++accepted[req["delivery"]];
    }
  }
  CHECK(answers == std::vector<std::string>{"500", "hang", "200", "200", "200"});
  CHECK(messages == std::vector<std::string>{"first", "first", "first", "second", "third"});
  CHECK(accepted.size() == 3);
  for (const auto& [delivery, count] : accepted) {
    CHECK(count == 1);
  }
}

TEST_CASE("webhook: an unreadable secret file is a failure with the path, nothing sent unsigned") {
  hw::test::TempDir dir;
  const auto log = dir / "received.jsonl";
  hw::test::ScriptServer receiver("webhook_server.py", {log.string(), "200"});
  const auto db = dir / "hw.db";
  hw::ManualClock clock(hw::parse_utc("2026-11-26T08:00:00Z").value());
  {
    auto store = hw::storage::Store::open(db, hw::storage::OpenMode::read_write);
    hw::Claim claim;
    claim.id = "moon-cheese";
    claim.statement = "The moon is made of cheese.";
    store.claims().sync_claims({{claim, "h1"}}, clock.now());
  }
  hw::app::WebhookConfig hook;
  hook.url = "http://127.0.0.1:" + std::to_string(receiver.port()) + "/hook";
  hook.secret = {hw::alerts::WebhookSecret::Source::file, (dir / "missing-secret").string()};
  const std::vector<hw::app::WebhookConfig> hooks{hook};
  deliver(hooks, db, clock);
  raise_alert(db, hw::AlertKind::status_change, "first", clock.now());
  CHECK(deliver(hooks, db, clock).failed == 1);
  CHECK(received(log).empty());
  CHECK(undelivered(db) == 1);
}

TEST_CASE("webhook config: keys, one secret source, kinds, errors with line and column") {
  hw::test::TempDir dir;
  const auto path = dir / "hypewatch.toml";
  const auto config = hw::app::parse_config(R"(claims = "claims.toml"
[[webhook]]
url = "https://hooks.example.org/hypewatch"
secret_file = "hook-secret"
kinds = ["status_change", "hype_spike"]
timeout = "5s"
[[webhook]]
url = "http://127.0.0.1:9000/in"
secret_credential = "webhook-local"
)",
                                            path);
  REQUIRE(config.webhooks.size() == 2);
  CHECK(config.webhooks[0].secret.source == hw::alerts::WebhookSecret::Source::file);
  CHECK(config.webhooks[0].secret.value == (dir / "hook-secret").string());
  CHECK(config.webhooks[0].kinds ==
        std::vector<hw::AlertKind>{hw::AlertKind::status_change, hw::AlertKind::hype_spike});
  CHECK(config.webhooks[0].timeout == 5s);
  CHECK(config.webhooks[1].secret.source == hw::alerts::WebhookSecret::Source::credential);
  CHECK(config.webhooks[1].kinds.empty());

  auto error_of = [&](const std::string& text) {
    try {
      (void)hw::app::parse_config(text, path);
    } catch (const hw::ConfigError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const std::string file = path.string();
  CHECK(error_of("claims = \"c\"\n[[webhook]]\nurl = \"https://x.example/h\"\nsecrt = \"a\"\n") ==
        file + ":4:1: unknown key 'secrt' in [[webhook]] (known: url, secret, secret_file, "
               "secret_credential, kinds, timeout, retry_min, retry_max)");
  CHECK(error_of("claims = \"c\"\n[[webhook]]\nurl = \"https://x.example/h\"\nsecret = \"a\"\n"
                 "secret_file = \"b\"\n") ==
        file + ":5:15: [[webhook]] takes one of secret, secret_file, secret_credential");
  CHECK(error_of("claims = \"c\"\n[[webhook]]\nurl = \"https://x.example/h\"\nkinds = [\"x\"]\n") ==
        file + ":4:10: unknown alert kind 'x' in webhook.kinds (known: status_change, "
               "repeated_after_clarification, hype_spike, feed_failing)");
  CHECK(error_of("claims = \"c\"\n[[webhook]]\nurl = \"https://u:p@x.example/h\"\n") ==
        file + ":3:7: webhook url must not contain user information (user:password@host); use "
               "secret, secret_file or secret_credential");
  CHECK(error_of("claims = \"c\"\n[[webhook]]\nurl = \"ftp://x.example/h\"\n") ==
        file + ":3:7: webhook url 'ftp://x.example/h' must be http:// or https://");
}
