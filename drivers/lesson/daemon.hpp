#pragma once

#include "drivers/lesson/lesson.hpp"

namespace parakit::lesson {

struct DaemonOptions {
  double beat_ms = 20;   // heartbeat interval
  double work_ms = 110;  // how long main is busy before it wants to exit
};

Result run_daemon(const DaemonOptions& options);
Run setup_daemon(CLI::App& command);
extern const std::string_view daemon_description;

}  // namespace parakit::lesson
