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
