#!/usr/bin/env bash
# whereami, the run record and the timelines name the emulated host of every
# rank: node1..node3, two ranks each in slot order, never the real machine.
# Usage: hosts_named.sh SOURCE_DIR BUILD_DIR WORK_DIR
set -euo pipefail
src=$1 build=$2 work=$3
source "$src/tests/cluster/lib.sh"
rm -rf "$work" && mkdir -p "$work"

cluster_up "$src" --nodes 3 --slots 2
by_rank="node1 node1 node2 node2 node3 node3"

on_cluster -np 6 "$build/whereami" --threads 1 --json >"$work/whereami.json" || fail "whereami over 3 nodes failed"
expect_eq "whereami: hosts" "['node1', 'node2', 'node3']" "$(json "$work/whereami.json" 'j["hosts"]')"
expect_eq "whereami: host of each rank" "$by_rank" \
  "$(json "$work/whereami.json" '" ".join(p["host"] for p in sorted(j["placements"], key=lambda p: p["rank"]))')"
expect_eq "whereami: run record" "$by_rank" "$(json "$work/whereami.json" '" ".join(j["run_record"]["hosts"])')"
# --bind-to none: no rank is pinned to the one core every node's daemon would pick.
expect_eq "whereami: placement warnings" "[]" "$(json "$work/whereami.json" '[w["kind"] for w in j["warnings"]]')"
on_cluster -np 6 "$build/whereami" --threads 1 >"$work/whereami.txt" || fail "whereami (table) failed"
for host in node1 node2 node3; do expect_grep "whereami table names $host" "$host" "$work/whereami.txt"; done
# Every rank sees its own node's TMPDIR, also where the launcher hands its own
# environment to every rank (Hydra does, unless told -genvnone).
# shellcheck disable=SC2016  # expanded by the ranks' shell, on their nodes
PARAKIT_MPI=$(cluster_mpi_family "$build") on_cluster -np 6 sh -c 'echo "$(hostname) $TMPDIR"' >"$work/tmpdirs.txt" ||
  fail "a shell on every slot failed"
expect_eq "TMPDIR of each rank" "$(for k in 1 1 2 2 3 3; do echo "node$k $CLUSTER_DIR/node$k/tmp"; done)" "$(sort "$work/tmpdirs.txt")"
real=$(hostname)
if grep -qw -- "$real" "$work/whereami.txt" "$work/whereami.json"; then fail "the real host name '$real' appears"; fi

on_cluster -np 6 "$build/primes" --driver mpi --range 0 1e6 --trace "$work/trace.json" \
  --timeline "$work/timeline.svg" --json >"$work/primes.json" || fail "primes over 3 nodes failed"
expect_eq "primes: run record" "$by_rank" "$(json "$work/primes.json" '" ".join(j["run"]["hosts"])')"
expect_eq "primes: host of each worker" "$by_rank" "$(json "$work/primes.json" '" ".join(w["host"] for w in j["workers"])')"
for rank in 0 1 2 3 4 5; do
  host=$(cut -d' ' -f$((rank + 1)) <<<"$by_rank")
  expect_grep "timeline row of rank $rank names $host" "rank $rank \\($host\\)" "$work/timeline.svg"
  expect_grep "trace process of rank $rank names $host" "\"rank $rank \\($host\\)\"" "$work/trace.json"
done
