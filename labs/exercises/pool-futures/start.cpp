// Lab 6 exercise, starting version: six simulated downloads, one after another.
// Download 3 fails (the server "returns 404") by throwing.
// Your task: submit every download to a parakit::ThreadPool with 3 workers
// (kernels/concurrency/thread_pool.hpp), keep the std::future of each, then
// print every result in submission order, catching the failure where you call
// get(): the exception travels from the pool thread to main inside the future.
// Keep the last line's format: "N downloaded, M failed".
// Build and run from build/:  cmake --build . --target pool_futures_start && ./pool_futures_start
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <thread>

namespace {

constexpr int kFiles = 6;

// Returns the "bytes downloaded"; throws for file 3.
int download(int file) {
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  if (file == 3) throw std::runtime_error("file-3: server said 404");
  return 1000 * (file + 1);
}

}  // namespace

int main() {
  int downloaded = 0;
  int failed = 0;
  for (int file = 0; file < kFiles; ++file) {
    try {
      std::printf("file-%d: %d bytes\n", file, download(file));
      ++downloaded;
    } catch (const std::exception& e) {
      std::printf("file-%d failed: %s\n", file, e.what());
      ++failed;
    }
  }
  std::printf("%d downloaded, %d failed\n", downloaded, failed);
}
