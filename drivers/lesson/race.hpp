#pragma once

#include <cstdint>
#include <string>

#include "drivers/lesson/lesson.hpp"

namespace parakit::lesson {

// How the shared counter is protected, if at all.
enum class Fix { none, mutex, atomic, omp_critical, omp_atomic, reduction };

struct RaceOptions {
  int threads = 2;
  std::int64_t updates = 5;  // per thread
  double pause_ms = 10;      // between reading the counter and writing it back
  std::string fix = "none";  // a Fix name, or "all"
};

// One run of the counter under one fix.
struct RaceRun {
  Fix fix = Fix::none;
  std::int64_t expected = 0;
  std::int64_t final = 0;
  double seconds = 0;
};

RaceRun count_with(Fix fix, int threads, std::int64_t updates, double pause_ms);

Result run_race(const RaceOptions& options);
Run setup_race(CLI::App& command);
extern const std::string_view race_description;

}  // namespace parakit::lesson
