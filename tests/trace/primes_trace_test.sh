#!/usr/bin/env bash
# primes --trace / --timeline as a user meets them: a hybrid run of 2 ranks x 2
# threads gives a valid trace and SVG; a --list run adds the write phase; bad
# output paths are refused before the run, with exit 2 and nothing written.
# Usage: primes_trace_test.sh PRIMES MPIRUN CHECK_TRACE_PY
set -euo pipefail
primes=$1 mpirun=$2 check=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }

echo "== hybrid, dynamic: 2 ranks x 2 threads"
"$mpirun" -np 2 "$primes" --driver hybrid --threads 2 --check 20000 --max 100000 --kernel naive \
  --trace dyn.json --timeline dyn.svg --json > dyn.out
python3 "$check" --ranks 2 --threads 2 --svg dyn.svg dyn.json
# The tasks in the trace are exactly the run's tasks, and their primes add up to the count.
python3 - dyn.json dyn.out <<'PY'
import json, sys
trace = json.load(open(sys.argv[1]))["traceEvents"]
result = json.load(open(sys.argv[2]))
tasks = [e for e in trace if e.get("ph") == "X" and e["cat"] == "task"]
assert len(tasks) == result["tasks"], (len(tasks), result["tasks"])
assert sorted(e["args"]["task"] for e in tasks) == list(range(result["tasks"])), "a task is missing or twice"
found = sum(e["args"]["primes found"] for e in tasks)
assert found == result["count"], (found, result["count"])
left = [e["args"]["tasks left"] for e in trace if e.get("ph") == "C" and e["name"] == "tasks left"]
assert left[0] == result["tasks"] and left[-1] == 0, left[:3]
print(f"trace tasks: {len(tasks)}, primes {found}: match the result")
PY

echo "== hybrid, block, --range with --list: the write phase"
"$mpirun" -np 2 "$primes" --driver hybrid --threads 2 --schedule block --range 0 2e5 --kernel trial \
  --list list.txt --trace block.json --timeline block.svg -q > /dev/null
python3 "$check" --ranks 2 --threads 2 --phases set-up,compute,gather,write --svg block.svg block.json
grep -q '"numbers":"0\.\.' block.json || fail "no span names the numbers of its range"

echo "== serial: one row"
"$primes" --driver serial --check 2000 --timeline serial.svg -q > /dev/null
rows=$(grep -c '<g class="worker"' serial.svg)
[[ $rows == 1 ]] || fail "serial timeline has $rows rows, expected 1"

echo "== bad output paths: exit 2, one line, nothing written"
expect_refusal() {
  local want=$1; shift
  set +e
  "$primes" --check 100 -q "$@" > out.txt 2> err.txt
  local code=$?
  set -e
  [[ $code == 2 ]] || fail "$* exited $code, expected 2"
  [[ $(wc -l < err.txt) == 1 ]] || fail "$*: error is not one line: $(cat err.txt)"
  grep -q -- "$want" err.txt || fail "$*: error lacks '$want': $(cat err.txt)"
  [[ ! -s out.txt ]] || fail "$*: printed a result although refused"
}
echo old > exists.json
expect_refusal "already exists (add --force" --trace exists.json
[[ $(cat exists.json) == old ]] || fail "refused run still touched exists.json"
expect_refusal "both name 'same'" --trace same --timeline same
expect_refusal "folder 'no/such' does not exist" --timeline no/such/t.svg
[[ ! -e same ]] || fail "a refused run wrote 'same'"
"$primes" --check 100 -q --trace exists.json --force > /dev/null
python3 -c "import json,sys; json.load(open('exists.json'))" || fail "--force did not overwrite with a trace"
compgen -G '*.tmp.*' >/dev/null && fail "temporary files left behind: $(ls)"
echo "all primes trace checks passed"
