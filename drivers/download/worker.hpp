#pragma once

#include <curl/curl.h>

#include "drivers/download/job.hpp"
#include "io/http/transfer.hpp"

namespace parakit::download {

// The request for file `index`: its URL, its final path, its checksum.
http::TransferRequest request_for(const Job& job, std::size_t index);

// The record of a finished transfer, booked the same way by every driver.
FileRecord make_record(const Job& job, std::size_t index, const http::TransferResult& result, int rank, int worker,
                       double start, double end);

// File `index` from start to end on one handle, retries included: what
// serial and every thread do.
FileRecord download_one(const Job& job, std::size_t index, CURL* easy, const PhaseClock& clock, int rank, int worker);

}  // namespace parakit::download
