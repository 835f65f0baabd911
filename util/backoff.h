#pragma once
// The one exponential backoff: feed polling after failures (app/scheduler.cpp), digest
// delivery after refused mail (app/digest_delivery.cpp) and webhook retries
// (app/webhook_delivery.cpp) wait the same way.
#include <chrono>

namespace hw {

// `first` × 2^(failures − 1), never above `cap` (the cap wins even over `first`); `failures`
// counts the failure just seen, so the first failure waits `first`. Doubling stops at the cap,
// so a large failure count cannot overflow.
std::chrono::seconds exponential_backoff(std::chrono::seconds first, int failures,
                                         std::chrono::seconds cap);

}  // namespace hw
