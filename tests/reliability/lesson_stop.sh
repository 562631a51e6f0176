#!/usr/bin/env bash
# lesson stopped for real: --time-limit and SIGTERM end it, with its child
# process, at once and with exit codes 124 and 143.
# Usage: lesson_stop.sh LESSON WORKDIR
set -uo pipefail
LESSON=$1 WORK=$2
source "$(dirname "$0")/lib.sh"
# Zombies do not count: a dead orphan waits for init to reap it.
alive_in_session() { ps -eo sid=,stat= | awk -v s="$1" '$1 == s && $2 !~ /^Z/ { found = 1 } END { exit !found }'; }
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 1
# A child process that sleeps a minute, under a watchdog that waits 59 s.
LONG=(timer --target process --work-ms 60000 --deadline-ms 59000)

setsid "$LESSON" "${LONG[@]}" --time-limit 1 > out 2> err &
sid=$!
ended_within "$sid" 4
expect_status 124 "--time-limit"
expect_text err "lesson timer: time limit of 1 s reached; exiting now with code 124"
sleep 0.2
alive_in_session "$sid" && fail "the lesson's child process outlived it"

# A lesson that records spans, stopped long before its end (2 x 500 waits of
# 100 ms per run): no trace or timeline of a run that never finished.
setsid "$LESSON" gil --units 500 --io-ms 100 --trace trace.json --timeline timeline.svg --time-limit 1 > out 2> err &
sid=$!
ended_within "$sid" 4
expect_status 124 "gil --time-limit"
[[ ! -e trace.json && ! -e timeline.svg ]] || fail "a trace was written for a lesson that never finished"

setsid "$LESSON" "${LONG[@]}" > out 2> err &
sid=$!
sleep 0.5
kill -TERM "$sid"
ended_within "$sid" 2
expect_status 143 "SIGTERM"
expect_text err "lesson timer: interrupted by SIGTERM"
sleep 0.2
alive_in_session "$sid" && fail "the lesson's child process outlived it"

STATUS=0
"$LESSON" race --time-limit soon 2> err || STATUS=$?
expect_status 2 "a bad --time-limit"
expect_text err "lesson: error: --time-limit: 'soon' is not a positive number of seconds"
no_temporaries .
echo "ok: lesson stops"
