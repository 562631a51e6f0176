#include "kernels/concurrency/thread_pool.hpp"

#include <limits>
#include <stdexcept>

namespace parakit {

ThreadPool::ThreadPool(std::size_t workers) : jobs_(std::numeric_limits<std::size_t>::max()) {
  if (workers == 0) throw std::invalid_argument("a thread pool needs at least one worker");
  workers_.reserve(workers);
  for (std::size_t i = 0; i < workers; ++i) {
    workers_.emplace_back([this] {
      while (auto job = jobs_.get()) (*job)();
    });
  }
}

ThreadPool::~ThreadPool() {
  // Closing lets the workers drain what is queued and then leave their loop;
  // the jthreads join as the vector is destroyed.
  jobs_.close();
  workers_.clear();
}

void ThreadPool::enqueue(std::function<void()> job) {
  if (!jobs_.put(std::move(job))) throw std::logic_error("submit on a thread pool that is shutting down");
}

}  // namespace parakit
