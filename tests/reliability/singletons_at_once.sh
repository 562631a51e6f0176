#!/usr/bin/env bash
# Programs started without mpirun are MPI singletons. Open MPI 4.1 gives every
# isolated singleton of a user the same session directory, so two started at
# once could race (one removing the tree at MPI_Finalize while the other
# creates it) and MPI_Init aborted. Each singleton now has a top directory of
# its own (io/mpi/session.cpp).
# Usage: singletons_at_once.sh PRIMES WORKDIR
set -euo pipefail
primes=$1 workdir=$2
fail() { echo "FAIL: $*" >&2; exit 1; }
rm -rf "$workdir" && mkdir -p "$workdir/tmp"
export TMPDIR=$workdir/tmp

# The shared directory of Open MPI's default, made unusable on purpose: this is
# what a finishing singleton looks like to one that is starting.
touch "$TMPDIR/ompi.$(hostname -s).$(id -u)"
"$primes" --range 1 1000 --json >"$workdir/blocked.json" 2>"$workdir/blocked.err" \
  || fail "a singleton needed the shared session directory: $(head -c 300 "$workdir/blocked.err")"
grep -q '"count": 168' "$workdir/blocked.json" || fail "wrong count: $(cat "$workdir/blocked.json")"

# Many at once: every one ends with exit 0 and the right count.
pids=()
for i in $(seq 24); do
  "$primes" --range 1 1000 --json >"$workdir/run$i.json" 2>"$workdir/run$i.err" &
  pids+=($!)
done
for i in "${!pids[@]}"; do
  wait "${pids[$i]}" || fail "run $((i + 1)) failed: $(head -c 300 "$workdir/run$((i + 1)).err")"
  grep -q '"count": 168' "$workdir/run$((i + 1)).json" || fail "run $((i + 1)): wrong count"
done

# Open MPI removed each directory at MPI_Finalize.
left=$(find "$TMPDIR" -mindepth 1 -maxdepth 1 -name 'ompi.*.pid*' | wc -l)
((left == 0)) || fail "$left session directories left in $TMPDIR"
echo "ok: 25 singletons, each with a session directory of its own, all cleaned up"
