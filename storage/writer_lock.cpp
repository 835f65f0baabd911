#include "storage/writer_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace hw::storage {
namespace {

// The pid the holder wrote, or "" while it has not written it yet (it writes right after
// taking the lock, so a contender can rarely catch the gap).
std::string holder_pid(int fd) {
  char buf[32] = {};
  const ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
  std::string pid;
  for (ssize_t i = 0; i < n && buf[i] >= '0' && buf[i] <= '9'; ++i) {
    pid += buf[i];
  }
  return pid;
}

}  // namespace

std::filesystem::path WriterLock::path_for(const std::filesystem::path& db) {
  return std::filesystem::path(db.string() + ".lock");
}

WriterLock::WriterLock(const std::filesystem::path& db) {
  const auto lock_path = path_for(db);
  m_fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (m_fd < 0) {
    throw StorageError("cannot open lock file " + lock_path.string() + ": " +
                       std::strerror(errno));
  }
  // flock, not fcntl record locks: these belong to the open file description, so a second
  // lock in the same process conflicts too, and closing some other descriptor of the file
  // cannot silently drop it.
  if (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    const std::string pid = error == EWOULDBLOCK ? holder_pid(m_fd) : std::string();
    ::close(m_fd);
    m_fd = -1;
    if (error != EWOULDBLOCK) {
      throw StorageError("cannot lock " + lock_path.string() + ": " + std::strerror(error));
    }
    throw WriterBusy("database " + db.string() + " is in use by another hypewatch writer (" +
                     (pid.empty() ? std::string("pid unknown") : "pid " + pid) + ", lock " +
                     lock_path.string() + "); stop it first, or use the read-only commands");
  }
  const std::string pid = std::to_string(::getpid()) + "\n";
  // Best effort: the lock itself is what excludes; the pid only makes the refusal readable.
  if (::ftruncate(m_fd, 0) == 0) {
    [[maybe_unused]] const ssize_t written = ::pwrite(m_fd, pid.data(), pid.size(), 0);
  }
}

WriterLock::WriterLock(WriterLock&& other) noexcept : m_fd(other.m_fd) {
  other.m_fd = -1;
}

WriterLock::~WriterLock() {
  if (m_fd >= 0) {
    // The file stays: removing it would let a contender lock a fresh inode while a third
    // process still holds the old one.
    ::close(m_fd);
  }
}

}  // namespace hw::storage
