#pragma once

#include <mpi.h>

#include <cstdint>

namespace parakit::trace {

// Nanoseconds on this process's std::chrono::steady_clock (CLOCK_MONOTONIC on
// Linux): the clock every span is stamped with. Ranks on one host share it;
// ranks on different hosts do not, hence the offsets below.
std::int64_t steady_now_ns();

// A rank's clock against rank 0's, in nanoseconds: rank 0's time is
// local + offset_ns, and the true offset lies within offset_ns +- error_ns.
struct MeasuredOffset {
  std::int64_t offset_ns = 0;
  std::int64_t error_ns = 0;
  bool shared_clock = false;  // same kernel as rank 0: the offset is 0 by construction
};

// Ranks that run on the same booted kernel as rank 0 (same
// /proc/sys/kernel/random/boot_id) read the very same CLOCK_MONOTONIC, so their
// offset is exactly 0 and measuring it would only add noise: on a loaded node
// one round trip can take a scheduler time slice (milliseconds). Tests force
// the measurement to check the method itself.
enum class ClockPolicy { trust_shared_kernel, always_measure };

// Collective over `comm`: every rank learns its clock offset against rank 0.
//
// Method (Cristian's algorithm, best of several rounds). Rank r stamps t0 and
// sends a request to rank 0, which answers with its own time T; rank r stamps
// t1 on receipt. Rank 0 read T at some instant between t0 and t1 as rank r
// counts time, so the true offset lies in [T - t1, T - t0]. The estimate is the
// middle of that interval, T - (t0 + t1) / 2, and its error is at most half the
// round trip, (t1 - t0) / 2: a hard bound that holds whatever the network does,
// not a statistical one. Of `rounds` exchanges (after two warm-ups that pay for
// connection set-up) the one with the shortest round trip is kept, since it has
// the tightest bound. Typical bounds: well under a microsecond between ranks of
// one node over shared memory, a few to tens of microseconds across nodes over
// TCP, far below the millisecond scale of tasks.
//
// Rank 0 serves the ranks one after another, a few round trips each: well under
// a second even for hundreds of ranks. The call runs only when tracing is on.
MeasuredOffset measure_clock_offset(MPI_Comm comm, ClockPolicy policy = ClockPolicy::trust_shared_kernel,
                                    int max_rounds = 32);

// Clocks drift apart (crystal oscillators differ by some parts per million), so
// the recorder measures at start and again at the end and interpolates linearly
// between the two; this is the offset to apply to a local time `local_ns`.
std::int64_t interpolate_offset(const MeasuredOffset& at_start, std::int64_t start_local_ns,
                                const MeasuredOffset& at_end, std::int64_t end_local_ns, std::int64_t local_ns);

}  // namespace parakit::trace
