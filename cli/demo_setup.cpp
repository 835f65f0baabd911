#include "cli/demo_setup.h"

#include <cstdlib>
#include <string>

#include "cli/exit_codes.h"
#include "util/error.h"

namespace hw::cli {
namespace {

namespace fs = std::filesystem;

fs::path running_executable() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path{} : exe;
}

bool same_directory(const fs::path& a, const fs::path& b) {
  std::error_code ec;
  return fs::equivalent(a, b, ec);
}

}  // namespace

fs::path demo_examples_dir() {
  const fs::path exe = running_executable();
  if (!exe.empty() && same_directory(exe.parent_path(), HW_BUILD_DIR)) {
    return HW_SOURCE_EXAMPLES_DIR;
  }
  if (!exe.empty()) {
    const fs::path beside = (exe.parent_path() / HW_BIN_TO_EXAMPLES).lexically_normal();
    std::error_code ec;
    if (fs::is_regular_file(beside / "hypewatch.toml", ec)) {
      return beside;
    }
  }
  return HW_INSTALLED_EXAMPLES_DIR;
}

ScratchDir::ScratchDir() {
  const char* tmp = std::getenv("TMPDIR");
  std::string tmpl = std::string(tmp && *tmp ? tmp : "/tmp") + "/hypewatch-demo-XXXXXX";
  if (::mkdtemp(tmpl.data()) == nullptr) {
    throw CannotCreate("cannot create a temporary directory from " + tmpl);
  }
  m_path = tmpl;
}

ScratchDir::~ScratchDir() {
  std::error_code ec;  // best effort: a destructor must not throw
  fs::remove_all(m_path, ec);
}

}  // namespace hw::cli
