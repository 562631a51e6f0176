// whereami: where does each MPI rank and OpenMP thread run?
// Every rank samples its own threads; rank 0 gathers, analyses and reports.
#include <omp.h>
#include <sched.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <set>

#include "drivers/whereami/cpuset.hpp"
#include "drivers/whereami/options.hpp"
#include "drivers/whereami/placement.hpp"
#include "drivers/whereami/report.hpp"
#include "io/mpi/run_record.hpp"
#include "io/mpi/session.hpp"
#include "io/version_text.hpp"

namespace parakit::whereami {
namespace {

constexpr int kBadInput = 2;
constexpr int kWarnings = 1;

// The CPUs the launcher gave this rank. With OMP_PROC_BIND set, the OpenMP
// runtime may already have pinned the main thread to its first place, so the
// union of OpenMP's places (built from the launcher's mask) is the better
// answer then; without binding there are no places and the mask is intact.
std::vector<int> rank_affinity() {
  const int places = omp_get_num_places();
  if (places <= 0) return thread_affinity();
  std::set<int> cpus;
  for (int place = 0; place < places; ++place) {
    std::vector<int> ids(static_cast<std::size_t>(omp_get_place_num_procs(place)));
    omp_get_place_proc_ids(place, ids.data());
    cpus.insert(ids.begin(), ids.end());
  }
  return {cpus.begin(), cpus.end()};
}

std::vector<Placement> sample_threads(const Options& options, const std::string& host, int rank) {
  const std::vector<int> rank_cpus = rank_affinity();
  const std::vector<int> rank_cores = cores_of(rank_cpus);
  const int threads = options.threads.value_or(omp_get_max_threads());
  std::vector<Placement> rows(static_cast<std::size_t>(threads));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(options.spin_seconds);

#pragma omp parallel num_threads(threads)
  {
    // Busy until the deadline, so all threads run at once when they sample:
    // an idle machine would otherwise run them one after another on one CPU.
    volatile unsigned long work = 0;
    while (std::chrono::steady_clock::now() < deadline) work = work + 1;
    Placement& p = rows[static_cast<std::size_t>(omp_get_thread_num())];
    p.cpu = ::sched_getcpu();
    p.affinity = thread_affinity();
    p.threads = omp_get_num_threads();
  }
  for (std::size_t t = 0; t < rows.size(); ++t) {
    Placement& p = rows[t];
    p.host = host;
    p.rank = rank;
    p.thread = static_cast<int>(t);
    p.core = core_of_cpu(p.cpu);
    p.affinity_cores = cores_of(p.affinity);
    p.rank_affinity = rank_cpus;
    p.rank_cores = rank_cores;
  }
  // OpenMP may give fewer threads than asked (OMP_THREAD_LIMIT): keep only real ones.
  if (!rows.empty() && rows.front().threads < threads) rows.resize(static_cast<std::size_t>(rows.front().threads));
  return rows;
}

// Every rank's rows, in rank order, on rank 0 (as JSON text: simple and small).
std::vector<Placement> gather(MPI_Comm comm, const std::vector<Placement>& mine) {
  int rank = 0, size = 1;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& p : mine) rows.push_back(to_json(p));
  const std::string text = rows.dump();
  int length = static_cast<int>(text.size());
  std::vector<int> lengths(static_cast<std::size_t>(size)), offsets(static_cast<std::size_t>(size));
  MPI_Gather(&length, 1, MPI_INT, lengths.data(), 1, MPI_INT, 0, comm);
  std::string all;
  if (rank == 0) {
    int total = 0;
    for (int r = 0; r < size; ++r) {
      offsets[static_cast<std::size_t>(r)] = total;
      total += lengths[static_cast<std::size_t>(r)];
    }
    all.resize(static_cast<std::size_t>(total));
  }
  MPI_Gatherv(text.data(), length, MPI_CHAR, all.data(), lengths.data(), offsets.data(), MPI_CHAR, 0, comm);
  std::vector<Placement> placements;
  for (int r = 0; rank == 0 && r < size; ++r) {
    const auto part = nlohmann::json::parse(all.substr(static_cast<std::size_t>(offsets[static_cast<std::size_t>(r)]),
                                                       static_cast<std::size_t>(lengths[static_cast<std::size_t>(r)])));
    for (const auto& row : part) placements.push_back(placement_from_json(row));
  }
  return placements;
}

int run(int argc, char** argv) {
  // Before MPI starts: --version needs no launcher and pays no start-up.
  if (wants_version(argc, argv)) {
    std::cout << version_report();
    return 0;
  }
  // Threads never call MPI here, so FUNNELED is all this program needs.
  MpiSession mpi(argc, argv, MPI_THREAD_FUNNELED);
  const ParseOutcome parsed = parse_options(argc, argv);
  if (!parsed.print.empty()) {
    if (mpi.is_root()) std::cout << parsed.print;
    return 0;
  }
  if (!parsed.error.empty()) {
    if (mpi.is_root()) std::fprintf(stderr, "whereami: error: %s\n", parsed.error.c_str());
    return kBadInput;
  }
  const Options& options = *parsed.options;

  const RunRecord record = collect_run_record(mpi.comm(), mpi.thread_level());
  const auto mine = sample_threads(options, this_host(), mpi.rank());
  const auto placements = gather(mpi.comm(), mine);

  int status = 0;
  if (mpi.is_root()) {
    const auto warnings = analyse(placements);
    if (options.json) {
      std::cout << json_report(placements, warnings, record).dump(2) << '\n';
    } else {
      std::cout << human_report(placements, warnings, record);
    }
    std::cout.flush();
    if (options.strict && !warnings.empty()) status = kWarnings;
  }
  // Every rank exits with rank 0's verdict, so mpirun and srun report it.
  MPI_Bcast(&status, 1, MPI_INT, 0, mpi.comm());
  return status;
}

}  // namespace
}  // namespace parakit::whereami

int main(int argc, char** argv) { return parakit::whereami::run(argc, argv); }
