// Lab 6 exercise, solution (for instructors): the downloads run on a pool of 3
// threads; each future holds a result or the exception its task threw, and
// get() hands over the one or rethrows the other in main.
#include <chrono>
#include <cstdio>
#include <future>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "kernels/concurrency/thread_pool.hpp"

namespace {

constexpr int kFiles = 6;

int download(int file) {
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  if (file == 3) throw std::runtime_error("file-3: server said 404");
  return 1000 * (file + 1);
}

}  // namespace

int main() {
  parakit::ThreadPool pool(3);
  std::vector<std::future<int>> futures;
  for (int file = 0; file < kFiles; ++file) futures.push_back(pool.submit(download, file));

  int downloaded = 0;
  int failed = 0;
  for (int file = 0; file < kFiles; ++file) {
    try {
      std::printf("file-%d: %d bytes\n", file, futures[file].get());
      ++downloaded;
    } catch (const std::exception& e) {
      std::printf("file-%d failed: %s\n", file, e.what());
      ++failed;
    }
  }
  std::printf("%d downloaded, %d failed\n", downloaded, failed);
}
