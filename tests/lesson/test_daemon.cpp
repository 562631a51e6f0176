#include <catch2/catch.hpp>

#include "drivers/lesson/daemon.hpp"
#include "drivers/lesson/heartbeat.hpp"

using namespace parakit::lesson;

TEST_CASE("a heartbeat with a minute-long interval does not hold its owner's exit") {
  DaemonOptions options;
  options.beat_ms = 60'000;
  options.work_ms = 20;
  const Result result = run_daemon(options);
  // Holding the exit would mean waiting out the minute: this is a hang check, not a speed check.
  CHECK(result.figures["jthread"]["total_ms"].get<double>() < 30'000);
  CHECK(result.figures["jthread"]["said_goodbye"] == true);
  CHECK(result.figures["jthread"]["beats"] == 0);
}

TEST_CASE("the heartbeat beats while its owner works, and says goodbye when stopped") {
  DaemonOptions options;
  options.beat_ms = 10;
  options.work_ms = 100;
  const Result result = run_daemon(options);
  CHECK(result.figures["jthread"]["beats"].get<int>() >= 1);
  CHECK(result.figures["jthread"]["said_goodbye"] == true);
}

TEST_CASE("a detached heartbeat is killed with its process and never cleans up") {
  DaemonOptions options;
  options.beat_ms = 5;
  options.work_ms = 60;
  const Result result = run_daemon(options);
  CHECK(result.figures["detached"]["beats"].get<int>() >= 1);
  CHECK(result.figures["detached"]["said_goodbye"] == false);
}

TEST_CASE("destroying a Heartbeat stops it: no beats after") {
  std::atomic<int> beats{0};
  {
    Heartbeat heartbeat(std::chrono::milliseconds(2), [&](int) { ++beats; });
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
  }
  const int at_stop = beats.load();
  CHECK(at_stop >= 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  CHECK(beats.load() == at_stop);
}
