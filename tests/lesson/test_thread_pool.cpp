#include <catch2/catch.hpp>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "kernels/concurrency/thread_pool.hpp"

using parakit::ThreadPool;

TEST_CASE("the pool returns every result through its future") {
  ThreadPool pool(3);
  std::vector<std::future<int>> futures;
  for (int i = 0; i < 100; ++i) futures.push_back(pool.submit([](int x) { return x * x; }, i));
  for (int i = 0; i < 100; ++i) CHECK(futures[i].get() == i * i);
}

TEST_CASE("an exception thrown in a task is rethrown by get() in the caller") {
  ThreadPool pool(2);
  auto good = pool.submit([] { return 1; });
  auto bad = pool.submit([]() -> int { throw std::runtime_error("task failed"); });
  CHECK(good.get() == 1);
  CHECK_THROWS_WITH(bad.get(), "task failed");
}

TEST_CASE("tasks run on the pool's threads, never more at once than its size") {
  ThreadPool pool(2);
  std::atomic<int> running{0}, most{0};
  std::mutex ids_mutex;
  std::set<std::thread::id> ids;
  std::vector<std::future<void>> futures;
  for (int i = 0; i < 12; ++i)
    futures.push_back(pool.submit([&] {
      const int now = ++running;
      int seen = most.load();
      while (now > seen && !most.compare_exchange_weak(seen, now)) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      --running;
      std::lock_guard lock(ids_mutex);
      ids.insert(std::this_thread::get_id());
    }));
  for (auto& f : futures) f.get();
  CHECK(most.load() <= 2);
  CHECK(ids.size() <= 2);
  CHECK(ids.count(std::this_thread::get_id()) == 0);
}

TEST_CASE("destroying the pool finishes the work it accepted") {
  std::atomic<int> done{0};
  {
    ThreadPool pool(1);
    for (int i = 0; i < 20; ++i) pool.submit([&] {
      std::this_thread::sleep_for(std::chrono::microseconds(200));
      ++done;
    });
  }
  CHECK(done.load() == 20);
}

TEST_CASE("a pool needs a worker") { CHECK_THROWS_AS(ThreadPool(0), std::invalid_argument); }
