// The one exponential backoff shared by feed polling and digest delivery.
#include <catch2/catch.hpp>

#include "util/backoff.h"

using hw::exponential_backoff;
using std::chrono::seconds;

TEST_CASE("backoff doubles per failure from the first wait") {
  CHECK(exponential_backoff(seconds{60}, 1, seconds{3600}) == seconds{60});
  CHECK(exponential_backoff(seconds{60}, 2, seconds{3600}) == seconds{120});
  CHECK(exponential_backoff(seconds{60}, 3, seconds{3600}) == seconds{240});
  CHECK(exponential_backoff(seconds{60}, 0, seconds{3600}) == seconds{60});
}

TEST_CASE("backoff stops at the cap, even for huge failure counts") {
  CHECK(exponential_backoff(seconds{60}, 7, seconds{3600}) == seconds{3600});
  CHECK(exponential_backoff(seconds{60}, 1'000'000, seconds{3600}) == seconds{3600});
}

TEST_CASE("the cap wins over the first wait") {
  CHECK(exponential_backoff(seconds{7200}, 1, seconds{3600}) == seconds{3600});
}
