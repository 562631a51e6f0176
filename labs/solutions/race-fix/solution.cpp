// Lab 2 exercise, solution (for instructors): a mutex held from the read to the
// write makes read-pause-write one step that no other thread can split.
// The pause stays inside the lock, so the threads now take turns: correct, and
// twice as slow as the broken version. (std::atomic cannot hold a pause; it
// would need the work moved before one indivisible fetch_add.)
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

namespace {

long counter = 0;
std::mutex counter_mutex;

void increase(long by) {
  std::lock_guard lock(counter_mutex);
  const long seen = counter;
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  counter = seen + by;
  std::printf("counter=%ld\n", counter);
}

}  // namespace

int main() {
  std::thread first(increase, 10);
  std::thread second(increase, 20);
  first.join();
  second.join();
  std::printf("final %ld expected 30 lost %ld\n", counter, 30 - counter);
}
