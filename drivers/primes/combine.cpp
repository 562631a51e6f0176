#include "drivers/primes/combine.hpp"

#include <algorithm>
#include <bit>
#include <charconv>

#include "io/mpi/ordered_writer.hpp"
#include "io/piece_spool.hpp"

namespace parakit::primes {
namespace {

constexpr int kFieldsPerWorker = 7;

std::string format_lines(const std::vector<std::uint64_t>& primes, std::size_t first, std::size_t last) {
  std::string text;
  text.reserve((last - first) * 12);
  char digits[24];
  for (std::size_t i = first; i < last; ++i) {
    auto end = std::to_chars(digits, digits + sizeof digits, primes[i]).ptr;
    text.append(digits, end);
    text.push_back('\n');
  }
  return text;
}

}  // namespace

JobResult combine(const RankOutcome& outcome, MPI_Comm comm) {
  int rank = 0, size = 1;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);

  std::uint64_t local[2] = {0, 0};
  std::vector<std::uint64_t> packed;
  for (const WorkerLog& w : outcome.workers) {
    local[0] += w.found;
    local[1] += w.checked;
    packed.insert(packed.end(), {static_cast<std::uint64_t>(w.rank), static_cast<std::uint64_t>(w.thread), w.tasks,
                                 w.checked, w.found, std::bit_cast<std::uint64_t>(w.busy_seconds),
                                 std::bit_cast<std::uint64_t>(w.finished_at)});
  }
  for (const TaskResult& t : outcome.restored) {
    local[0] += t.found;
    local[1] += t.checked;
  }
  JobResult result;
  std::uint64_t total[2] = {0, 0};
  MPI_Reduce(local, total, 2, MPI_UINT64_T, MPI_SUM, 0, comm);
  result.count = total[0];
  result.checked = total[1];

  int mine = static_cast<int>(packed.size());
  std::vector<int> counts(static_cast<std::size_t>(size)), displs(static_cast<std::size_t>(size));
  MPI_Gather(&mine, 1, MPI_INT, counts.data(), 1, MPI_INT, 0, comm);
  std::vector<std::uint64_t> all;
  if (rank == 0) {
    for (int r = 1; r < size; ++r) displs[r] = displs[r - 1] + counts[r - 1];
    all.resize(static_cast<std::size_t>(displs.back() + counts.back()));
  }
  MPI_Gatherv(packed.data(), mine, MPI_UINT64_T, all.data(), counts.data(), displs.data(), MPI_UINT64_T, 0, comm);
  for (std::size_t i = 0; i + kFieldsPerWorker <= all.size(); i += kFieldsPerWorker) {
    result.workers.push_back({static_cast<int>(all[i]), static_cast<int>(all[i + 1]), all[i + 2], all[i + 3], all[i + 4],
                              std::bit_cast<double>(all[i + 5]), std::bit_cast<double>(all[i + 6])});
  }
  return result;
}

void write_prime_list(const Job& job, const RankOutcome& outcome, MPI_Comm comm, const std::string& path) {
  std::vector<FilePiece> pieces;
  if (job.list_spools) {
    // Tasks cover ascending sub-ranges, so task order is file order. The
    // tasks of this run are in the spools; restored ones came in memory.
    for (const TaskResult& t : outcome.restored) pieces.push_back({t.task, format_lines(t.primes, 0, t.primes.size())});
    std::vector<PieceSpool*> spooled;
    for (PieceSpool& spool : *job.list_spools) spooled.push_back(&spool);
    write_pieces(comm, path, job.plan.tasks, pieces, spooled);
    return;
  }
  // Drawn or listed numbers come in no order: share the primes found, sort them
  // the same way everywhere, and let each rank write an equal slice.
  int rank = 0, size = 1;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);
  std::vector<std::uint64_t> local;
  for (const WorkerLog& w : outcome.workers) {
    for (const TaskResult& t : w.kept) local.insert(local.end(), t.primes.begin(), t.primes.end());
  }
  for (const TaskResult& t : outcome.restored) local.insert(local.end(), t.primes.begin(), t.primes.end());
  int mine = static_cast<int>(local.size());
  std::vector<int> counts(static_cast<std::size_t>(size)), displs(static_cast<std::size_t>(size));
  MPI_Allgather(&mine, 1, MPI_INT, counts.data(), 1, MPI_INT, comm);
  for (int r = 1; r < size; ++r) displs[r] = displs[r - 1] + counts[r - 1];
  std::vector<std::uint64_t> all(static_cast<std::size_t>(displs.back() + counts.back()));
  MPI_Allgatherv(local.data(), mine, MPI_UINT64_T, all.data(), counts.data(), displs.data(), MPI_UINT64_T, comm);
  std::sort(all.begin(), all.end());
  const std::size_t first = all.size() * static_cast<std::size_t>(rank) / static_cast<std::size_t>(size);
  const std::size_t last = all.size() * (static_cast<std::size_t>(rank) + 1) / static_cast<std::size_t>(size);
  pieces.push_back({static_cast<std::uint64_t>(rank), format_lines(all, first, last)});
  write_pieces(comm, path, static_cast<std::uint64_t>(size), pieces);
}

}  // namespace parakit::primes
