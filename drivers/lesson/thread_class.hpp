#pragma once

#include "drivers/lesson/lesson.hpp"

namespace parakit::lesson {

struct ThreadClassOptions {
  int workers = 4;
  double latency_ms = 30;  // each simulated download waits 1x, 2x or 3x this
};

Result run_thread_class(const ThreadClassOptions& options);
Run setup_thread_class(CLI::App& command);
extern const std::string_view thread_class_description;

}  // namespace parakit::lesson
