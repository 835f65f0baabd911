#pragma once
// The one error convention of hypewatch (ARCHITECTURE.md, last paragraph):
//  - expected failures (network, HTTP, feed bytes, lookups) are values: std::expected<T, Error>;
//  - start-up and configuration failures, and failures of our own storage, are exceptions
//    derived from hw::Failure, caught at the boundary (main, the poll cycle) and logged.
// Either way the message carries its context: which file/feed/URL/line and why.
#include <expected>
#include <stdexcept>
#include <string>

namespace hw {

struct Error {
  std::string message;  // full, human-readable, with context ("feed 3 https://x/rss: HTTP 503")
};

template <typename T>
using Expected = std::expected<T, Error>;

inline std::unexpected<Error> fail(std::string message) {
  return std::unexpected<Error>(Error{std::move(message)});
}

// Base of every exception hypewatch throws on purpose.
class Failure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Bad configuration, claims file or command line: the user must fix an input.
class ConfigError : public Failure {
 public:
  using Failure::Failure;
};

// Something the user named does not exist: a database, a claim, a story, a feed, a file.
// A ConfigError, so code that catches those still does; `hypewatch` exits EX_NOINPUT for it.
class NotFound : public ConfigError {
 public:
  using ConfigError::ConfigError;
};

// Prefixes an error's message with more context ("feed 3 https://x: " + inner).
Error with_context(const std::string& context, const Error& inner);

}  // namespace hw
