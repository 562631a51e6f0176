#pragma once

#include <cstdint>

#include "drivers/lesson/lesson.hpp"

namespace parakit::lesson {

struct ProcessesOptions {
  int processes = 3;
  std::uint64_t count = 3000;  // random numbers to test, as in the lesson
  std::uint64_t min = 100;
  std::uint64_t max = 10000;
  std::uint64_t seed = 1;
};

Result run_processes(const ProcessesOptions& options);
Run setup_processes(CLI::App& command);
extern const std::string_view processes_description;

}  // namespace parakit::lesson
