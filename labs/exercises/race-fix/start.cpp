// Lab 2 exercise, starting version: the lesson's lost update.
// Two threads add 10 and 20 to a shared counter, each by reading it, pausing
// (the "processing time"), and writing back. Run it: the final count is wrong.
// Your task: make the final count right every time WITHOUT removing the pause.
// Build and run from build/:  cmake --build . --target race_fix_start && ./race_fix_start
#include <chrono>
#include <cstdio>
#include <thread>

namespace {

long counter = 0;

void increase(long by) {
  const long seen = counter;                                   // read
  std::this_thread::sleep_for(std::chrono::milliseconds(20));  // process
  counter = seen + by;                                         // write back
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
