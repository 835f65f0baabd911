// The digest through a real SMTP server (python3-aiosmtpd) on 127.0.0.1: every alert exactly
// once, and a server that is down at first gets the digest exactly once after it recovers.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <regex>

#include "support/process.h"
#include "support/script_server.h"
#include "support/test_support.h"

using Catch::Matchers::Contains;

namespace {

std::vector<nlohmann::json> received(const std::filesystem::path& dir) {
  std::vector<nlohmann::json> out;
  for (int i = 1;; ++i) {
    const auto f = dir / ("msg-" + std::to_string(i) + ".json");
    if (!std::filesystem::exists(f)) {
      return out;
    }
    out.push_back(nlohmann::json::parse(hw::test::read_file(f)));
  }
}

// A private copy of the examples whose config ends with `digest_toml`; returns the config.
std::filesystem::path examples_with_digest(const hw::test::TempDir& dir,
                                           const std::string& digest_toml) {
  std::filesystem::copy(hw::test::source_dir() / "examples", dir / "ex",
                        std::filesystem::copy_options::recursive);
  const auto config = dir / "ex/hypewatch.toml";
  hw::test::write_file(config, hw::test::read_file(config) + "\n[digest]\n" + digest_toml);
  return config;
}

// `hypewatch --config CONFIG --db DIR/hw.db ARGS...`
hw::test::ProcessResult run_cli(const std::filesystem::path& config, const hw::test::TempDir& dir,
                                std::vector<std::string> args) {
  std::vector<std::string> argv{HW_HYPEWATCH_BIN, "--config", config.string(), "--db",
                                (dir / "hw.db").string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return hw::test::run_process(argv);
}

}  // namespace

TEST_CASE("digest over SMTP: down, then up: delivered once, every alert exactly once") {
  hw::test::TempDir dir;
  const int port = hw::test::free_port();
  const auto config =
      examples_with_digest(dir,
                           "from = \"hypewatch@test.example\"\nto = [\"desk@test.example\"]\n"
                           "smtp_url = \"smtp://127.0.0.1:" +
                               std::to_string(port) + "\"\nstarttls = \"off\"\n");
  auto cli = [&](std::vector<std::string> args) { return run_cli(config, dir, std::move(args)); };
  REQUIRE(cli({"poll", "--once"}).exit_code == 0);
  const auto alerts = nlohmann::json::parse(cli({"alerts", "--json"}).out);
  REQUIRE(alerts.size() >= 5);
  const std::size_t n = alerts.size();

  // The server is down: the send fails with the reason, nothing is marked delivered.
  auto r = cli({"digest", "--send"});
  CHECK(r.exit_code == 69);  // EX_UNAVAILABLE
  CHECK_THAT(r.out,
             Contains("NOT delivered") && Contains("smtp://127.0.0.1:" + std::to_string(port)));
  CHECK(nlohmann::json::parse(cli({"alerts", "--undelivered", "--json"}).out).size() == n);
  const std::regex id_re("digest (<[^>]+>)");
  std::smatch first_id;
  REQUIRE(std::regex_search(r.out, first_id, id_re));
  const std::string failed_message_id = first_id[1].str();

  // Up again: one message, same Message-ID as the failed attempt, every alert once.
  std::filesystem::create_directory(dir / "mail");
  hw::test::ScriptServer smtp("smtp_server.py", {(dir / "mail").string(), std::to_string(port)});
  r = cli({"digest", "--send"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  REQUIRE(hw::test::wait_for([&] { return received(dir / "mail").size() == 1; }));
  const auto mail = received(dir / "mail")[0];
  CHECK(mail["message_id"] == failed_message_id);
  CHECK(mail["rcpt_tos"] == nlohmann::json::array({"desk@test.example"}));
  CHECK(mail["content_type"] == "multipart/alternative");
  CHECK_THAT(mail["subject"].get<std::string>(), Contains(std::to_string(n) + " alerts on"));
  const std::string text = mail["text"];
  for (const auto& a : alerts) {
    const std::string tag = "[#" + std::to_string(a["id"].get<int>()) + "]";
    const auto first = text.find(tag);
    INFO(tag);
    CHECK(first != std::string::npos);
    CHECK(text.find(tag, first + 1) == std::string::npos);
  }
  CHECK_THAT(text, Contains("4 stories repeated the claim after it was clarified."));
  // The example stories are from 2012: the charts end at the newest evidence (Sep 20, 2012), as
  // `claims` counts 24H/7D, instead of showing an archive's fourteen empty days before today.
  CHECK_THAT(mail["html"].get<std::string>(),
             Contains("<h2") && Contains("yemen-hacking") && Contains("role=\"img\"") &&
                 Contains("Sep 20"));
  CHECK_THAT(text, Contains("mentions in the last 14 days: 2 (at most 1 a day)"));

  // Nothing left: a second send sends nothing more.
  r = cli({"digest", "--send"});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("no undelivered alerts"));
  CHECK(received(dir / "mail").size() == 1);
  CHECK(nlohmann::json::parse(cli({"alerts", "--undelivered", "--json"}).out).empty());
}

TEST_CASE("digest --dry-run shows the digest and changes nothing") {
  hw::test::TempDir dir;
  const auto config = (hw::test::source_dir() / "examples/hypewatch.toml").string();
  const auto db = (dir / "hw.db").string();
  REQUIRE(
      hw::test::run_process({HW_HYPEWATCH_BIN, "--config", config, "--db", db, "poll", "--once"})
          .exit_code == 0);
  auto r = hw::test::run_process(
      {HW_HYPEWATCH_BIN, "--config", config, "--db", db, "alerts", "--undelivered", "--json"});
  const std::size_t n = nlohmann::json::parse(r.out).size();
  REQUIRE(n > 0);
  r = hw::test::run_process(
      {HW_HYPEWATCH_BIN, "--config", config, "--db", db, "digest", "--dry-run"});
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("Subject: hypewatch: " + std::to_string(n) + " alerts on") &&
                        Contains("== yemen-hacking: The State Department hacked"));
  // --html prints a document a browser opens as it is: nothing before the doctype.
  r = hw::test::run_process(
      {HW_HYPEWATCH_BIN, "--config", config, "--db", db, "digest", "--dry-run", "--html"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.starts_with("<!DOCTYPE html>"));
  CHECK_THAT(r.out, Contains("<title>hypewatch: " + std::to_string(n) + " alerts on"));
  r = hw::test::run_process(
      {HW_HYPEWATCH_BIN, "--config", config, "--db", db, "alerts", "--undelivered", "--json"});
  CHECK(nlohmann::json::parse(r.out).size() == n);
}

TEST_CASE("digest through sendmail -t: accepted once; a failing sendmail keeps the alerts") {
  hw::test::TempDir dir;
  // A stand-in for sendmail that records its arguments and the message, and fails while
  // dir/refuse exists (like a full queue: EX_TEMPFAIL).
  const auto script = dir / "sendmail";
  hw::test::write_file(script, "#!/bin/sh\n[ -e '" + (dir / "refuse").string() +
                                   "' ] && exit 75\necho \"$@\" > '" + (dir / "args").string() +
                                   "'\ncat >> '" + (dir / "sent.eml").string() + "'\n");
  std::filesystem::permissions(script, std::filesystem::perms::owner_all);
  const auto config = examples_with_digest(
      dir, "from = \"hypewatch@test.example\"\nto = \"desk@test.example\"\nsendmail = \"" +
               script.string() + "\"\n");
  auto cli = [&](std::vector<std::string> args) { return run_cli(config, dir, std::move(args)); };
  REQUIRE(cli({"poll", "--once"}).exit_code == 0);

  hw::test::write_file(dir / "refuse", "");
  auto r = cli({"digest", "--send"});
  CHECK(r.exit_code == 69);  // EX_UNAVAILABLE
  CHECK_THAT(r.out, Contains("exited with status 75"));
  CHECK_FALSE(std::filesystem::exists(dir / "sent.eml"));
  CHECK_FALSE(nlohmann::json::parse(cli({"alerts", "--undelivered", "--json"}).out).empty());

  std::filesystem::remove(dir / "refuse");
  r = cli({"digest", "--send"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(hw::test::read_file(dir / "args") == "-t -oi\n");
  const auto mail = hw::test::read_file(dir / "sent.eml");
  CHECK_THAT(mail, Contains("To: desk@test.example\r\n") &&
                       Contains("Message-ID: <hypewatch.digest.1.") &&
                       Contains("multipart/alternative"));
  CHECK(nlohmann::json::parse(cli({"alerts", "--undelivered", "--json"}).out).empty());
  CHECK(cli({"digest", "--send"}).out.find("no undelivered alerts") != std::string::npos);
}
