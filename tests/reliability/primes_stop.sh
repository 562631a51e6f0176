#!/usr/bin/env bash
# primes stopped for real: SIGINT/SIGTERM to a lone process and to mpirun,
# --time-limit inside the naive kernel, a rank killed with SIGKILL.
# Usage: primes_stop.sh MPIRUN PRIMES WORKDIR CASE [SLOW_INIT_LIBRARY]
set -uo pipefail
MPIRUN=$1 PRIMES=$2 WORK=$3 CASE=$4 SLOW_INIT=${5:-}
PRIMES_PATTERN=$PRIMES
source "$(dirname "$0")/lib.sh"
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 1
# A workload of several seconds whose tasks are short: the naive kernel.
SLOW=(--check 2000000 --max 100000 --kernel naive -q)

case $CASE in
  sigint-serial)
    setsid "$PRIMES" --driver serial "${SLOW[@]}" --list list.txt > out 2> err &
    pid=$!
    sleep 1.5
    kill -INT "$pid"
    ended_within "$pid" 3
    expect_status 130 "SIGINT"
    expect_text err "primes: interrupted by SIGINT: [0-9]* of 16 tasks finished"
    expect_text err "list.txt not written"
    [[ ! -e list.txt ]] || fail "a partial --list was left under its final name"
    no_temporaries .
    ;;
  sigterm-threads)
    # A range: each thread streams its primes to a scratch file, which must
    # go with the process and leave no list.
    setsid "$PRIMES" --driver threads --threads 2 --range 2 300000 --kernel naive -q --list list.txt > out 2> err &
    pid=$!
    sleep 1.5
    kill -TERM "$pid"
    ended_within "$pid" 3
    expect_status 143 "SIGTERM"
    expect_text err "interrupted by SIGTERM: [0-9]* of 32 tasks finished"
    [[ ! -e list.txt ]] || fail "a partial --list was left under its final name"
    left=$(find . -mindepth 1 ! -name out ! -name err)
    [[ -z $left ]] || fail "left behind: $left"
    ;;
  sigterm-mpirun)
    setsid "$MPIRUN" -np 3 "$PRIMES" --driver mpi --schedule dynamic "${SLOW[@]}" --list list.txt > out 2> err &
    sid=$!
    for _ in $(seq 100); do rank_pid "$sid" 2 > /dev/null && break; sleep 0.1; done
    sleep 2
    kill -TERM "$sid"
    ended_within "$sid" 8
    expect_status 143 "SIGTERM to mpirun"
    expect_text err "primes: interrupted by SIGTERM: [0-9]* of 48 tasks finished"
    [[ ! -e list.txt ]] || fail "a partial --list was left under its final name"
    no_temporaries .
    ;;
  sigterm-one-rank)
    # Only rank 0 is signalled: the dynamic dispatcher stops handing out tasks,
    # so every rank still ends at once.
    setsid "$MPIRUN" -np 3 "$PRIMES" --driver mpi --schedule dynamic "${SLOW[@]}" > out 2> err &
    sid=$!
    signal_rank_later "$sid" 0 TERM
    ended_within "$sid" 8
    [[ $STATUS != 0 ]] || fail "SIGTERM to rank 0 ended with exit code 0"
    expect_text err "primes: interrupted by SIGTERM: [0-9]* of 48 tasks finished"
    ;;
  time-limit-naive)
    # One prime near 2^64 takes the naive kernel centuries: only a kernel that
    # polls the stop flag ends inside the limit.
    setsid "$PRIMES" --driver serial --kernel naive --numbers <(echo 18446744073709551557) --time-limit 1 -q > out 2> err &
    pid=$!
    ended_within "$pid" 5
    expect_status 124 "--time-limit"
    expect_text err "primes: time limit of 1 s reached: 0 of 1 tasks finished"
    ;;
  time-limit-mpirun)
    setsid "$MPIRUN" -np 2 "$PRIMES" --driver hybrid --threads 2 --kernel naive --range 2^64-200 2^64-1 \
      --time-limit 1 -q > out 2> err &
    sid=$!
    ended_within "$sid" 10
    expect_status 124 "--time-limit under mpirun"
    expect_text err "primes rank 1: time limit of 1 s reached"
    expect_text err "primes: time limit of 1 s reached: [0-9]* of 64 tasks finished"
    ;;
  rank-killed)
    setsid "$MPIRUN" -np 3 "$PRIMES" --driver mpi --schedule dynamic "${SLOW[@]}" > out 2> err &
    sid=$!
    signal_rank_later "$sid" 1 KILL
    ended_within "$sid" 15
    [[ $STATUS != 0 ]] || fail "a job that lost rank 1 ended with exit code 0"
    # Open MPI's mpirun names the rank on stderr; Hydra names the process on stdout.
    if [[ $(mpi_family "$PRIMES") == mpich ]]; then
      expect_text out "BAD TERMINATION"
      expect_text out "signal 9"
    else
      expect_text err "rank 1 .*exited on signal 9"
    fi
    ;;
  sigint-startup)
    # MPI_Init takes 20 s (the preloaded layer): SIGINT during it, as a user's
    # Ctrl-C while a big job starts. ASan must let the layer come first.
    ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0 PARAKIT_SLOW_INIT_SECONDS=20 \
      LD_PRELOAD=$SLOW_INIT setsid "$PRIMES" --range 0 1e6 > out 2> err &
    pid=$!
    sleep 1
    kill -INT "$pid"
    ended_within "$pid" 3
    expect_status 130 "SIGINT during MPI_Init"
    expect_text err "^primes: interrupted by SIGINT during start-up; exiting now$"
    ;;
  sigterm-startup-mpirun)
    # SIGTERM to the launcher while every rank is still inside MPI_Init, as
    # Slurm's scancel or time limit may come.
    ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0 PARAKIT_SLOW_INIT_SECONDS=20 \
      LD_PRELOAD=$SLOW_INIT setsid "$MPIRUN" -np 2 "$PRIMES" --driver mpi --range 0 1e6 > out 2> err &
    sid=$!
    for _ in $(seq 100); do rank_pid "$sid" 1 > /dev/null && break; sleep 0.1; done
    rank_pid "$sid" 1 > /dev/null || fail "rank 1 never started"
    sleep 1
    kill -TERM "$sid"
    ended_within "$sid" 3
    expect_status 143 "SIGTERM to mpirun during MPI_Init"
    expect_text err "^primes: interrupted by SIGTERM during start-up; exiting now$"
    ;;
  *) fail "unknown case $CASE" ;;
esac
end_session "${sid:-${pid:-0}}"
echo "ok: $CASE"
