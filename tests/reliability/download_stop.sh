#!/usr/bin/env bash
# download stopped for real against a local, rate-capped fileserver: SIGINT to
# a lone process, SIGTERM to mpirun, --time-limit; then the same command with
# --continue must keep the saved files, resume the parts, and end with every
# file's sha256 equal to the list's.
# Usage: download_stop.sh MPIRUN DOWNLOAD FILESERVER WORKDIR CASE
set -uo pipefail
MPIRUN=$1 DOWNLOAD=$2 FILESERVER=$3 WORK=$4 CASE=$5
PRIMES_PATTERN=$DOWNLOAD
source "$(dirname "$0")/lib.sh"
first=()
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 1

# 6 files of 2 MiB at 1 MiB/s each: a second or two per file, 6 s for the list.
"$FILESERVER" --synthetic 6 --size 2MiB --rate 1MiB --port 0 --port-file port --url-list urls.txt -q &
server=$!
trap 'kill "$server" 2>/dev/null; end_session "${sid:-0}"' EXIT
for _ in $(seq 100); do [[ -s urls.txt ]] && break; sleep 0.1; done
[[ -s urls.txt ]] || fail "the fileserver did not start"

case $CASE in
  sigint)   launch=("$DOWNLOAD" --driver threads --jobs 2); signal=INT; code=130 ;;
  async)    launch=("$DOWNLOAD" --driver async --jobs 3); signal=TERM; code=143 ;;
  mpirun)   launch=("$MPIRUN" -np 2 "$DOWNLOAD" --driver hybrid --jobs 2); signal=TERM; code=143 ;;
  time-limit) launch=("$DOWNLOAD" --driver threads --jobs 2); first=(--time-limit 2.5); signal=""; code=124 ;;
  *) fail "unknown case $CASE" ;;
esac

setsid "${launch[@]}" "${first[@]}" -i urls.txt -o out -q > first.out 2> first.err &
sid=$!
if [[ -n $signal ]]; then
  sleep 2.5
  kill -"$signal" "$sid"
fi
ended_within "$sid" 6
expect_status "$code" "the stopped download"
expect_text first.err "download: .*: [0-9] of 6 files saved, [0-9] kept as .part, 0 failed, [0-9] not started"
parts=$(find out -name '.*.part' | wc -l)
(( parts > 0 )) || fail "no .part file was kept"
# Whatever carries a final name is whole: its sha256 is the list's.
while read -r url sum; do
  name=${url##*/}
  if [[ -e out/$name ]]; then
    [[ $(sha256sum < "out/$name" | cut -c1-64) == "${sum#sha256=}" ]] || fail "out/$name is under its final name but not whole"
  fi
done < urls.txt
no_temporaries out

timeout 60 "${launch[@]}" -i urls.txt -o out --continue --json > second.json 2> second.err ||
  { cat second.err >&2; fail "the rerun with --continue failed"; }
while read -r url sum; do
  name=${url##*/}
  [[ $(sha256sum < "out/$name" | cut -c1-64) == "${sum#sha256=}" ]] || fail "out/$name differs from the server's after --continue"
done < urls.txt
[[ $(find out -name '.*.part' | wc -l) == 0 ]] || fail ".part files left after the rerun"
if grep -q '^download: .*: [1-9] of 6 files saved' first.err; then
  grep -q '"already_saved": true' second.json || fail "files saved by the first run were downloaded again"
fi
grep -Eq '"resumed_from": [1-9]' second.json || fail "no .part file was resumed with a Range request"
echo "ok: download $CASE"
