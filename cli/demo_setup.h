#pragma once
// What `hypewatch demo` needs from the machine: the shipped examples and a scratch directory.
#include <filesystem>

namespace hw::cli {

// The directory holding the example hypewatch.toml, claims and feeds. An installed binary
// uses the examples installed beside it (<prefix>/share/hypewatch/examples, found relative to
// the executable so an unpacked package works too, else the configured install path); only
// the binary in the build tree uses the source tree's examples/.
std::filesystem::path demo_examples_dir();

// A fresh directory under $TMPDIR (or /tmp), removed with everything in it when this object
// goes away, on success and on failure alike. Throws ConfigError when it cannot be created.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }

 private:
  std::filesystem::path m_path;
};

}  // namespace hw::cli
