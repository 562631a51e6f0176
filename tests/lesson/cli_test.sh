#!/usr/bin/env bash
# The lesson program as a new user meets it. Usage: cli_test.sh path/to/lesson
set -uo pipefail
lesson=$1
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

expect_status() {  # expect_status CODE ARGS...
  local want=$1; shift
  local err; err=$("$lesson" "$@" 2>&1 >/dev/null); local got=$?
  [[ $got -eq $want ]] || fail "lesson $* exited $got, wanted $want"
  if [[ $want -eq 2 ]]; then
    [[ $(printf '%s\n' "$err" | wc -l) -eq 1 && $err == "lesson: error: "* ]] || fail "lesson $*: error not one line: $err"
  fi
}

"$lesson" --list | grep '^  race ' >/dev/null || fail "--list does not name race"
"$lesson" | grep 'thread-class' >/dev/null || fail "no arguments should list the lessons"
"$lesson" --help | grep 'Examples' >/dev/null || fail "--help has no examples"
for name in $("$lesson" --list | awk 'NR > 1 {print $1}'); do
  "$lesson" "$name" --help | grep 'Examples' >/dev/null || fail "lesson $name --help has no examples"
done

expect_status 2 bogus
expect_status 2 race --threads nope
expect_status 2 race --fix duct-tape
expect_status 2 race --threads 0
expect_status 2 queue --capacity 0
expect_status 2 timer --target moon
expect_status 2 --no-such-flag
expect_status 0 race --threads 2 --updates 2 --pause-ms 2

# --json prints one JSON object with the promised fields; a lost update shows as final < expected.
json=$("$lesson" race --updates 3 --json) || fail "race --json failed"
expected=$(printf '%s\n' "$json" | sed -n 's/^  "expected": \([0-9]*\),*$/\1/p')
final=$(printf '%s\n' "$json" | sed -n 's/^  "final": \([0-9]*\),*$/\1/p')
[[ $expected == 6 && -n $final && $final -lt 6 ]] || fail "race --json: expected=$expected final=$final"
[[ $(printf '%s\n' "$json" | head -c1) == "{" && $(printf '%s\n' "$json" | tail -n1) == "}" ]] || fail "race --json is not one object"

# The daemon's heartbeat interval is a minute; the program must exit at once anyway.
start=$(date +%s)
timeout 20 "$lesson" daemon --beat-ms 60000 --work-ms 10 >/dev/null || fail "daemon held the exit or failed"
(( $(date +%s) - start < 20 )) || fail "daemon took too long to exit"

[[ $failures -eq 0 ]] && echo "all lesson CLI checks passed"
exit $(( failures > 0 ))
