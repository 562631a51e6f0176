#!/usr/bin/env python3
"""Summary of scaling.sbatch's merged CSV when bench/scaling-study is absent:
best compute time per (ranks, threads), speed-up against the best 1-worker
time (else the smallest run, assumed ideal up to its size), efficiency, and
Amdahl's serial fraction from a least-squares fit of T(p) = a + b/p.
Oversubscribed runs (more workers than cores) stay in the summary but are left
out of the baseline and the fit, as bench/scaling-study does.
Usage: scaling-summary.py CSV SUMMARY_CSV   (prints the serial fraction, or nan)"""
import csv
import sys


def oversubscribed(r):
    """The oversubscribed column, else workers > cores (CSVs older than that column).
    The same rule as bench/scaling-study's is_oversubscribed, which may be absent here."""
    flag = (r.get("oversubscribed") or "").strip()
    if flag:
        return flag not in ("0", "false", "False", "no")
    cores = (r.get("cores") or "").strip()
    return cores.isdigit() and 0 < int(cores) < int(r["workers"])


rows = list(csv.DictReader(open(sys.argv[1])))
best = {}
for r in rows:
    key = (int(r["ranks"]), int(r["threads"]), oversubscribed(r))
    t = float(r["compute_seconds"])
    best[key] = min(t, best.get(key, t))
fitted = {k: v for k, v in best.items() if not k[2]}
left_out = len(best) - len(fitted)
if left_out:
    print(f"scaling-summary: fit over {len(fitted)} configurations with workers <= cores; "
          f"{left_out} oversubscribed left out", file=sys.stderr)
serial = float("nan")
t1 = float("nan")
if fitted:
    base_key = min(fitted, key=lambda k: (k[0] * k[1], fitted[k]))
    t1 = fitted[base_key] * base_key[0] * base_key[1]
xs = [1.0 / (r * t) for (r, t, _) in fitted]
ys = list(fitted.values())
n = len(xs)
denominator = n * sum(x * x for x in xs) - sum(xs) ** 2
if n >= 2 and denominator > 1e-12:
    b = (n * sum(x * y for x, y in zip(xs, ys)) - sum(xs) * sum(ys)) / denominator
    a = (sum(ys) - b * sum(xs)) / n
    if a + b > 0:
        serial = min(1.0, max(0.0, a / (a + b)))
with open(sys.argv[2], "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["ranks", "threads", "workers", "seconds", "speedup", "efficiency", "amdahl_serial_fraction",
                "oversubscribed"])
    for (r, t, over) in sorted(best, key=lambda k: (k[0] * k[1], k[0], k[2])):
        speedup = t1 / best[(r, t, over)]
        w.writerow([r, t, r * t, f"{best[(r, t, over)]:.6f}", f"{speedup:.3f}", f"{speedup / (r * t):.3f}",
                    f"{serial:.4f}", int(over)])
print(f"{serial:.4f}")
