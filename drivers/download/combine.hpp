#pragma once

#include "io/mpi/broadcast.hpp"

#include <mpi.h>

#include <nlohmann/json.hpp>
#include <vector>

#include "drivers/download/job.hpp"

namespace parakit::download {

nlohmann::json to_json(const FileRecord& record);
FileRecord record_from_json(const nlohmann::json& json);

// Collective: every rank's records, on rank 0, in list order (empty elsewhere).
std::vector<FileRecord> combine(const RankOutcome& outcome, MPI_Comm comm);

// Collective: rank 0's string on every rank.

}  // namespace parakit::download
