#!/usr/bin/env bash
# --version of every program (io/version_text.hpp): exit 0, nothing on stderr,
# exactly the expected lines, and listed in --help. It must start no MPI: each
# run has an environment in which MPI_Init fails at once (a component that
# does not exist, for Open MPI and for MPICH over UCX), and must be quick.
# Usage: version.sh PRIMES DOWNLOAD FILESERVER LESSON WHEREAMI WORKDIR
set -euo pipefail
primes=$1 download=$2 fileserver=$3 lesson=$4 whereami=$5 work=$6
rm -rf "$work" && mkdir -p "$work"
failures=0 cases=0

no_mpi_init=(OMPI_MCA_pml=no-such-component UCX_TLS=no-such-transport)
# Generous: --version takes milliseconds, and the machine may be loaded.
max_ms=10000

kit() { echo "^$1 [0-9]+\\.[0-9]+\\.[0-9]+ \\(git ([0-9a-f]{7,40}|unknown)\\)\$"; }
compiler='^compiler: (GCC [0-9]+\.[0-9]+\.[0-9]+|clang [0-9]+\.[0-9]+\.[0-9]+|Intel.*)$'
mpi='^MPI: [^ ].* \(MPI standard [0-9]+\.[0-9]+\)$'
no_mpi='^MPI: not used$'
openmp='^OpenMP: [0-9]+\.[0-9] \(_OPENMP [0-9]{6}\)$'
libcurl='^libcurl: [0-9]+\.[0-9]+\.[0-9]+[^,]*, [^ ].*$'

# version LABEL REGEX... -- BINARY ARGS...: BINARY ARGS prints one line per
# REGEX, each matching, in order.
version() {
  local label=$1; shift
  local regexes=()
  while [[ $1 != -- ]]; do regexes+=("$1"); shift; done
  shift
  local status=0 problem="" started ms lines=()
  cases=$((cases + 1))
  started=$(date +%s%N)
  env "${no_mpi_init[@]}" timeout -s KILL 60 "$@" </dev/null >"$work/out" 2>"$work/err" || status=$?
  ms=$((($(date +%s%N) - started) / 1000000))
  mapfile -t lines <"$work/out"
  if ((status != 0)); then
    problem="exit $status, expected 0 (MPI_Init called?)"
  elif [[ -s $work/err ]]; then
    problem="wrote to stderr: $(head -1 "$work/err")"
  elif ((${#lines[@]} != ${#regexes[@]})); then
    problem="${#lines[@]} lines, expected ${#regexes[@]}"
  elif ((ms > max_ms)); then
    problem="took $ms ms (more than $max_ms)"
  else
    for i in "${!regexes[@]}"; do
      if ! [[ ${lines[i]} =~ ${regexes[i]} ]]; then
        problem="line $((i + 1)) '${lines[i]}' does not match ${regexes[i]}"
        break
      fi
    done
  fi
  if [[ -n $problem ]]; then
    failures=$((failures + 1))
    echo "FAIL [$label]: $problem"
    sed 's/^/    stdout: /' "$work/out" | head -6
    sed 's/^/    stderr: /' "$work/err" | head -5
  else
    echo "ok   [$label] in $ms ms: $(paste -sd '|' "$work/out")"
  fi
}

# listed NAME BINARY: --help names --version (this one may start MPI).
listed() {
  cases=$((cases + 1))
  timeout -s KILL 60 "$2" --help </dev/null >"$work/help" 2>&1 || true
  if grep -q -- '^ *--version  ' "$work/help"; then
    echo "ok   [$1 --help lists --version]"
  else
    failures=$((failures + 1))
    echo "FAIL [$1 --help lists --version]"
  fi
}

# The check above means something only if that environment does stop MPI:
# a program that starts MPI before parsing must fail in it.
mpi_init_fails() {
  cases=$((cases + 1))
  if env "${no_mpi_init[@]}" timeout -s KILL 60 "$2" --help </dev/null >/dev/null 2>&1; then
    failures=$((failures + 1))
    echo "FAIL [$1 --help with ${no_mpi_init[*]}]: it started MPI all the same, so the --version runs prove nothing"
  else
    echo "ok   [$1 --help fails where MPI_Init fails]"
  fi
}

version primes "$(kit primes)" "$compiler" "$mpi" "$openmp" -- "$primes" --version
version "primes, after other options" "$(kit primes)" "$compiler" "$mpi" "$openmp" -- "$primes" --driver serial --range 0 10 --version
version download "$(kit download)" "$compiler" "$mpi" "$libcurl" -- "$download" --version
version fileserver "$(kit fileserver)" "$compiler" "$no_mpi" -- "$fileserver" --version
version lesson "$(kit lesson)" "$compiler" "$no_mpi" "$openmp" -- "$lesson" --version
version whereami "$(kit whereami)" "$compiler" "$mpi" "$openmp" -- "$whereami" --version
for program in primes download fileserver lesson whereami; do listed "$program" "${!program}"; done
for program in primes download whereami; do mpi_init_fails "$program" "${!program}"; done

echo "version: $cases checks, $failures failures"
((failures == 0))
