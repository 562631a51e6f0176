// The placement analysis of whereami, fed hand-made placements: each warning
// appears exactly when its cause is present, and only once per cause.
#include <catch2/catch.hpp>

#include "drivers/whereami/cpuset.hpp"
#include "drivers/whereami/placement.hpp"

using parakit::whereami::analyse;
using parakit::whereami::cpu_list_text;
using parakit::whereami::parse_cpu_list;
using parakit::whereami::Placement;

namespace {

// One rank with `threads` threads; thread t's mask is masks[t], the rank's mask is rank_mask.
// No SMT in these cases, so cores equal CPUs.
std::vector<Placement> rank_of(int rank, const std::vector<std::vector<int>>& masks, const std::vector<int>& rank_mask,
                               const std::string& host = "node1") {
  std::vector<Placement> rows;
  for (std::size_t t = 0; t < masks.size(); ++t) {
    Placement p;
    p.host = host;
    p.rank = rank;
    p.thread = static_cast<int>(t);
    p.threads = static_cast<int>(masks.size());
    p.cpu = masks[t].front();
    p.core = p.cpu;
    p.affinity = p.affinity_cores = masks[t];
    p.rank_affinity = p.rank_cores = rank_mask;
    rows.push_back(p);
  }
  return rows;
}

std::vector<std::string> kinds(const std::vector<parakit::whereami::Warning>& warnings) {
  std::vector<std::string> out;
  for (const auto& w : warnings) out.push_back(w.kind);
  return out;
}

std::vector<Placement> join(std::vector<Placement> a, const std::vector<Placement>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

}  // namespace

TEST_CASE("cpu lists print and parse in the compact form") {
  CHECK(cpu_list_text({}) == "");
  CHECK(cpu_list_text({3}) == "3");
  CHECK(cpu_list_text({0, 1, 2, 3, 6, 8, 9}) == "0-3,6,8-9");
  CHECK(parse_cpu_list("0-3,6,8-9\n") == std::vector<int>{0, 1, 2, 3, 6, 8, 9});
  CHECK(parse_cpu_list("5") == std::vector<int>{5});
  CHECK_THROWS(parse_cpu_list("3-1"));
  CHECK_THROWS(parse_cpu_list("a"));
  CHECK_THROWS(parse_cpu_list("1;2"));
}

TEST_CASE("threads pinned one per core of their rank: no warning") {
  auto rows = join(rank_of(0, {{0}, {1}}, {0, 1}), rank_of(1, {{2}, {3}}, {2, 3}));
  CHECK(analyse(rows).empty());
}

TEST_CASE("unpinned threads within enough cores: no warning") {
  CHECK(analyse(rank_of(0, {{0, 1}, {0, 1}}, {0, 1})).empty());
}

TEST_CASE("a rank with more threads than cores: one rank warning, nothing repeated") {
  // mpirun -np 2 binds each rank to one core; two threads per rank then share it.
  auto rows = join(rank_of(0, {{0}, {0}}, {0}), rank_of(1, {{1}, {1}}, {1}));
  const auto warnings = analyse(rows);
  CHECK(kinds(warnings) == std::vector<std::string>{"rank-oversubscribed", "rank-oversubscribed"});
  CHECK(warnings[0].message == "rank 0 on node1 runs 2 threads on 1 core (CPUs 0): its threads must share cores");
}

TEST_CASE("threads of a rank pinned to one core although the rank has two") {
  // OMP_PLACES with a single place, or a bad OMP_PROC_BIND setting.
  const auto warnings = analyse(rank_of(0, {{1}, {1}}, {0, 1}));
  CHECK(kinds(warnings) == std::vector<std::string>{"shared-core"});
  CHECK(warnings[0].message == "2 threads are pinned to core 1 on node1: rank 0 thread 0, rank 0 thread 1");
}

TEST_CASE("threads of different ranks pinned to the same core") {
  auto rows = join(rank_of(0, {{0}}, {0, 1}), rank_of(1, {{0}}, {0, 1}));
  CHECK(kinds(analyse(rows)) == std::vector<std::string>{"shared-core"});
}

TEST_CASE("ranks whose masks overlap run more threads than the host has cores") {
  // srun --cpu-bind=none: both ranks may use both cores, four threads in all.
  auto rows = join(rank_of(0, {{0, 1}, {0, 1}}, {0, 1}), rank_of(1, {{0, 1}, {0, 1}}, {0, 1}));
  const auto warnings = analyse(rows);
  CHECK(kinds(warnings) == std::vector<std::string>{"host-oversubscribed"});
  CHECK(warnings[0].message == "node1 runs 4 threads on 2 cores: some threads must share cores");
}

TEST_CASE("the same core number on two hosts is two different cores") {
  auto rows = join(rank_of(0, {{0}}, {0}, "node1"), rank_of(1, {{0}}, {0}, "node2"));
  CHECK(analyse(rows).empty());
}

TEST_CASE("placements survive the JSON round trip used to gather them") {
  const auto rows = rank_of(3, {{2, 3}}, {2, 3}, "n7");
  const auto back = parakit::whereami::placement_from_json(parakit::whereami::to_json(rows[0]));
  CHECK(back.host == "n7");
  CHECK(back.rank == 3);
  CHECK(back.affinity == std::vector<int>{2, 3});
  CHECK(back.rank_cores == std::vector<int>{2, 3});
}
