#include "drivers/download/worker.hpp"

#include "io/http/display_text.hpp"
#include "io/progress.hpp"

namespace parakit::download {

http::TransferRequest request_for(const Job& job, std::size_t index) {
  const FileTask& file = job.files[index];
  return {file.url, job.out_dir / file.name, file.sha256};
}

FileRecord make_record(const Job& job, std::size_t index, const http::TransferResult& result, int rank, int worker,
                       double start, double end) {
  if (job.progress) job.progress->advance();
  FileRecord record;
  record.index = index;
  // What leaves the rank (report, JSON, trace) never shows a password, and
  // libcurl's errors may quote whatever bytes a server sent.
  record.url = http::for_display(job.files[index].url);
  record.path = (job.out_dir / job.files[index].name).string();
  record.ok = result.ok;
  record.bytes = result.bytes;
  record.sha256 = result.sha256;
  record.attempts = result.attempts;
  record.error = http::for_display(result.error);
  record.http_status = result.http_status;
  record.resumed_from = result.resumed_from;
  record.interrupted = result.interrupted;
  record.already_saved = result.already_saved;
  record.rank = rank;
  record.worker = worker;
  record.start = start;
  record.end = end;
  return record;
}

FileRecord download_one(const Job& job, std::size_t index, CURL* easy, const PhaseClock& clock, int rank, int worker) {
  const double start = clock.seconds();
  const http::TransferResult result = http::run_transfer(easy, request_for(job, index), job.settings);
  return make_record(job, index, result, rank, worker, start, clock.seconds());
}

}  // namespace parakit::download
