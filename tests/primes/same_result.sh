#!/usr/bin/env bash
# One driver/schedule/rank-count combination must reproduce the serial result
# exactly: the prime count and the --list file, byte for byte.
# Usage: same_result.sh MPIRUN PRIMES WORKDIR NP DRIVER SCHEDULE THREADS
#   NP = 0 runs without mpirun (serial, threads, openmp).
set -euo pipefail
mpirun=$1 primes=$2 workdir=$3 np=$4 driver=$5 schedule=$6 threads=$7

case_dir="$workdir/np$np-$driver-$schedule-t$threads"
rm -rf "$case_dir" && mkdir -p "$case_dir"
launch=("$primes")
((np > 0)) && launch=("$mpirun" -np "$np" "$primes")
thread_args=()
[[ $driver == threads || $driver == openmp || $driver == hybrid ]] && thread_args=(--threads "$threads")

check() {  # name expected_count list_reference args...
  local name=$1 expected=$2 reference=$3; shift 3
  local json count
  json=$("${launch[@]}" "$@" --driver "$driver" --schedule "$schedule" "${thread_args[@]}" \
         --list "$case_dir/$name.txt" --json)
  count=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])' <<<"$json")
  if [[ $count != "$expected" ]]; then
    echo "FAIL $name: count $count, expected $expected" >&2; exit 1
  fi
  if ! cmp -s "$case_dir/$name.txt" "$reference"; then
    echo "FAIL $name: --list differs from the serial reference $reference" >&2
    diff <(head -5 "$case_dir/$name.txt") <(head -5 "$reference") >&2 || true
    exit 1
  fi
  if compgen -G "$case_dir/*.tmp.*" >/dev/null; then
    echo "FAIL $name: a temporary file was left behind" >&2; exit 1
  fi
  echo "ok $name: $count primes, list identical"
}

# pi(2 * 10^6) = 148933; ranges use the sieve, or the trial kernel on small tasks.
check range 148933 "$workdir/reference/range.txt" --range 0 2e6
check range-trial 7242 "$workdir/reference/range-trial.txt" --range 1e9 1e9+1.5e5 --kernel trial --tasks 37
# The lesson's workload: 3000 draws from [100, 10000], naive kernel.
check lesson 364 "$workdir/reference/lesson.txt" --check 3000 --min 100 --max 10000 --seed 1 --kernel naive
