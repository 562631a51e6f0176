#!/usr/bin/env bash
# The dynamic schedule must keep every node busy when the nodes are unequal:
#   capped:  node3's link is capped at 2 Mbit/s both ways (tbf); under MPICH,
#            whose ranks talk through shared memory here (see
#            tools/emulated-cluster), the cap slows only node3's launch;
#   crowded: node1 runs four ranks, node2 and node3 one each.
# Asserted from the per-worker figures of --json, never from a speed: every
# rank did tasks, every task was done once, and the slowest rank was busy at
# most twice as long as the mean (one rank doing everything scores 5x here).
# Usage: dynamic_balance.sh SOURCE_DIR BUILD_DIR WORK_DIR capped|crowded
set -euo pipefail
src=$1 build=$2 work=$3 case=$4
source "$src/tests/cluster/lib.sh"
rm -rf "$work" && mkdir -p "$work"

case $case in
  capped) cluster_up "$src" --nodes 3 --slots 2 --cap node3=2mbit ;;
  crowded) cluster_up "$src" --nodes 3 --slots 4,1,1 ;;
  *) fail "unknown case '$case' (capped, crowded)" ;;
esac

tasks=120
# 7243 primes in [1e12, 1e12 + 2e5] by trial division: several seconds of
# work in tasks of about 1,700 numbers, small enough that no rank sits out.
on_cluster -np 6 "$build/primes" --driver mpi --schedule dynamic --tasks "$tasks" \
  --range 1e12 1e12+2e5 --kernel trial --json >"$work/run.json" || fail "primes over 3 nodes failed"
expect_eq "primes found" 7243 "$(json "$work/run.json" 'j["count"]')"
expect_eq "tasks handed out" "$tasks" "$(json "$work/run.json" 'sum(w["tasks"] for w in j["workers"])')"
expect_eq "ranks" 6 "$(json "$work/run.json" 'len(j["workers"])')"
expect_eq "ranks that did no task" none "$(json "$work/run.json" '" ".join(str(w["rank"]) for w in j["workers"] if w["tasks"] == 0) or "none"')"
expect_hosts "hosts that did tasks" "node1 node2 node3" "$work/run.json" '[w["host"] for w in j["workers"] if w["tasks"] > 0]'
echo "tasks per rank: $(json "$work/run.json" '[(w["host"], w["tasks"]) for w in j["workers"]]')"
imbalance=$(json "$work/run.json" 'j["imbalance"]')
python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) <= 1.0 else 1)" "$imbalance" ||
  fail "imbalance $imbalance: the slowest rank was busy more than twice the mean"
echo "ok: imbalance $imbalance (slowest rank vs mean, bound 1.0)"
