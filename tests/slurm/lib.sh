# Helpers shared by the shell tests in tests/slurm (sourced, not run).
# A test prints what it checked; any mismatch prints expected vs got and exits 1.
# Exit 77 means SKIPPED (ctest SKIP_RETURN_CODE) and always prints why.

fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIPPED: $*" >&2; exit 77; }

expect_eq() {  # expect_eq WHAT EXPECTED GOT
  [[ $2 == "$3" ]] || fail "$1: expected '$2', got '$3'"
  echo "ok: $1 = $3"
}

expect_grep() {  # expect_grep WHAT PATTERN FILE
  grep -qE -- "$2" "$3" || { cat "$3" >&2; fail "$1: no line matching /$2/ in $3"; }
  echo "ok: $1"
}

# json FILE EXPR: evaluate a Python expression on the parsed JSON document `j`.
json() {
  python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}

# slurm_use CLUSTER_DIR: point the Slurm commands at the test cluster, or
# skip with the reason the setup test recorded.
slurm_use() {
  if [[ -f $1.skip ]]; then skip "$(cat "$1.skip")"; fi
  [[ -f $1/etc/slurm.conf ]] || fail "no Slurm cluster in $1: the setup test 'slurm: cluster up' failed"
  export SLURM_CONF=$1/etc/slurm.conf
}

# submit OUTFILE SBATCH_ARGS...: sbatch --wait, bounded by a timeout. Sets
# JOB_ID, JOB_RC (the job's exit code as sbatch --wait returns it) and
# JOB_STATE (from scontrol while Slurm still remembers the job, else "gone").
submit() {
  local out=$1
  shift
  rm -f "$out"
  JOB_RC=0
  JOB_ID=$(timeout "${SUBMIT_TIMEOUT:-120}" sbatch --wait --parsable -o "$out" "$@") || JOB_RC=$?
  JOB_ID=${JOB_ID%%;*}
  if ((JOB_RC == 124)); then
    [[ -z $JOB_ID ]] || scancel "$JOB_ID" 2>/dev/null || true
    fail "job $JOB_ID did not finish within ${SUBMIT_TIMEOUT:-120} s"
  fi
  [[ -n $JOB_ID ]] || fail "sbatch $* did not submit (exit $JOB_RC)"
  JOB_STATE=$(scontrol show job "$JOB_ID" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' | head -n1)
  JOB_STATE=${JOB_STATE:-gone}
  echo "job $JOB_ID: exit $JOB_RC, state $JOB_STATE ($*)"
}

# expect_job RC STATE: the job's exit code, and its state when still known
# (sbatch --wait also returns 0 for a job cancelled while pending).
expect_job() {
  if ((JOB_RC != $1)); then
    [[ -f ${2:-} ]] && cat "$2" >&2
    fail "job $JOB_ID: expected exit code $1, got $JOB_RC"
  fi
  local want=COMPLETED
  (($1 == 0)) || want=FAILED
  [[ $JOB_STATE == gone || $JOB_STATE == "$want" ]] || fail "job $JOB_ID: state $JOB_STATE, expected $want"
  echo "ok: job $JOB_ID exit code $JOB_RC, state $JOB_STATE"
}

# The JSON document a job printed after its run record and launch line.
job_json() { sed -n '/^{/,/^}/p' "$1" >"$2"; }

# json_csv FILE EXPR: evaluate a Python expression on the CSV's rows (list of dicts).
json_csv() {
  python3 -c 'import csv,sys; rows=list(csv.DictReader(open(sys.argv[1]))); print(eval(sys.argv[2]))' "$1" "$2"
}
