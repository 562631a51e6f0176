#pragma once

#include <mpi.h>

#include <optional>
#include <string_view>

#include "drivers/download/job.hpp"
#include "drivers/download/task_source.hpp"

namespace parakit::download {

// The five execution models. serial, threads and async run in one process;
// mpi and hybrid split the list over ranks with the schedules of primes.
enum class Driver { serial, threads, async, mpi, hybrid };

std::string_view driver_name(Driver driver);
std::optional<Driver> parse_driver(std::string_view name);
std::string_view rank_driver_name(RankDriver driver);
std::optional<RankDriver> parse_rank_driver(std::string_view name);
bool uses_mpi(Driver driver);
// Whether --jobs means anything: more than one transfer at a time per rank.
bool runs_concurrently(Driver driver);

// One rank's transfers, from `tasks`, with `rank` written into each record.
RankOutcome run_serial(const Job& job, TaskSource& tasks, const PhaseClock& clock, int rank);
RankOutcome run_threads(const Job& job, TaskSource& tasks, const PhaseClock& clock, int rank);
RankOutcome run_async(const Job& job, TaskSource& tasks, const PhaseClock& clock, int rank);

// Collective over `comm`.
RankOutcome run_mpi(const Job& job, const PhaseClock& clock, MPI_Comm comm);
RankOutcome run_hybrid(const Job& job, const PhaseClock& clock, MPI_Comm comm);

}  // namespace parakit::download
