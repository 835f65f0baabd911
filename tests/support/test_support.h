#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace hw::test {

// A fresh directory under $TMPDIR for one test. Removed when the test passes; kept (and its
// path printed) when it fails, so the evidence survives.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

 private:
  std::filesystem::path m_path;
};

std::string read_file(const std::filesystem::path& path);
// A copy of `file` (a binary, a claims file) inside `dir`, keeping its permissions: tests that
// run a program as another user cannot rely on reaching the build or source tree, which may sit
// under a directory only its owner can enter (a checkout in `mktemp -d`).
std::filesystem::path copy_into(const std::filesystem::path& dir,
                                const std::filesystem::path& file);
// The lines of a command's output, without their newlines.
std::vector<std::string> lines_of(const std::string& text);
void write_file(const std::filesystem::path& path, const std::string& content);

// tests/fixtures/<name>
std::filesystem::path fixture(const std::string& name);
// The repository root.
std::filesystem::path source_dir();
// ../shared beside the checkout; empty when absent (a user's clone).
std::filesystem::path shared_dir();

}  // namespace hw::test
