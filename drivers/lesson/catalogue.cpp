#include <chrono>
#include <thread>

#include "drivers/lesson/lesson.hpp"
#include "drivers/lesson/lessons.hpp"

namespace parakit::lesson {

const std::vector<Entry>& catalogue() {
  static const std::vector<Entry> entries = {
      {"thread-class", "a worker as a class that owns its thread, beside the plain-function thread",
       thread_class_description, setup_thread_class},
      {"race", "the lost update: a read-modify-write race, and every cure with its cost", race_description,
       setup_race},
      {"timer", "a watchdog that kills overrunning work and is cancelled when work ends first",
       timer_description, setup_timer},
      {"queue", "producers and consumers over a bounded, closable blocking queue", queue_description,
       setup_queue},
      {"daemon", "a background heartbeat that never holds the exit, stopped cleanly", daemon_description,
       setup_daemon},
      {"processes", "processes share nothing: no race, but results must be sent back", processes_description,
       setup_processes},
      {"pool", "a thread pool with futures: submit, wait, as-completed, exceptions", pool_description,
       setup_pool},
      {"gil", "why Python threads did not speed up the prime test, and C++ threads do", gil_description,
       setup_gil, /*records_spans=*/true},
      {"cpu-vs-io", "the central table: CPU- and I/O-bound work under serial, threads, MPI, hybrid",
       cpu_vs_io_description, setup_cpu_vs_io},
  };
  return entries;
}

void pause_ms(double milliseconds) {
  if (milliseconds > 0) std::this_thread::sleep_for(std::chrono::duration<double, std::milli>(milliseconds));
}

}  // namespace parakit::lesson
