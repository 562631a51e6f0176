#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "drivers/whereami/placement.hpp"
#include "io/mpi/run_record.hpp"

namespace parakit::whereami {

// The human report: a summary line, the settings that shape placement, one
// row per thread, then the warnings (or a line saying there are none).
std::string human_report(const std::vector<Placement>& placements, const std::vector<Warning>& warnings,
                         const RunRecord& record);

nlohmann::json json_report(const std::vector<Placement>& placements, const std::vector<Warning>& warnings,
                           const RunRecord& record);

}  // namespace parakit::whereami
