#pragma once

#include <cstdint>
#include <string>

#include "drivers/lesson/lesson.hpp"

namespace parakit::lesson {

struct CpuVsIoOptions {
  int ranks = 2;                // processes for the mpi and hybrid rows
  int threads = 4;              // threads (CPU) or transfers at a time (I/O) per process
  std::uint64_t numbers = 3000; // CPU side: primes --check N --kernel naive
  std::uint64_t max = 1000000;  // ... drawn from [100, max]
  int files = 8;                // I/O side: download's experiment, against its local server
  double latency_ms = 100;      // ... with this much server latency per file
  std::string programs;         // folder holding primes and download; default: lesson's own
  std::string mpirun;           // default: tools/mpirun-local of the source tree, else mpirun
};

Result run_cpu_vs_io(const CpuVsIoOptions& options);
Run setup_cpu_vs_io(CLI::App& command);
extern const std::string_view cpu_vs_io_description;

}  // namespace parakit::lesson
