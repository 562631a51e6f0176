// One transfer at a time on one handle: the lesson's sequential download, and
// the baseline every other driver is measured against.
#include "drivers/download/drivers.hpp"
#include "drivers/download/worker.hpp"
#include "io/http/curl_handles.hpp"

namespace parakit::download {

RankOutcome run_serial(const Job& job, TaskSource& tasks, const PhaseClock& clock, int rank) {
  RankOutcome outcome;
  const http::EasyHandle easy = http::make_easy();
  while (const auto index = tasks.next()) outcome.records.push_back(download_one(job, *index, easy.get(), clock, rank, 0));
  return outcome;
}

}  // namespace parakit::download
