// What recording costs per call, with tracing off and on, measured in-process:
// the numbers bench/trace-overhead puts next to the whole-program comparison.
// Needs no MPI launcher: a disabled recorder never calls MPI, and the enabled
// one here is only asked to record, never to gather.
// Usage: trace_off_cost [calls]
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "io/trace/recorder.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double ns_per_call(parakit::trace::TrackBuffer& buffer, long calls) {
  const auto start = Clock::now();
  for (long i = 0; i < calls; ++i) {
    // The pattern hot loops use: arguments are built only when tracing is on.
    const auto t = Clock::now();
    if (buffer.enabled()) buffer.span("task", "task", t, t, {{"task", i}});
  }
  const auto stop = Clock::now();
  return std::chrono::duration<double, std::nano>(stop - start).count() / static_cast<double>(calls);
}

double ns_per_clock_read(long calls) {
  const auto start = Clock::now();
  Clock::time_point sink{};
  for (long i = 0; i < calls; ++i) sink = std::max(sink, Clock::now());
  const auto stop = Clock::now();
  return std::chrono::duration<double, std::nano>(stop - start).count() / static_cast<double>(calls) +
         (sink == Clock::time_point{} ? 1 : 0);
}

}  // namespace

int main(int argc, char** argv) {
  const long calls = argc > 1 ? std::atol(argv[1]) : 1'000'000;
  if (calls < 1) {
    std::fprintf(stderr, "trace_off_cost: calls must be at least 1\n");
    return 2;
  }
  parakit::trace::TrackBuffer off(parakit::trace::TrackRole::worker, 0, "off", false);
  parakit::trace::TrackBuffer on(parakit::trace::TrackRole::worker, 0, "on", true);
  on.reserve(static_cast<std::size_t>(calls));
  const double clock = ns_per_clock_read(calls);
  const double off_ns = ns_per_call(off, calls) - clock;
  const double on_ns = ns_per_call(on, calls) - clock;
  std::printf("{\"calls\": %ld, \"clock_read_ns\": %.1f, \"span_off_ns\": %.1f, \"span_on_ns\": %.1f}\n", calls, clock,
              off_ns, on_ns);
  return 0;
}
