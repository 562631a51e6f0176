#pragma once

#include <cstdint>
#include <string>

#include "drivers/lesson/lesson.hpp"

namespace parakit::lesson {

struct TimerOptions {
  std::string target = "process";  // "process" or "computation"
  double work_ms = 300;            // how long the child process would run
  std::uint64_t limit = 60000;     // the computation counts primes up to this, slowly
  double deadline_ms = 100;        // when the watchdog gives up on the work
};

Result run_timer(const TimerOptions& options);
Run setup_timer(CLI::App& command);
extern const std::string_view timer_description;

}  // namespace parakit::lesson
