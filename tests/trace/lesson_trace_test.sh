#!/usr/bin/env bash
# lesson --trace / --timeline: the gil lesson's five cases become five labelled
# processes with a track per thread and exactly the units it ran; a lesson that
# records no spans is refused with exit 2.
# Usage: lesson_trace_test.sh LESSON CHECK_TRACE_PY
set -euo pipefail
lesson=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }

"$lesson" gil --threads 3 --units 4 --unit-size 500 --io-ms 2 --trace gil.json --timeline gil.svg --json > gil.out
python3 - gil.json gil.svg gil.out <<'PY'
import collections, json, sys
import xml.etree.ElementTree as ET
trace = json.load(open(sys.argv[1]))["traceEvents"]
figures = json.load(open(sys.argv[3]))
names = {e["pid"]: e["args"]["name"] for e in trace if e.get("ph") == "M" and e["name"] == "process_name"}
expected = ["case 1: cpu, 1 thread, no gil", "case 2: cpu, 3 threads, no gil", "case 3: cpu, 3 threads, gil",
            "case 4: io, 1 thread, gil", "case 5: io, 3 threads, gil"]
assert [names[p] for p in sorted(names)] == expected, names
spans = collections.defaultdict(list)
for e in trace:
    if e.get("ph") == "X":
        spans[(e["pid"], e["tid"])].append(e)
threads = {pid: len({tid for (p, tid) in spans if p == pid}) for pid in names}
assert [threads[p] for p in sorted(names)] == [1, 3, 3, 1, 3], threads
# Every span the lesson reported for a case is drawn in that case's process.
for pid, run in zip(sorted(names), figures["runs"]):
    total = sum(len(v) for (p, _), v in spans.items() if p == pid)
    assert total == len(run["spans"]) and total >= 12, (pid, total, len(run["spans"]))
# Within a thread, units follow one another; cases follow one another.
for key, items in spans.items():
    items.sort(key=lambda e: e["ts"])
    for a, b in zip(items, items[1:]):
        assert a["ts"] + a["dur"] <= b["ts"] + 1.0, f"overlap in {key}"
ends = [max(e["ts"] + e["dur"] for (p, _), v in spans.items() if p == pid for e in v) for pid in sorted(names)]
starts = [min(e["ts"] for (p, _), v in spans.items() if p == pid for e in v) for pid in sorted(names)]
assert all(end <= start for end, start in zip(ends, starts[1:])), "cases overlap on the timeline"
svg = ET.parse(sys.argv[2]).getroot()
rows = [g for g in svg.iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "worker"]
assert len(rows) == 11, len(rows)
print("lesson trace: 5 cases, 11 thread rows, every unit drawn")
PY

set +e
# Refused before the lesson runs: this race would take minutes.
timeout 10 "$lesson" race --updates 100 --pause-ms 1000 --timeline race.svg > out.txt 2> err.txt
code=$?
set -e
[[ $code == 2 ]] || fail "lesson race --timeline exited $code, expected 2"
grep -q "records no per-thread spans" err.txt || fail "unexpected message: $(cat err.txt)"
[[ ! -e race.svg ]] || fail "race.svg written although refused"
echo "all lesson trace checks passed"
