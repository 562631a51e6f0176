#!/usr/bin/env bash
# --list of a range streams: each thread writes its tasks' primes to a scratch
# file as they are found, so memory stays flat however long the list (it used
# to hold every prime twice, 8 bytes and then text: 290 MiB here). The list
# must still be exact, under one process and under mpirun.
# Usage: list_memory.sh MPIRUN PRIMES WORKDIR LIMIT_MIB
set -euo pipefail
mpirun=$1 primes=$2 workdir=$3 limit_mib=$4
fail() { echo "FAIL: $*" >&2; exit 1; }
rm -rf "$workdir" && mkdir -p "$workdir"

# pi(3e8) = 16,252,325 primes, 150 MB of text; digest from primesieve 11.0 -p.
expected_sha=09998b1a5c0a113722acc9000927f2b63efe04486d6b8cf556b72f6c04584fc8
limit_kib=$((limit_mib * 1024))

check_run() {  # name json list
  local name=$1 json=$2 list=$3 peak
  peak=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["peak_rss_kib"])' "$json")
  [[ $(sha256sum <"$list" | cut -d' ' -f1) == "$expected_sha" ]] || fail "$name: the list differs from primesieve's"
  ((peak < limit_kib)) || fail "$name: peak resident memory $peak KiB, expected under $limit_kib"
  echo "ok   $name: exact list, peak $peak KiB"
}

"$primes" --range 0 3e8 --driver openmp --threads 2 --schedule block --list "$workdir/openmp.txt" --json >"$workdir/openmp.json"
check_run "openmp, block (one task per thread)" "$workdir/openmp.json" "$workdir/openmp.txt"
rm "$workdir/openmp.txt"

"$mpirun" -np 2 "$primes" --range 0 3e8 --driver hybrid --threads 1 --list "$workdir/hybrid.txt" --json >"$workdir/hybrid.json"
check_run "mpirun -np 2 hybrid, dynamic" "$workdir/hybrid.json" "$workdir/hybrid.txt"

# The scratch files were never visible and are gone.
extra=$(find "$workdir" -mindepth 1 ! -name '*.txt' ! -name '*.json')
[[ -z $extra ]] || fail "left behind: $extra"
rm -f "$workdir"/*.txt
