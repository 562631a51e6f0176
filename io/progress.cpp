#include "io/progress.hpp"

#include <chrono>
#include <cstdio>
#include <fmt/format.h>
#include <unistd.h>

namespace parakit {

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

ProgressLine::ProgressLine(std::string label, std::uint64_t total, bool enabled)
    : label_(std::move(label)), total_(total), start_(std::chrono::steady_clock::now()) {
  if (!enabled || !stderr_is_terminal()) return;
  painter_ = std::jthread([this](std::stop_token stop) {
    while (!stop.stop_requested()) {
      paint(false);
      for (int i = 0; i < 5 && !stop.stop_requested(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    }
  });
}

ProgressLine::~ProgressLine() {
  if (!painter_.joinable()) return;
  painter_.request_stop();
  painter_.join();
  std::fputs("\r\033[K", stderr);  // leave the line clean for the report
  std::fflush(stderr);
}

void ProgressLine::paint(bool) const {
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const std::uint64_t done = done_.load(std::memory_order_relaxed);
  const std::uint64_t bytes = bytes_.load(std::memory_order_relaxed);
  const double fraction = total_ ? static_cast<double>(done) / static_cast<double>(total_) : 0.0;
  std::string line = fmt::format("\r{} {:5.1f}%  {}/{}", label_, 100.0 * fraction, done, total_);
  if (bytes > 0) line += fmt::format("  {:.1f} MiB  {:.1f} MiB/s", bytes / 1048576.0, bytes / 1048576.0 / std::max(elapsed, 1e-9));
  if (fraction > 0.0 && fraction < 1.0) line += fmt::format("  ETA {:.0f} s", elapsed * (1.0 - fraction) / fraction);
  line += "\033[K";
  std::fputs(line.c_str(), stderr);
  std::fflush(stderr);
}

}  // namespace parakit
