// A pool of --jobs threads, each with its own easy handle, taking the next
// file as soon as it is free: the lesson's ThreadPoolExecutor. The threads
// spend nearly all their time blocked on the network, which is why more of
// them than cores still pays off.
#include <mutex>
#include <thread>

#include "drivers/download/drivers.hpp"
#include "drivers/download/worker.hpp"
#include "io/http/curl_handles.hpp"

namespace parakit::download {

RankOutcome run_threads(const Job& job, TaskSource& tasks, const PhaseClock& clock, int rank) {
  std::vector<std::vector<FileRecord>> per_worker(static_cast<std::size_t>(job.jobs));
  std::mutex first_error_mutex;
  std::exception_ptr first_error;

  auto work = [&](int worker) {
    try {
      const http::EasyHandle easy = http::make_easy();
      while (const auto index = tasks.next()) {
        per_worker[static_cast<std::size_t>(worker)].push_back(download_one(job, *index, easy.get(), clock, rank, worker));
      }
    } catch (...) {
      std::lock_guard lock(first_error_mutex);
      if (!first_error) first_error = std::current_exception();
    }
  };
  {
    std::vector<std::jthread> pool;  // joined on scope exit, even on exceptions
    for (int worker = 0; worker < job.jobs; ++worker) pool.emplace_back(work, worker);
  }
  if (first_error) std::rethrow_exception(first_error);

  RankOutcome outcome;
  for (auto& records : per_worker) outcome.records.insert(outcome.records.end(), records.begin(), records.end());
  return outcome;
}

}  // namespace parakit::download
