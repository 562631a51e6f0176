#!/usr/bin/env bash
# A node that dies mid-run (every process on it killed at once, as a power
# loss would) ends the job with a non-zero exit and a message naming the node,
# within seconds, and leaves no process behind on the other nodes.
# Usage: node_killed.sh SOURCE_DIR BUILD_DIR WORK_DIR
set -euo pipefail
src=$1 build=$2 work=$3
source "$src/tests/cluster/lib.sh"
rm -rf "$work" && mkdir -p "$work"

cluster_up "$src" --nodes 3 --slots 2
# Minutes of trial division: the job is surely still running when node3 dies.
CLUSTER_TIMEOUT=120 on_cluster -np 6 "$build/primes" --driver mpi --schedule dynamic --tasks 6000 \
  --range 1e13 1e13+1e8 --kernel trial --json >"$work/run.json" 2>"$work/run.err" &
job=$!
trap 'kill "$job" 2>/dev/null || true; cluster_down' EXIT

# Both ranks of node3 are up (its daemon plus two primes processes).
node3=$(node_namespace 3)
for _ in $(seq 300); do
  (($(ip netns pids "$node3" | xargs -r ps -o comm= -p | grep -c '^primes$') >= 2)) && break
  sleep 0.1
done
(($(ip netns pids "$node3" | xargs -r ps -o comm= -p | grep -c '^primes$') >= 2)) || fail "the ranks on node3 never started"
sleep 1
"$CLUSTER_TOOL" kill --dir "$CLUSTER_DIR" --node 3
killed_at=$SECONDS

rc=0
wait "$job" || rc=$?
took=$((SECONDS - killed_at))
cat "$work/run.err" >&2
((rc != 0)) || fail "the job exited 0 after node3 died"
((rc != 124)) || fail "the job hung after node3 died: the timeout stopped it"
echo "ok: the job ended with exit $rc, $took s after node3 was killed"
# The launch agent names the node and the daemon it lost: Open MPI's orted, or
# MPICH's hydra_pmi_proxy (which the launcher, too, started on node3 through it).
case $(cluster_mpi_family "$build") in
  mpich) daemon="MPICH daemon \\(hydra_pmi_proxy\\)" ;;
  *) daemon="Open MPI daemon \\(orted\\)" ;;
esac
expect_grep "the message names node3 and its daemon" "node3: its $daemon was killed \\(signal 9\\): the node is gone" "$work/run.err"
((took <= 60)) || fail "the job took $took s to notice that node3 died"
for k in 1 2 3; do
  left=""
  for _ in $(seq 50); do
    left=$(ip netns pids "$(node_namespace "$k")")
    [[ -z $left ]] && break
    sleep 0.1
  done
  expect_eq "processes left on node$k" "" "$(tr "\n" " " <<<"$left" | sed "s/ *$//")"
done
