#!/usr/bin/env bash
# download --trace / --timeline: the built-in experiment (an in-process server on
# 127.0.0.1) under 2 ranks x 2 transfer threads gives a valid trace and SVG whose
# spans are exactly the files moved, with their bytes; a missing folder is refused.
# Usage: download_trace_test.sh DOWNLOAD MPIRUN CHECK_TRACE_PY
set -euo pipefail
download=$1 mpirun=$2 check=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }

files=24 size=65536
"$mpirun" -np 2 "$download" --driver hybrid --jobs 2 --files $files --size $size --latency-ms 30 \
  --trace dl.json --timeline dl.svg --json > dl.out
python3 "$check" --ranks 2 --threads 2 --kind download --phases set-up,download,gather --svg dl.svg dl.json
python3 - dl.json $files $size <<'PY'
import json, sys
trace = json.load(open(sys.argv[1]))["traceEvents"]
files, size = int(sys.argv[2]), int(sys.argv[3])
spans = [e for e in trace if e.get("ph") == "X" and e["cat"] in ("download", "retry", "failed")]
assert len(spans) == files, f"{len(spans)} transfer spans, expected {files}"
assert all(e["cat"] == "download" for e in spans), "a transfer failed or was retried against a healthy local server"
assert sum(e["args"]["bytes"] for e in spans) == files * size, "bytes in the trace differ from the bytes moved"
assert all(e["args"]["url"].startswith("http://127.0.0.1:") for e in spans), "a span lacks its URL"
assert all(e["args"]["attempts"] == 1 for e in spans)
rate = [e for e in trace if e.get("ph") == "C" and e["name"] == "bytes/s"]
assert rate and max(e["args"]["bytes/s"] for e in rate) > 0, "no bytes/s counter"
left = [e["args"]["files left"] for e in trace if e.get("ph") == "C" and e["name"] == "files left"]
assert left[0] == files and left[-1] == 0, left[:3]
print(f"download trace: {len(spans)} transfers, {files * size} bytes, counters present")
PY

set +e
"$download" --files 2 -q --timeline no/such/t.svg > out.txt 2> err.txt
code=$?
set -e
[[ $code == 2 ]] || fail "missing folder: exit $code, expected 2"
grep -q "does not exist" err.txt || fail "missing folder: $(cat err.txt)"
echo "all download trace checks passed"
