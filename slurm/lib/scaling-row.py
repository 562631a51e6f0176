#!/usr/bin/env python3
"""One CSV row for scaling.sbatch from a `primes --json` result, in the schema
of bench/scaling-study (so `scaling-study plot` reads it).
Usage: scaling-row.py JSON CSV RANKS THREADS REP WALL_SECONDS ARGS...
Appends to CSV, writing the header first when CSV is empty."""
import csv
import datetime
import importlib.machinery
import importlib.util
import json
import os
import socket
import sys
from pathlib import Path


def load_scaling_study():
    """bench/scaling-study as a module: its FIELDS and is_oversubscribed are the
    one definition of the CSV's columns, so the two writers cannot drift apart."""
    path = Path(__file__).resolve().parents[2] / "bench" / "scaling-study"
    sys.dont_write_bytecode = True  # no __pycache__ left in the source tree
    loader = importlib.machinery.SourceFileLoader("scaling_study", str(path))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
    loader.exec_module(module)
    return module


study = load_scaling_study()

path, out, ranks, threads, rep, wall, *args = sys.argv[1:]
result = json.load(open(path))
ranks, threads = int(ranks), int(threads)
# Guard against a launch that silently ran another layout than asked for.
if (result["ranks"], result["threads"]) != (ranks, threads):
    sys.exit(f"scaling-row: asked for {ranks}x{threads}, primes ran {result['ranks']}x{result['threads']}")
row = {
    "timestamp": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    "study": os.environ.get("SLURM_ARRAY_JOB_ID", ""), "mode": "strong", "program": "primes",
    "driver": result["driver"], "schedule": result.get("schedule", ""), "kernel": result.get("kernel", ""),
    "ranks": ranks, "threads": threads, "workers": ranks * threads, "rep": rep,
    "size": result.get("checked", ""), "total_items": result.get("checked", ""), "args": " ".join(args),
    "compute_seconds": f"{result['seconds']:.6f}", "startup_seconds": f"{result.get('startup_seconds', 0.0):.6f}",
    "wall_seconds": wall, "imbalance": f"{result.get('imbalance', 0.0):.4f}", "count": result.get("count", ""),
    "checked": result.get("checked", ""), "host": "+".join(sorted(set(result.get("run", {}).get("hosts", []))))
    or socket.gethostname(), "cores": ranks * threads, "slurm_job_id": os.environ.get("SLURM_JOB_ID", ""),
    "git_commit": result.get("run", {}).get("git_commit", ""), "exit_code": 0,
}
# Slurm gave every worker a CPU (srun -c THREADS per rank), so cores = workers: never oversubscribed.
row["oversubscribed"] = int(study.is_oversubscribed(row))
new = not os.path.exists(out) or os.path.getsize(out) == 0
with open(out, "a", newline="") as f:
    writer = csv.DictWriter(f, fieldnames=study.FIELDS)
    if new:
        writer.writeheader()
    writer.writerow(row)
print(",".join(str(row[k]) for k in ("ranks", "threads", "workers", "rep", "compute_seconds", "count")))
