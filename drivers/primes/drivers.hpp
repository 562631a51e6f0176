#pragma once

#include <mpi.h>

#include <optional>
#include <string_view>

#include "drivers/primes/job.hpp"
#include "drivers/primes/worker.hpp"

namespace parakit::primes {

// The five execution models. Each splits the job's tasks over its workers in its
// own way and returns what this rank's workers did; combine.cpp does the rest.
enum class Driver { serial, threads, openmp, mpi, hybrid };

std::string_view driver_name(Driver driver);
std::optional<Driver> parse_driver(std::string_view name);
bool uses_mpi(Driver driver);
bool uses_threads(Driver driver);

RankOutcome run_serial(const Job& job, const PhaseClock& clock);
RankOutcome run_threads(const Job& job, const PhaseClock& clock);
RankOutcome run_openmp(const Job& job, const PhaseClock& clock);
RankOutcome run_mpi(const Job& job, const PhaseClock& clock, MPI_Comm comm);
RankOutcome run_hybrid(const Job& job, const PhaseClock& clock, MPI_Comm comm);

}  // namespace parakit::primes
