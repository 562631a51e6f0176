#!/usr/bin/env bash
# No data lost. Existing outputs are kept without --force (every program), a
# download never clobbers a different file, and a full disk or a read-only
# folder gives one clear line naming the path and the cause, a non-zero exit,
# and leaves neither a partial file under the final name nor a temporary.
# Full disk: a 256 KiB tmpfs filled to the brim (root, private mount
# namespace), else RLIMIT_FSIZE. Read-only: a tmpfs remounted ro, else a
# chmod 555 folder when not root. Parts that cannot run are named; the exit
# is then 77 (skip) unless something failed.
# Usage: output_files.sh BUILD_DIR WORKDIR
set -euo pipefail
if [[ -z ${PARAKIT_PRIVATE_MOUNTS:-} && $(id -u) -eq 0 ]] && unshare -m --propagation private true 2>/dev/null; then
  # Mounts made in a private namespace vanish with it, even if this script is killed.
  PARAKIT_PRIVATE_MOUNTS=1 exec unshare -m --propagation private "$0" "$@"
fi
build=$1 base=$2
rm -rf "$base" && mkdir -p "$base"
primes=$build/primes download=$build/download lesson=$build/lesson fileserver=$build/fileserver
failures=0 skipped=()
server_pid=""
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  mountpoint -q "$base/full" 2>/dev/null && umount "$base/full"
  mountpoint -q "$base/ro" 2>/dev/null && umount "$base/ro"
  return 0
}
trap cleanup EXIT

fail() { echo "FAIL $*"; failures=$((failures + 1)); }

# expect STATUS "words" CMD...: exits STATUS, and stderr is exactly one line
# from the program (its name first) holding the words. Stderr goes through a
# pipe, so RLIMIT_FSIZE only ever limits the program's own files.
expect() {
  local want=$1 words=$2; shift 2
  local status=0 name="" arg
  for arg in "$@"; do  # the program, after any prlimit prefix
    case $(basename -- "$arg") in primes|download|lesson|fileserver) name=$(basename -- "$arg"); break ;; esac
  done
  { timeout -s KILL 60 "$@" </dev/null 2>&1 >/dev/null || echo $? >"$base/status"; } | cat >"$base/err"
  [[ -f $base/status ]] && status=$(cat "$base/status") && rm -f "$base/status"
  if [[ $status -ne $want ]]; then
    fail "[$name ${*:2}]: exit $status, expected $want: $(head -3 "$base/err")"
  elif [[ $(wc -l <"$base/err") -ne 1 ]] || ! grep -q "^$name: " "$base/err"; then
    fail "[$name ${*:2}]: expected one line from $name on stderr, got:"; sed 's/^/    /' "$base/err"
  elif ! grep -qF -- "$words" "$base/err"; then
    fail "[$name ${*:2}]: stderr lacks '$words': $(cat "$base/err")"
  else
    echo "ok   [$name ${*:2}] -> $(cat "$base/err")"
  fi
}

# only_files DIR NAME...: DIR holds exactly these names (no partial, temporary
# or .part file); "-" for none.
only_files() {
  local dir=$1; shift
  local want="" got
  [[ $1 == - ]] || want=$(printf '%s\n' "$@" | sort)
  got=$(find "$dir" -mindepth 1 -maxdepth 1 -printf '%f\n' | sort)
  [[ $got == "$want" ]] || fail "$dir holds [${got//$'\n'/ }], expected [${want//$'\n'/ }]"
}

same_content() {  # FILE TEXT
  [[ $(cat "$1") == "$2" ]] || fail "$1 changed: now '$(head -c 60 "$1")'"
}

# A fileserver on 127.0.0.1 serving $base/served, for the download cases.
mkdir -p "$base/served"
printf 'new content\n' >"$base/served/a.txt"
head -c 300000 /dev/urandom >"$base/served/big.bin"
: >"$base/served/empty.txt"
"$fileserver" --dir "$base/served" --synthetic 1 --size 0 --port 0 --port-file "$base/port" -q &
server_pid=$!
for _ in $(seq 100); do [[ -s $base/port ]] && break; sleep 0.1; done
[[ -s $base/port ]] || { echo "FAIL fileserver did not start"; exit 1; }
url=http://127.0.0.1:$(cat "$base/port")

echo "== existing outputs are kept without --force, replaced with it"
keep=$base/keep && mkdir -p "$keep"
for f in list trace svg manifest urls; do printf 'mine\n' >"$keep/$f"; done
expect 2 "--list file '$keep/list' already exists (add --force" "$primes" --driver serial --range 0 100 --list "$keep/list"
expect 2 "--trace file '$keep/trace' already exists" "$primes" --driver serial --range 0 100 --trace "$keep/trace"
expect 2 "--timeline file '$keep/svg' already exists" "$lesson" gil --timeline "$keep/svg"
expect 2 "--manifest file '$keep/manifest' already exists" "$download" -o "$keep/dl" --manifest "$keep/manifest" "$url/a.txt"
expect 2 "--url-list file '$keep/urls' already exists" "$fileserver" --synthetic 1 --port 0 --url-list "$keep/urls"
for f in list trace svg manifest urls; do same_content "$keep/$f" mine; done
only_files "$keep" list manifest svg trace urls
"$primes" --driver serial --range 0 100 --list "$keep/list" --force -q >/dev/null
[[ $(wc -l <"$keep/list") -eq 25 ]] || fail "primes --force did not replace the list"
"$lesson" gil --timeline "$keep/svg" --force >/dev/null
grep -q '<svg' "$keep/svg" || fail "lesson --force did not replace the timeline"
"$download" --driver serial -o "$keep/dl" --manifest "$keep/manifest" --force -q "$url/a.txt" >/dev/null
grep -q "  dl/a.txt$" "$keep/manifest" || fail "download --force did not replace the manifest"
only_files "$keep" dl list manifest svg trace urls

echo "== a download never clobbers a different file under its name"
dl=$base/dl && mkdir -p "$dl"
printf 'mine\n' >"$dl/a.txt"
status=0
"$download" --driver serial -o "$dl" "$url/a.txt" >"$base/out" 2>&1 || status=$?
[[ $status -eq 1 ]] || fail "download over a different file: exit $status, expected 1"
grep -qF "'$dl/a.txt' already exists and differs from the download (add --force to replace it)" "$base/out" \
  || fail "download over a different file: no clear error: $(cat "$base/out")"
same_content "$dl/a.txt" mine
only_files "$dl" a.txt
# Same size, other bytes: without a digest to compare, the bytes still are.
printf 'NEW content\n' >"$dl/a.txt"
status=0
"$download" --driver serial -o "$dl" -q "$url/a.txt" >"$base/out" 2>&1 || status=$?
[[ $status -eq 1 ]] || fail "download over a same-size different file: exit $status, expected 1"
grep -qF "'$dl/a.txt' already exists and differs from the download (add --force to replace it)" "$base/out" \
  || fail "download over a same-size different file: no clear error: $(cat "$base/out")"
same_content "$dl/a.txt" "NEW content"
only_files "$dl" a.txt
cp "$base/served/a.txt" "$dl/a.txt"
"$download" --driver serial -o "$dl" -q "$url/a.txt" >/dev/null || fail "download over an identical file failed"
only_files "$dl" a.txt
printf 'mine\n' >"$dl/a.txt"
"$download" --driver serial -o "$dl" --force -q "$url/a.txt" >/dev/null || fail "download --force failed"
same_content "$dl/a.txt" "new content"
only_files "$dl" a.txt

echo "== empty files are files too"
# fileserver used to send a zero-byte body with neither a length nor a close,
# and every client waited until the server closed the idle connection (5 s)
# or its own stall timeout gave up: 3 s without a byte fails the test.
status=0
timeout -s KILL 20 "$download" --driver serial --stall-timeout 3 --retries 0 -o "$base/empty" -q \
  "$url/empty.txt" "$url/synthetic-000.bin" >/dev/null 2>"$base/err" || status=$?
[[ $status -eq 0 && -f $base/empty/empty.txt && ! -s $base/empty/empty.txt && -f $base/empty/synthetic-000.bin &&
   ! -s $base/empty/synthetic-000.bin ]] \
  || fail "an empty file: exit $status, $(find "$base/empty" -mindepth 1 -printf '%f ' 2>&1) $(cat "$base/err")"
status=0
timeout -s KILL 30 "$download" --driver serial --files 2 --size 0 --latency-ms 0 -q >/dev/null 2>"$base/err" || status=$?
[[ $status -eq 0 ]] || fail "download --size 0: exit $status (137: it hung) $(cat "$base/err")"

echo "== a full disk"
full=$base/full && mkdir -p "$full"
limit=() cause=""
if mount -t tmpfs -o size=256k tmpfs "$full" 2>/dev/null; then
  mkdir -p "$full/dl"
  cat /dev/zero >"$full/filler" 2>/dev/null || true  # every byte of the tmpfs taken
  cause="No space left on device" listing=(dl filler)
elif command -v prlimit >/dev/null; then
  # No mount allowed: the same errors through RLIMIT_FSIZE, with SIGXFSZ
  # ignored so write() fails with EFBIG instead of killing the program.
  trap '' XFSZ
  limit=(prlimit --fsize=0 --)
  mkdir -p "$full/dl"
  cause="File too large" listing=(dl)
  skipped+=("full disk: no tmpfs mount allowed, used RLIMIT_FSIZE instead")
fi
if [[ -n $cause ]]; then
  expect 1 "cannot write '$full/list.txt': $cause" "${limit[@]}" "$primes" --driver serial --range 0 1e6 --list "$full/list.txt"
  expect 1 "cannot write '$full/list.txt': $cause" "${limit[@]}" "$primes" --driver mpi --range 0 1e6 --list "$full/list.txt"
  expect 1 "cannot write '$full/trace.json': $cause" "${limit[@]}" "$primes" --driver serial --range 0 1e6 --trace "$full/trace.json"
  expect 1 "cannot write '$full/gil.svg': $cause" "${limit[@]}" "$lesson" gil --timeline "$full/gil.svg"
  expect 1 "cannot write '$full/SHA256SUMS': $cause" "${limit[@]}" "$download" --driver serial -o "$base/dl2" --manifest "$full/SHA256SUMS" "$url/a.txt"
  expect 1 "cannot write '$full/urls.txt': $cause" "${limit[@]}" "$fileserver" --synthetic 1 --port 0 --url-list "$full/urls.txt"
  status=0 out=""
  # Through a pipe, as in expect: under RLIMIT_FSIZE a report written to a
  # file would be cut to nothing, and the cause would seem unnamed.
  out=$("${limit[@]}" "$download" --driver serial -o "$full/dl" "$url/big.bin" 2>&1) || status=$?
  [[ $status -eq 1 ]] || fail "download onto a full disk: exit $status, expected 1"
  grep -qF "$cause" <<<"$out" || fail "download onto a full disk: the cause is not named: $out"
  only_files "$full/dl" -
  only_files "$full" "${listing[@]}"
  trap - XFSZ
else
  skipped+=("full disk: neither a tmpfs mount nor prlimit is available")
fi

echo "== a read-only folder"
ro=$base/ro && mkdir -p "$ro"
cause=""
if mount -t tmpfs -o size=64k tmpfs "$ro" 2>/dev/null && mount -o remount,ro "$ro" 2>/dev/null; then
  cause="Read-only file system"
elif [[ $(id -u) -ne 0 ]]; then
  chmod 555 "$ro"
  cause="Permission denied"
fi
if [[ -n $cause ]]; then
  expect 2 "--list file '$ro/list.txt': cannot write in folder '$ro': $cause" "$primes" --driver serial --range 0 100 --list "$ro/list.txt"
  expect 2 "--timeline file '$ro/gil.svg': cannot write in folder '$ro': $cause" "$lesson" gil --timeline "$ro/gil.svg"
  expect 2 "--manifest file '$ro/SHA256SUMS': cannot write in folder '$ro': $cause" "$download" -o "$base/dl3" --manifest "$ro/SHA256SUMS" "$url/a.txt"
  expect 2 "cannot create output directory '$ro/out': $cause" "$download" -o "$ro/out" "$url/a.txt"
  expect 2 "cannot write in output directory '$ro': $cause" "$download" -o "$ro" "$url/a.txt"
  expect 2 "--url-list file '$ro/urls.txt': cannot write in folder '$ro': $cause" "$fileserver" --synthetic 1 --port 0 --url-list "$ro/urls.txt"
  only_files "$ro" -
else
  skipped+=("read-only folder: root without mount rights ignores permission bits")
fi

echo "$failures failures"
((failures == 0)) || exit 1
if ((${#skipped[@]})); then
  printf 'SKIP %s\n' "${skipped[@]}"
  exit 77
fi
