#include "support/test_support.h"

// The listener below needs Catch's reporter interfaces outside the TU that defines main.
#define CATCH_CONFIG_EXTERNAL_INTERFACES
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

namespace hw::test {
namespace {

// Whether an assertion of the running test case has failed: a TempDir outliving a failure is
// kept for the post-mortem, and removed otherwise (also when no assertion ran before it ended,
// as in a helper that only sets things up).
bool g_test_failed = false;

class FailureListener : public Catch::TestEventListenerBase {
 public:
  using TestEventListenerBase::TestEventListenerBase;
  void testCaseStarting(Catch::TestCaseInfo const& info) override {
    TestEventListenerBase::testCaseStarting(info);
    g_test_failed = false;
  }
  bool assertionEnded(Catch::AssertionStats const& stats) override {
    if (!stats.assertionResult.isOk()) {
      g_test_failed = true;
    }
    return TestEventListenerBase::assertionEnded(stats);
  }
};

}  // namespace

CATCH_REGISTER_LISTENER(FailureListener)

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string tmpl = std::string(base && *base ? base : "/tmp") + "/hypewatch-test-XXXXXX";
  if (::mkdtemp(tmpl.data()) == nullptr) {
    throw std::runtime_error("mkdtemp " + tmpl + " failed");
  }
  m_path = tmpl;
}

TempDir::~TempDir() {
  if (std::uncaught_exceptions() > 0 || g_test_failed) {
    std::cerr << "test directory kept: " << m_path << "\n";
    return;
  }
  std::error_code ec;
  std::filesystem::remove_all(m_path, ec);
}

std::filesystem::path copy_into(const std::filesystem::path& dir,
                                const std::filesystem::path& file) {
  const auto copy = dir / file.filename();
  std::filesystem::copy_file(file, copy, std::filesystem::copy_options::overwrite_existing);
  return copy;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    out.push_back(line);
  }
  return out;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot open " + path.string());
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void write_file(const std::filesystem::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) {
    throw std::runtime_error("cannot write " + path.string());
  }
  out << content;
}

std::filesystem::path fixture(const std::string& name) {
  return std::filesystem::path(HW_TEST_FIXTURES) / name;
}

std::filesystem::path source_dir() {
  return HW_SOURCE_DIR;
}

std::filesystem::path shared_dir() {
  std::error_code ec;
  auto p = std::filesystem::weakly_canonical(HW_SHARED_DIR, ec);
  if (ec || !std::filesystem::is_directory(p)) {
    return {};
  }
  return p;
}

}  // namespace hw::test
