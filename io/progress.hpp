#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <thread>

namespace parakit {

// A one-line progress display on stderr, repainted by a background thread.
//
// It shows only when stderr is a terminal, so logs and pipes stay clean. The
// workers only bump an atomic counter; all formatting happens on the painter
// thread, away from the hot path.
class ProgressLine {
 public:
  ProgressLine(std::string label, std::uint64_t total, bool enabled = true);
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  void advance(std::uint64_t done = 1) { done_.fetch_add(done, std::memory_order_relaxed); }
  void add_bytes(std::uint64_t bytes) { bytes_.fetch_add(bytes, std::memory_order_relaxed); }
  bool active() const { return painter_.joinable(); }

 private:
  void paint(bool final) const;

  std::string label_;
  std::uint64_t total_;
  std::atomic<std::uint64_t> done_{0};
  std::atomic<std::uint64_t> bytes_{0};
  std::chrono::steady_clock::time_point start_;
  std::jthread painter_;
};

bool stderr_is_terminal();

}  // namespace parakit
