#!/usr/bin/env bash
# primes --checkpoint: a run interrupted by SIGTERM, then the same command
# again, must give the uninterrupted run's exact count and --list bytes; a
# checkpoint of another workload is refused with exit code 2.
# The range workload also covers a --list that mixes restored tasks (from
# the checkpoint, in memory) with tasks streamed to scratch files.
# Usage: primes_checkpoint.sh MPIRUN PRIMES WORKDIR NP [check|range]  (NP 0: no mpirun)
set -uo pipefail
MPIRUN=$1 PRIMES=$2 WORK=$3 NP=$4 KIND=${5:-check}
PRIMES_PATTERN=$PRIMES
source "$(dirname "$0")/lib.sh"
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 1

if (( NP == 0 )); then
  launch=("$PRIMES" --driver threads --threads 2)
else
  launch=("$MPIRUN" -np "$NP" "$PRIMES" --driver mpi)
fi
if [[ $KIND == range ]]; then
  # The naive kernel's cost grows with n: later tasks are the heavy ones.
  WORKLOAD=(--range 2 300000 --kernel naive --schedule dynamic --tasks 60 -q --json)
  OTHER=(--range 2 300001 --kernel naive --tasks 60) OTHER_NAME="range 2 300000"
else
  WORKLOAD=(--check 600000 --max 100000 --kernel naive --schedule dynamic --tasks 60 -q --json)
  OTHER=(--check 600000 --max 100000 --seed 2 --kernel naive --tasks 60)
  OTHER_NAME="check 600000 min 100 max 100000 seed 1"
fi

"${launch[@]}" "${WORKLOAD[@]}" --list whole.txt > whole.json || fail "the uninterrupted run failed"
count() { sed -n 's/^  "count": \([0-9]*\),$/\1/p' "$1"; }

setsid "${launch[@]}" "${WORKLOAD[@]}" --list resumed.txt --checkpoint run.ckpt > first.json 2> first.err &
sid=$!
sleep 1.5
kill -TERM "$sid"
ended_within "$sid" 8
expect_status 143 "the interrupted run"
expect_text first.err "saved in run.ckpt; the same command resumes"
[[ ! -e resumed.txt ]] || fail "the interrupted run left a --list"
[[ -s run.ckpt ]] || fail "no checkpoint was written"
done_before=$(grep -c '^task ' run.ckpt)
(( done_before > 0 && done_before < 60 )) || fail "the checkpoint holds $done_before of 60 tasks"
ls run.ckpt.rank-* 2> /dev/null && fail "rank shards were not merged into run.ckpt"

timeout 60 "${launch[@]}" "${WORKLOAD[@]}" --list resumed.txt --checkpoint run.ckpt > second.json 2> second.err ||
  { cat second.err >&2; fail "the resumed run failed"; }
grep -q "\"restored_tasks\": $done_before" second.json || fail "the rerun did not restore $done_before tasks"
[[ $(count second.json) == "$(count whole.json)" ]] || fail "count $(count second.json) after resuming, $(count whole.json) in one go"
cmp whole.txt resumed.txt || fail "--list after resuming differs from the uninterrupted run's"
[[ $(grep -c '^task ' run.ckpt) == 60 ]] || fail "the final checkpoint does not hold all 60 tasks"

# Another workload must not be fed from this checkpoint.
STATUS=0
"${launch[@]}" "${OTHER[@]}" -q --checkpoint run.ckpt > /dev/null 2> other.err || STATUS=$?
expect_status 2 "a checkpoint of another workload"
expect_text other.err "belongs to another workload ($OTHER_NAME)"
no_temporaries .
echo "ok: checkpoint, np $NP, $KIND"
