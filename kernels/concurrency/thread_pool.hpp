#pragma once

#include <cstddef>
#include <functional>
#include <future>
#include <memory>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "kernels/concurrency/bounded_queue.hpp"

namespace parakit {

// A fixed set of worker threads taking tasks from one queue; submit() hands
// back a std::future that carries the task's result or its exception.
//
// Destruction finishes every task already submitted, then joins the workers:
// the pool cannot outlive the work it accepted, nor silently drop it.
class ThreadPool {
 public:
  explicit ThreadPool(std::size_t workers);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  template <typename F, typename... Args>
  auto submit(F&& task, Args&&... args) -> std::future<std::invoke_result_t<F, Args...>> {
    using Result = std::invoke_result_t<F, Args...>;
    // packaged_task is move-only and std::function needs copyable targets,
    // hence the shared_ptr around it.
    auto packaged = std::make_shared<std::packaged_task<Result()>>(
        [task = std::forward<F>(task), ... args = std::forward<Args>(args)]() mutable {
          return std::invoke(task, args...);
        });
    auto future = packaged->get_future();
    enqueue([packaged] { (*packaged)(); });
    return future;
  }

  std::size_t size() const { return workers_.size(); }

 private:
  void enqueue(std::function<void()> job);

  // Unbounded in practice: submit() must never block the caller on a full
  // queue, or a task that submits more tasks could deadlock the pool.
  BoundedQueue<std::function<void()>> jobs_;
  std::vector<std::jthread> workers_;
};

}  // namespace parakit
