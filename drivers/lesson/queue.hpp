#pragma once

#include "drivers/lesson/lesson.hpp"

namespace parakit::lesson {

struct QueueOptions {
  int producers = 2;
  int consumers = 2;
  int items = 4;  // per producer
  int capacity = 2;
  double produce_ms = 5;
  double consume_ms = 12;
};

Result run_queue(const QueueOptions& options);
Run setup_queue(CLI::App& command);
extern const std::string_view queue_description;

}  // namespace parakit::lesson
