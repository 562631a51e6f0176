#!/usr/bin/env bash
# Bad input: a one-line error naming the problem, exit code 2, and under mpirun
# only rank 0 speaks while every rank exits (without mpirun, stderr holds
# nothing but that line).
# Usage: errors.sh MPIRUN PRIMES WORKDIR
set -euo pipefail
mpirun=$1 primes=$2 workdir=$3
rm -rf "$workdir" && mkdir -p "$workdir"
failures=0

expect_error() {  # launcher-np pattern args...
  local np=$1 pattern=$2; shift 2
  local launch=("$primes")
  ((np > 0)) && launch=("$mpirun" -np "$np" "$primes")
  local status=0
  "${launch[@]}" "$@" >"$workdir/out" 2>"$workdir/err" </dev/null || status=$?
  # mpirun adds its own notice about the non-zero exit; count only ours.
  local lines
  lines=$(grep -c '^primes:' "$workdir/err" || true)
  if [[ $status -ne 2 ]]; then
    echo "FAIL [$*]: exit $status, expected 2"; failures=$((failures + 1))
  elif [[ $lines -ne 1 ]] || { ((np == 0)) && [[ $(wc -l <"$workdir/err") -ne 1 ]]; }; then
    echo "FAIL [$*]: $lines error lines from primes, expected 1:"; sed 's/^/    /' "$workdir/err"; failures=$((failures + 1))
  elif ! grep -q -- "$pattern" "$workdir/err"; then
    echo "FAIL [$*]: stderr lacks '$pattern':"; sed 's/^/    /' "$workdir/err"; failures=$((failures + 1))
  elif [[ -s $workdir/out ]]; then
    echo "FAIL [$*]: printed to stdout on error"; failures=$((failures + 1))
  else
    echo "ok   [$*] -> $(grep '^primes:' "$workdir/err")"
  fi
}

touch "$workdir/exists.txt"
printf '7 11\n13 x9\n' >"$workdir/bad-numbers.txt"

expect_error 0 "LO (10) is greater than HI (5)" --range 10 5
expect_error 0 "'abc' is not a number" --range abc 5
expect_error 0 "exceeds 2^64-1" --range 0 18446744073709551616
expect_error 0 "not a whole number" --range 0 1.5
expect_error 0 "negative" --check -5
expect_error 0 "--threads must be between 1 and 1024" --threads 0
expect_error 0 "unknown --kernel 'fast'" --kernel fast
expect_error 0 "unknown --driver 'gpu'" --driver gpu
expect_error 0 "unknown --schedule 'guided'" --schedule guided
expect_error 0 "the sieve kernel needs --range" --check 100 --kernel sieve
expect_error 0 "the sieve kernel needs --range" --numbers "$workdir/bad-numbers.txt" --kernel sieve
expect_error 0 "already exists" --range 0 100 --list "$workdir/exists.txt"
expect_error 0 "cannot open --numbers file" --numbers "$workdir/missing.txt"
expect_error 0 "bad-numbers.txt:2: 'x9' is not a number" --numbers "$workdir/bad-numbers.txt"
expect_error 0 "--min (9) is greater than --max (3)" --check 10 --min 9 --max 3
expect_error 0 "not expected" --bogus
expect_error 0 "excludes" --range 0 10 --check 5
expect_error 2 "runs in one process" --driver serial --range 0 100
expect_error 3 "LO (10) is greater than HI (5)" --range 10 5
expect_error 2 "already exists" --range 0 100 --list "$workdir/exists.txt"
expect_error 2 "cannot open --numbers file" --driver mpi --numbers "$workdir/missing.txt"

# --force overwrites, and the file then holds exactly the primes.
"$primes" --driver serial --range 0 100 --list "$workdir/exists.txt" --force -q >/dev/null
[[ $(wc -l <"$workdir/exists.txt") -eq 25 ]] || { echo "FAIL --force did not write 25 primes"; failures=$((failures + 1)); }

# --help answers on stdout with examples and exits 0.
"$primes" --help >"$workdir/help" || { echo "FAIL --help exit status"; failures=$((failures + 1)); }
grep -q "Examples:" "$workdir/help" || { echo "FAIL --help has no examples"; failures=$((failures + 1)); }

echo "$failures failures"
((failures == 0))
