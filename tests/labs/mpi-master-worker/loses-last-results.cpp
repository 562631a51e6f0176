// Wrong on purpose: once the tasks are handed out, the master sends every
// worker its stop without waiting for the worker's last request. That request
// carries the worker's last result, which nobody receives: the run ends, but
// the total misses the last task of every worker.
// expect-check: messages: 2 ranks, 10 tasks on [0, 30000]
// expect-hint: the last one too
#include <mpi.h>
#include <time.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "kernels/naive.hpp"

namespace {

// The messages of part 1. The payload is always one std::uint64_t.
constexpr int kReadyTag = 1;  // worker -> master: primes of the task just done
constexpr int kTaskTag = 2;   // master -> worker: the task to do next
constexpr int kStopTag = 3;   // master -> worker: no tasks left, return

// The numbers first, first + 1, ..., last of one task.
struct Span {
  std::uint64_t first = 0;
  std::uint64_t last = 0;
};

// Task t of `tasks` over [lo, hi]: the first (numbers % tasks) tasks take one
// number more than the others. TASKS never exceeds the count of numbers, so
// no task is empty.
Span task_of(std::uint64_t lo, std::uint64_t hi, std::uint64_t tasks, std::uint64_t t) {
  const std::uint64_t numbers = hi - lo + 1;
  const std::uint64_t base = numbers / tasks;
  const std::uint64_t extra = numbers % tasks;
  const std::uint64_t first = lo + t * base + (t < extra ? t : extra);
  return {first, first + base + (t < extra ? 1 : 0) - 1};
}

double thread_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

// What one rank did. Busy time is CPU time spent counting, so it stays a fair
// measure when more ranks than cores share the machine.
struct Worker {
  std::uint64_t lo = 0, hi = 0, tasks = 0;
  std::vector<std::uint64_t> done;
  std::uint64_t primes = 0;
  double busy = 0;

  // Counts task t and returns its primes.
  std::uint64_t work(std::uint64_t t) {
    const Span span = task_of(lo, hi, tasks, t);
    const double start = thread_cpu_seconds();
    std::uint64_t found = 0;
    for (std::uint64_t n = span.first; n <= span.last; ++n) found += parakit::is_prime_naive(n) ? 1 : 0;
    busy += thread_cpu_seconds() - start;
    done.push_back(t);
    primes += found;
    return found;
  }

  // One line, written at once, so that lines of different ranks never mix.
  void report(int rank, int size) const {
    std::string tasks_done = done.empty() ? "no tasks" : "tasks";
    for (const std::uint64_t t : done) tasks_done.append(" ").append(std::to_string(t));
    std::printf("rank %d of %d: %s, %llu primes, busy %.4f s\n", rank, size, tasks_done.c_str(),
                static_cast<unsigned long long>(primes), busy);
    std::fflush(stdout);
  }
};

// Part 1, rank 0 with at least one worker.
std::uint64_t master(std::uint64_t tasks, int size) {
  std::uint64_t total = 0;
  for (std::uint64_t next = 0; next < tasks; ++next) {
    std::uint64_t result = 0;
    MPI_Status status;
    MPI_Recv(&result, 1, MPI_UINT64_T, MPI_ANY_SOURCE, kReadyTag, MPI_COMM_WORLD, &status);
    total += result;
    MPI_Send(&next, 1, MPI_UINT64_T, status.MPI_SOURCE, kTaskTag, MPI_COMM_WORLD);
  }
  // wrong: the stops go out unasked, and the last requests are never received
  for (int w = 1; w < size; ++w) MPI_Send(&tasks, 1, MPI_UINT64_T, w, kStopTag, MPI_COMM_WORLD);
  return total;
}

// Part 1, ranks 1 and up: ask for a task, do it, ask again with its result.
void worker(Worker& me) {
  std::uint64_t result = 0;
  for (;;) {
    MPI_Send(&result, 1, MPI_UINT64_T, 0, kReadyTag, MPI_COMM_WORLD);
    std::uint64_t task = 0;
    MPI_Status status;
    MPI_Recv(&task, 1, MPI_UINT64_T, 0, MPI_ANY_TAG, MPI_COMM_WORLD, &status);
    if (status.MPI_TAG == kStopTag) return;
    result = me.work(task);
  }
}

// Part 2: the count of tasks handed out, one std::uint64_t in a window on
// rank 0. Constructing and destroying it is collective.
class SharedCounter {
 public:
  explicit SharedCounter(MPI_Comm comm) {
    int rank = 0;
    MPI_Comm_rank(comm, &rank);
    // Only rank 0 exposes memory; the others reach it through the window.
    const MPI_Aint bytes = rank == 0 ? sizeof(std::uint64_t) : 0;
    MPI_Win_allocate(bytes, sizeof(std::uint64_t), MPI_INFO_NULL, comm, &value_, &win_);
    if (rank == 0) {
      MPI_Win_lock(MPI_LOCK_EXCLUSIVE, 0, 0, win_);
      *value_ = 0;
      MPI_Win_unlock(0, win_);
    }
    MPI_Barrier(comm);  // no rank takes a task before the counter is 0
  }
  ~SharedCounter() {
    if (win_ != MPI_WIN_NULL) MPI_Win_free(&win_);
  }
  SharedCounter(const SharedCounter&) = delete;
  SharedCounter& operator=(const SharedCounter&) = delete;

  // The counter's old value, after adding 1 to it, in one atomic step: two
  // ranks never get the same number.
  std::uint64_t next() {
    const std::uint64_t one = 1;
    std::uint64_t old = 0;
    MPI_Win_lock(MPI_LOCK_SHARED, 0, 0, win_);  // shared: Fetch_and_op is atomic on its own
    MPI_Fetch_and_op(&one, &old, MPI_UINT64_T, 0, 0, MPI_SUM, win_);
    MPI_Win_unlock(0, win_);  // `old` is valid from here on
    return old;
  }

 private:
  MPI_Win win_ = MPI_WIN_NULL;
  std::uint64_t* value_ = nullptr;
};

bool parse_number(const char* text, std::uint64_t& value) {
  char* end = nullptr;
  value = std::strtoull(text, &end, 10);
  return *text >= '0' && *text <= '9' && *end == '\0';
}

void print_total(std::uint64_t total, const Worker& me) {
  std::printf("total: %llu primes in [%llu, %llu], %llu tasks\n", static_cast<unsigned long long>(total),
              static_cast<unsigned long long>(me.lo), static_cast<unsigned long long>(me.hi),
              static_cast<unsigned long long>(me.tasks));
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);

  Worker me;
  const bool messages = argc == 5 && std::strcmp(argv[1], "messages") == 0;
  const bool counter = argc == 5 && std::strcmp(argv[1], "counter") == 0;
  if (!(messages || counter) || !parse_number(argv[2], me.lo) || !parse_number(argv[3], me.hi) ||
      !parse_number(argv[4], me.tasks) || me.lo > me.hi || me.hi >= UINT64_MAX / 2 || me.tasks == 0 ||
      me.tasks > me.hi - me.lo + 1) {
    if (rank == 0) {
      std::fprintf(stderr, "usage: %s messages|counter LO HI TASKS  (0 <= LO <= HI < 2^63, 1 <= TASKS <= HI-LO+1)\n",
                   argv[0]);
    }
    MPI_Finalize();
    return 2;
  }

  if (messages) {
    std::uint64_t total = 0;
    if (size == 1) {  // no worker to ask: the master does every task itself
      for (std::uint64_t t = 0; t < me.tasks; ++t) total += me.work(t);
    } else if (rank == 0) {
      total = master(me.tasks, size);
    } else {
      worker(me);
    }
    me.report(rank, size);
    if (rank == 0) print_total(total, me);
  } else {
    {
      SharedCounter tasks_taken(MPI_COMM_WORLD);
      for (std::uint64_t t = tasks_taken.next(); t < me.tasks; t = tasks_taken.next()) me.work(t);
    }  // the window is freed here, on every rank together
    me.report(rank, size);
    std::uint64_t total = 0;
    MPI_Reduce(&me.primes, &total, 1, MPI_UINT64_T, MPI_SUM, 0, MPI_COMM_WORLD);
    if (rank == 0) print_total(total, me);
  }
  MPI_Finalize();
  return 0;
}
