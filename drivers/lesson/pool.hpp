#pragma once

#include "drivers/lesson/lesson.hpp"

namespace parakit::lesson {

struct PoolOptions {
  int workers = 3;
  int tasks = 7;          // the lesson downloads seven forms
  double latency_ms = 15; // each task waits 1x to 4x this
  int fail_task = 4;      // this task throws; -1 for none
};

Result run_pool(const PoolOptions& options);
Run setup_pool(CLI::App& command);
extern const std::string_view pool_description;

}  // namespace parakit::lesson
