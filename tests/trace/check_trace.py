#!/usr/bin/env python3
"""Checks a parakit Chrome trace (and optionally its SVG timeline) the way a
reader relies on them: every rank and every worker thread present, named with
rank and host, spans within one thread never overlapping, phases recorded.

Usage: check_trace.py --ranks R --threads T [--svg FILE.svg] [--kind task] TRACE.json
Exits 0 when everything holds, 1 with one line per problem otherwise."""
import argparse
import collections
import json
import sys
import xml.etree.ElementTree as ET

WORKER_TID_BASE = 10  # io/trace/chrome_trace.hpp: worker T is tid 10 + T
SVG = "{http://www.w3.org/2000/svg}"


def check_trace(path, ranks, threads, kind, phases, problems):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    events = doc["traceEvents"]
    process_names = {e["pid"]: e["args"]["name"] for e in events if e.get("ph") == "M" and e["name"] == "process_name"}
    thread_names = {(e["pid"], e["tid"]): e["args"]["name"] for e in events
                    if e.get("ph") == "M" and e["name"] == "thread_name"}
    if sorted(process_names) != list(range(ranks)):
        problems.append(f"processes {sorted(process_names)}, expected ranks 0..{ranks - 1}")
    for pid, name in process_names.items():
        if not name.startswith(f"rank {pid} (") or not name.endswith(")"):
            problems.append(f"process {pid} is named {name!r}, expected 'rank {pid} (host)'")

    spans = collections.defaultdict(list)
    for e in events:
        if e.get("ph") == "X":
            if e["dur"] < 0:
                problems.append(f"negative duration: {e}")
            spans[(e["pid"], e["tid"])].append(e)

    for rank in range(ranks):
        for thread in range(threads):
            key = (rank, WORKER_TID_BASE + thread)
            if key not in thread_names:
                problems.append(f"rank {rank} has no track for worker thread {thread}")
                continue
            if not any(e["cat"] == kind for e in spans[key]):
                problems.append(f"rank {rank} thread {thread} has no '{kind}' span")
        extra = [tid for (pid, tid) in thread_names if pid == rank and tid >= WORKER_TID_BASE + threads]
        if extra:
            problems.append(f"rank {rank} has unexpected worker tracks {extra}")
        names = {e["name"] for e in spans[(rank, 1)]}
        missing = [p for p in phases if p not in names]
        if missing:
            problems.append(f"rank {rank} lacks phase spans {missing} (has {sorted(names)})")

    # Within one thread, a span must end before the next begins (1 us slack for
    # the microsecond rounding of ts and dur).
    for key, items in spans.items():
        items.sort(key=lambda e: e["ts"])
        for a, b in zip(items, items[1:]):
            if a["ts"] + a["dur"] > b["ts"] + 1.0:
                problems.append(f"overlap on pid {key[0]} tid {key[1]}: {a['name']} ends {a['ts'] + a['dur']:.1f} us,"
                                f" {b['name']} starts {b['ts']:.1f} us")
                break
    return doc


def check_svg(path, ranks, threads, problems):
    root = ET.parse(path).getroot()  # raises on malformed XML
    if root.tag != SVG + "svg":
        problems.append(f"{path}: root element is {root.tag}, not svg")
    rows = [g for g in root.iter(SVG + "g") if g.get("class") == "worker"]
    seen = collections.Counter((int(g.get("data-rank")), int(g.get("data-thread"))) for g in rows)
    expected = {(r, t) for r in range(ranks) for t in range(threads)}
    if set(seen) != expected or any(n != 1 for n in seen.values()):
        problems.append(f"{path}: worker rows {sorted(seen.elements())}, expected one each of {sorted(expected)}")
    for g in rows:
        if not any(rect.get("class") == "bar" for rect in g.iter(SVG + "rect")):
            problems.append(f"{path}: row rank {g.get('data-rank')} thread {g.get('data-thread')} has no bar")
    texts = "".join(t.text or "" for t in root.iter(SVG + "text"))
    if "imbalance" not in texts:
        problems.append(f"{path}: no imbalance figure written on the chart")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("trace")
    parser.add_argument("--ranks", type=int, required=True)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--kind", default="task")
    parser.add_argument("--phases", default="set-up,compute,gather")
    parser.add_argument("--svg")
    args = parser.parse_args()
    problems = []
    check_trace(args.trace, args.ranks, args.threads, args.kind, [p for p in args.phases.split(",") if p], problems)
    if args.svg:
        check_svg(args.svg, args.ranks, args.threads, problems)
    for p in problems:
        print("check_trace:", p)
    if not problems:
        print(f"check_trace: ok ({args.ranks} ranks x {args.threads} threads)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
