#!/usr/bin/env bash
# The serial results every other driver must reproduce, written once per test
# run and checked against independent facts first: pi(2*10^6) = 148933, the
# trial-division count from primesieve 11.0, and the lesson's draws recomputed
# in Python (SplitMix64 + Lemire, exactly as kernels/random_numbers.cpp).
# Usage: reference.sh PRIMES WORKDIR
set -euo pipefail
primes=$1 workdir=$2
ref="$workdir/reference"
rm -rf "$workdir" && mkdir -p "$ref"
"$primes" --driver serial --range 0 2e6 --list "$ref/range.txt" -q >/dev/null
"$primes" --driver serial --range 1e9 1e9+1.5e5 --kernel trial --list "$ref/range-trial.txt" -q >/dev/null
"$primes" --driver serial --check 3000 --min 100 --max 10000 --seed 1 --kernel naive --list "$ref/lesson.txt" -q >/dev/null

fail() { echo "FAIL reference: $*" >&2; exit 1; }
[[ $(wc -l <"$ref/range.txt") -eq 148933 ]] || fail "pi(2e6) list has the wrong length"
[[ $(head -1 "$ref/range.txt") == 2 && $(tail -1 "$ref/range.txt") == 1999993 ]] || fail "pi(2e6) list has wrong ends"
[[ $(wc -l <"$ref/range-trial.txt") -eq 7242 ]] || fail "[1e9, 1e9+1.5e5] list has the wrong length"

python3 - "$ref/lesson.txt" <<'PY'
import sys
M = (1 << 64) - 1
def splitmix64(x):
    x = (x + 0x9E3779B97F4A7C15) & M
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & M
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & M
    return x ^ (x >> 31)
def draw(seed, i, lo, hi):
    outcomes = hi - lo + 1
    state = splitmix64(seed) ^ i
    threshold = ((1 << 64) - outcomes) % outcomes
    attempt = 0
    while True:
        x = splitmix64((state + attempt * 0xD1B54A32D192ED03) & M)
        product = x * outcomes
        if product & M >= threshold:
            return lo + (product >> 64)
        attempt += 1
def is_prime(n):
    return n >= 2 and all(n % d for d in range(2, int(n ** 0.5) + 1))
expected = sorted(n for n in (draw(1, i, 100, 10000) for i in range(3000)) if is_prime(n))
got = [int(line) for line in open(sys.argv[1])]
if got != expected:
    sys.exit(f"FAIL reference: lesson list differs from Python's ({len(got)} vs {len(expected)} primes)")
PY
echo "references written to $ref and checked"
