#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace hw {

using TimePoint = std::chrono::sys_seconds;

// "2012-05-23T14:00:00Z"
std::string format_utc(TimePoint t);
// Parses exactly the format_utc form; nullopt otherwise.
std::optional<TimePoint> parse_utc(std::string_view text);

// Injected wherever time matters so tests can use a manual clock.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint now() const override;
};

class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint t) : m_now(t) {}
  TimePoint now() const override { return m_now; }
  void set(TimePoint t) { m_now = t; }
  void advance(std::chrono::seconds d) { m_now += d; }

 private:
  TimePoint m_now;
};

}  // namespace hw
