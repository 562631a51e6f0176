# shellcheck shell=bash
# Helpers for tests that stop programs on purpose. Every wait has a bound, so a
# regression fails instead of hanging.
fail() { echo "FAIL: $*" >&2; exit 1; }

# session_processes SESSION: every process started from the session's leader,
# also those in sessions of their own: Hydra's proxy and the ranks it starts
# each call setsid, Open MPI's stay in the launcher's session.
session_processes() {
  ps -e -o pid=,ppid= | awk -v root="$1" '
    { parent[$1] = $2 }
    END { for (pid in parent) for (p = pid; p > 1; p = parent[p]) if (p == root) { print pid; break } }'
}

# rank_pid SESSION RANK: the pid of MPI rank RANK in session SESSION (start
# mpirun under setsid so that its pid is the session's id).
rank_pid() {
  local pid
  for pid in $(pgrep -f -- "$PRIMES_PATTERN" || true); do
    session_processes "$1" | grep -qx "$pid" || continue
    # Open MPI's mpirun names the rank in OMPI_COMM_WORLD_RANK, Hydra in PMI_RANK.
    if tr '\0' '\n' < "/proc/$pid/environ" 2>/dev/null | grep -xE "(OMPI_COMM_WORLD_RANK|PMI_RANK)=$2" >/dev/null; then
      echo "$pid"; return 0
    fi
  done
  return 1
}

# mpi_family PROGRAM: openmpi or mpich, as CMake recorded it beside PROGRAM.
mpi_family() { sed -n 's/^PARAKIT_MPI_FAMILY=//p' "$(dirname "$1")/parakit-mpi.env" 2>/dev/null; }

# signal_rank_later SESSION RANK SIGNAL: once RANK runs, lets it compute 2 s, then signals it.
signal_rank_later() {
  local pid=""
  for _ in $(seq 100); do pid=$(rank_pid "$1" "$2") && break; sleep 0.1; done
  [[ -n $pid ]] || fail "rank $2 never started"
  sleep 2
  kill -"$3" "$pid"
}

# end_session SESSION: what is left of a test's own processes goes.
end_session() {
  local pid
  for pid in $(session_processes "$1"); do kill -KILL "$pid" 2>/dev/null || true; done
  pkill -KILL -s "$1" 2>/dev/null || true
}

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
