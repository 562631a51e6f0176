# shellcheck shell=bash
# Table-driven checks of bad input, sourced by the *_bad_input.sh scripts.
#   setup PROGRAM BINARY WORKDIR   fresh $fx (fixtures) and $run (the cwd of each case)
#   bad "expected words" ARGS...   one bad invocation: exit 2, exactly one line on
#                                  stderr starting "PROGRAM: error:" and holding the
#                                  words, nothing on stdout, no file created or changed
#   finish                         prints the tally; non-zero exit if any case failed
# BAD_STDIN=FILE feeds FILE to the next case instead of /dev/null.
set -euo pipefail

setup() {
  program=$1 binary=$2 base=$3
  rm -rf "$base" && mkdir -p "$base/fx" "$base/run" "$base/logs"
  fx=$base/fx run=$base/run logs=$base/logs failures=0 cases=0
}

# Every file with its size, time and mode, and every folder (whose time a
# probe file, created and removed, may touch).
tree_state() { find "$fx" "$run" \( -type d -printf '%p/\n' \) -o -printf '%p %y %s %T@ %m\n' | sort; }

bad() {
  local words=$1; shift
  local before status=0 problem=""
  before=$(tree_state)
  (cd "$run" && timeout -s KILL 60 "$binary" "$@" <"${BAD_STDIN:-/dev/null}" >"$logs/out" 2>"$logs/err") || status=$?
  BAD_STDIN=
  cases=$((cases + 1))
  if ((status != 2)); then
    problem="exit $status, expected 2"
  elif [[ $(wc -l <"$logs/err") -ne 1 ]]; then
    problem="$(wc -l <"$logs/err") lines on stderr, expected 1"
  elif ! grep -q "^$program: error: " "$logs/err"; then
    problem="stderr does not start with '$program: error: '"
  elif ! grep -qF -- "$words" "$logs/err"; then
    problem="stderr lacks '$words'"
  elif [[ -s $logs/out ]]; then
    problem="printed to stdout"
  elif [[ $(tree_state) != "$before" ]]; then
    problem="files were created or changed: $(diff <(echo "$before") <(tree_state) | grep '^[<>]' | head -3 | tr '\n' ' ' || true)"
  fi
  if [[ -n $problem ]]; then
    failures=$((failures + 1))
    echo "FAIL [$program $*]: $problem"
    sed 's/^/    stderr: /' "$logs/err" | head -5
  else
    echo "ok   [$program $*] -> $(cat "$logs/err")"
  fi
}

finish() {
  echo "$program: $cases bad invocations, $failures failures"
  ((failures == 0))
}
