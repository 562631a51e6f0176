# shellcheck shell=bash
# Helpers for tests that stop programs on purpose. Every wait has a bound, so a
# regression fails instead of hanging.
fail() { echo "FAIL: $*" >&2; exit 1; }

# rank_pid SESSION RANK: the pid of MPI rank RANK in session SESSION (start
# mpirun under setsid so that its pid is the session's id).
rank_pid() {
  local pid
  for pid in $(pgrep -s "$1" -f -- "$PRIMES_PATTERN" || true); do
    if tr '\0' '\n' < "/proc/$pid/environ" 2>/dev/null | grep -x "OMPI_COMM_WORLD_RANK=$2" >/dev/null; then
      echo "$pid"; return 0
    fi
  done
  return 1
}

# signal_rank_later SESSION RANK SIGNAL: once RANK runs, lets it compute 2 s, then signals it.
signal_rank_later() {
  local pid=""
  for _ in $(seq 100); do pid=$(rank_pid "$1" "$2") && break; sleep 0.1; done
  [[ -n $pid ]] || fail "rank $2 never started"
  sleep 2
  kill -"$3" "$pid"
}

# end_session SESSION: what is left of a test's own processes goes.
end_session() { pkill -KILL -s "$1" 2>/dev/null || true; }

# wait_for FILE PATTERN SECONDS: until FILE contains PATTERN.
wait_for() {
  local deadline=$((SECONDS + $3))
  until grep -q -- "$2" "$1" 2>/dev/null; do
    (( SECONDS < deadline )) || fail "no '$2' in $1 after $3 s"
    sleep 0.1
  done
}

# ended_within PID SECONDS: waits for background job PID; sets STATUS, fails past SECONDS.
ended_within() {
  local deadline=$(( $(date +%s%N) + $2 * 1000000000 ))
  while kill -0 "$1" 2>/dev/null; do
    if (( $(date +%s%N) > deadline )); then
      end_session "$1"
      fail "process $1 still running $2 s after it was told to stop"
    fi
    sleep 0.05
  done
  STATUS=0
  wait "$1" || STATUS=$?
}

expect_status() { [[ $STATUS == "$1" ]] || fail "$2: exit code $STATUS, expected $1"; }
expect_text() { grep -q -- "$2" "$1" || { cat "$1" >&2; fail "no '$2' in $1"; }; }
no_temporaries() {
  local left
  left=$(find "$1" -name '*.tmp.*' -o -name '.parakit-*' | head -3)
  [[ -z $left ]] || fail "temporary files left behind: $left"
}
