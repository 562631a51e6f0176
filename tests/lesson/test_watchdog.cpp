#include <catch2/catch.hpp>
#include <thread>

#include "kernels/concurrency/watchdog.hpp"

using namespace std::chrono_literals;
using parakit::Watchdog;

TEST_CASE("the watchdog fires once its deadline has passed") {
  std::atomic<int> calls{0};
  Watchdog watchdog(10ms, [&] { ++calls; });
  std::this_thread::sleep_for(80ms);
  CHECK(watchdog.fired());
  CHECK_FALSE(watchdog.cancel());  // too late to cancel
  CHECK(calls.load() == 1);
}

TEST_CASE("a cancelled watchdog never fires, and cancelling does not wait out the deadline") {
  std::atomic<int> calls{0};
  const auto start = std::chrono::steady_clock::now();
  {
    Watchdog watchdog(60s, [&] { ++calls; });
    CHECK(watchdog.cancel());
    CHECK_FALSE(watchdog.fired());
  }
  // A cancel that waited for the deadline would take a minute; this is a hang check.
  CHECK(std::chrono::steady_clock::now() - start < 30s);
  CHECK(calls.load() == 0);
}

TEST_CASE("destroying a watchdog cancels it") {
  std::atomic<int> calls{0};
  { Watchdog watchdog(20ms, [&] { ++calls; }); }
  std::this_thread::sleep_for(60ms);
  CHECK(calls.load() == 0);
}

TEST_CASE("fired and cancelled are exclusive even when they race") {
  for (int i = 0; i < 200; ++i) {
    std::atomic<int> calls{0};
    Watchdog watchdog(1ms, [&] { ++calls; });
    std::this_thread::sleep_for(std::chrono::microseconds(900 + (i % 5) * 50));
    const bool cancelled = watchdog.cancel();
    CHECK(cancelled == (calls.load() == 0));
    CHECK(cancelled != watchdog.fired());
  }
}
