#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "drivers/lesson/lesson.hpp"
#include "kernels/concurrency/span_recorder.hpp"

namespace parakit::lesson {

enum class Workload { cpu, io };

struct GilOptions {
  int threads = 2;
  int units = 12;                  // units of work per thread
  std::uint64_t unit_size = 2000;  // numbers tested per CPU unit
  double io_ms = 10;          // wait per I/O unit
  std::uint64_t seed = 1;
};

// One configuration: `threads` threads share threads x units units of work.
struct GilCase {
  Workload workload = Workload::cpu;
  int threads = 1;
  bool gil = false;
};

struct GilCaseResult {
  GilCase config;
  double seconds = 0;
  std::uint64_t primes = 0;
  std::vector<Span> spans;  // {thread, start, end, "cpu" | "io"}
};

GilCaseResult run_gil_case(const GilOptions& options, const GilCase& config);

Result run_gil(const GilOptions& options);
Run setup_gil(CLI::App& command);
extern const std::string_view gil_description;

}  // namespace parakit::lesson
