#!/usr/bin/env bash
# primes over emulated nodes must give what one process gives: the same count
# and, written by MPI-IO from every node into one file, the same --list bytes.
# Usage: primes_across_nodes.sh SOURCE_DIR BUILD_DIR WORK_DIR NODES DRIVER
#   mpi: two ranks per node; hybrid: one rank per node with two threads.
set -euo pipefail
src=$1 build=$2 work=$3 nodes=$4 driver=$5
source "$src/tests/cluster/lib.sh"
rm -rf "$work" && mkdir -p "$work"

cluster_up "$src" --nodes "$nodes" --slots 2
launch=(-np $((2 * nodes)))
per_rank=()
if [[ $driver == hybrid ]]; then
  launch=(-np "$nodes" --map-by node)
  per_rank=(--threads 2)
fi
expected_hosts=$(seq -f 'node%g' 1 "$nodes" | sort | tr '\n' ' ')
expected_hosts=${expected_hosts% }

check() {  # check NAME SCHEDULES BUSY PRIMES_ARGS...: the serial reference, then each schedule over the nodes
  local name=$1 schedules=$2 busy=$3
  shift 3
  "$build/primes" --driver serial "$@" --list "$work/$name.serial.txt" --json >"$work/$name.serial.json"
  local expected
  expected=$(json "$work/$name.serial.json" 'j["count"]')
  for schedule in $schedules; do
    local out=$work/$name.$schedule
    on_cluster "${launch[@]}" "$build/primes" --driver "$driver" --schedule "$schedule" "${per_rank[@]}" "$@" \
      --list "$out.txt" --json >"$out.json" || fail "$name, $schedule: primes over $nodes nodes failed"
    expect_eq "$name, $schedule: count over $nodes nodes" "$expected" "$(json "$out.json" 'j["count"]')"
    cmp "$work/$name.serial.txt" "$out.txt" || fail "$name, $schedule: --list differs from the serial one"
    echo "ok: $name, $schedule: --list identical ($(wc -c <"$out.txt") bytes)"
    expect_hosts "$name, $schedule: hosts of the ranks" "$expected_hosts" "$out.json" 'j["run"]["hosts"]'
    [[ $busy == every-node-busy ]] || continue
    expect_hosts "$name, $schedule: hosts with workers that did tasks" "$expected_hosts" "$out.json" \
      '[w["host"] for w in j["workers"] if w["tasks"] > 0]'
  done
}

# 7242 primes in [1e9, 1e9 + 1.5e5] by trial division, in enough tasks that
# every node gets some under each schedule (the sieve would make one task of
# a range this small). Then the lesson's 3000 draws with the naive kernel (364
# primes): so quick that under dynamic rank 0 may take every task, which is fine.
check range "block cyclic dynamic" every-node-busy --range 1e9 1e9+1.5e5 --kernel trial --tasks 37
check lesson "cyclic dynamic" any --check 3000 --min 100 --max 10000 --seed 1 --kernel naive --tasks 24
