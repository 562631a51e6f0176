#include "io/trace/clock_sync.hpp"

#include <array>
#include <chrono>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

namespace parakit::trace {
namespace {

constexpr int kRequestTag = 7301;
constexpr int kReplyTag = 7302;
constexpr int kWarmUpRounds = 2;
constexpr int kMinRounds = 3;
constexpr std::int64_t kGoodEnoughNs = 10'000;
constexpr std::int64_t kTimeBudgetNs = 50'000'000;
constexpr char kAnotherRound = 1;
constexpr char kDone = 0;

// A private communicator, so the exchanges cannot match any message of the program.
class DupComm {
 public:
  explicit DupComm(MPI_Comm comm) { MPI_Comm_dup(comm, &comm_); }
  ~DupComm() { MPI_Comm_free(&comm_); }
  DupComm(const DupComm&) = delete;
  DupComm& operator=(const DupComm&) = delete;
  MPI_Comm get() const { return comm_; }

 private:
  MPI_Comm comm_ = MPI_COMM_NULL;
};

// 36 characters naming this boot of this kernel; empty where Linux's procfs is absent.
std::array<char, 40> boot_id() {
  std::array<char, 40> id{};
  std::ifstream in("/proc/sys/kernel/random/boot_id");
  std::string line;
  if (std::getline(in, line)) line.copy(id.data(), id.size() - 1);
  return id;
}

void serve(MPI_Comm comm, int peer) {
  for (;;) {
    char request = kDone;
    MPI_Recv(&request, 1, MPI_CHAR, peer, kRequestTag, comm, MPI_STATUS_IGNORE);
    if (request == kDone) return;
    const std::int64_t now = steady_now_ns();
    MPI_Send(&now, 1, MPI_INT64_T, peer, kReplyTag, comm);
  }
}

MeasuredOffset ask(MPI_Comm comm, int max_rounds) {
  MeasuredOffset best{0, std::numeric_limits<std::int64_t>::max(), false};
  const std::int64_t began = steady_now_ns();
  for (int i = 0; i < kWarmUpRounds + max_rounds; ++i) {
    const std::int64_t t0 = steady_now_ns();
    MPI_Send(&kAnotherRound, 1, MPI_CHAR, 0, kRequestTag, comm);
    std::int64_t root_time = 0;
    MPI_Recv(&root_time, 1, MPI_INT64_T, 0, kReplyTag, comm, MPI_STATUS_IGNORE);
    const std::int64_t t1 = steady_now_ns();
    if (i < kWarmUpRounds) continue;
    const std::int64_t half_round_trip = (t1 - t0 + 1) / 2;  // rounded up: a bound must not shrink
    if (half_round_trip < best.error_ns) best = {root_time - (t0 + (t1 - t0) / 2), half_round_trip, false};
    const int measured = i + 1 - kWarmUpRounds;
    if (measured >= kMinRounds && (best.error_ns <= kGoodEnoughNs || t1 - began > kTimeBudgetNs)) break;
  }
  MPI_Send(&kDone, 1, MPI_CHAR, 0, kRequestTag, comm);
  return best;
}

}  // namespace

std::int64_t steady_now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

MeasuredOffset measure_clock_offset(MPI_Comm comm, ClockPolicy policy, int max_rounds) {
  DupComm dup(comm);
  int rank = 0, size = 1;
  MPI_Comm_rank(dup.get(), &rank);
  MPI_Comm_size(dup.get(), &size);
  if (max_rounds < kMinRounds) max_rounds = kMinRounds;

  std::array<char, 40> root_boot = boot_id();
  const std::array<char, 40> my_boot = root_boot;
  MPI_Bcast(root_boot.data(), static_cast<int>(root_boot.size()), MPI_CHAR, 0, dup.get());
  const bool shared = policy == ClockPolicy::trust_shared_kernel && my_boot[0] != '\0' && my_boot == root_boot;
  const int measure = shared ? 0 : 1;
  std::vector<int> who(static_cast<std::size_t>(size));
  MPI_Gather(&measure, 1, MPI_INT, who.data(), 1, MPI_INT, 0, dup.get());

  if (rank == 0) {
    for (int peer = 1; peer < size; ++peer) {
      if (who[static_cast<std::size_t>(peer)]) serve(dup.get(), peer);
    }
    return {0, 0, true};
  }
  if (shared) return {0, 0, true};
  return ask(dup.get(), max_rounds);
}

std::int64_t interpolate_offset(const MeasuredOffset& at_start, std::int64_t start_local_ns,
                                const MeasuredOffset& at_end, std::int64_t end_local_ns, std::int64_t local_ns) {
  if (end_local_ns <= start_local_ns) return at_start.offset_ns;
  const double fraction =
      static_cast<double>(local_ns - start_local_ns) / static_cast<double>(end_local_ns - start_local_ns);
  const double drift = static_cast<double>(at_end.offset_ns - at_start.offset_ns);
  return at_start.offset_ns + static_cast<std::int64_t>(fraction * drift);
}

}  // namespace parakit::trace
