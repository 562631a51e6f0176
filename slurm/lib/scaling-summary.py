#!/usr/bin/env python3
"""Summary of scaling.sbatch's merged CSV when bench/scaling-study is absent:
best compute time per (ranks, threads), speed-up against the best 1-worker
time (else the smallest run, assumed ideal up to its size), efficiency, and
Amdahl's serial fraction from a least-squares fit of T(p) = a + b/p.
Usage: scaling-summary.py CSV SUMMARY_CSV   (prints the serial fraction, or nan)"""
import csv
import sys

rows = list(csv.DictReader(open(sys.argv[1])))
best = {}
for r in rows:
    key = (int(r["ranks"]), int(r["threads"]))
    t = float(r["compute_seconds"])
    best[key] = min(t, best.get(key, t))
base_key = min(best, key=lambda k: (k[0] * k[1], best[k]))
t1 = best[base_key] * base_key[0] * base_key[1]
xs = [1.0 / (r * t) for (r, t) in best]
ys = list(best.values())
n = len(xs)
serial = float("nan")
denominator = n * sum(x * x for x in xs) - sum(xs) ** 2
if n >= 2 and denominator > 1e-12:
    b = (n * sum(x * y for x, y in zip(xs, ys)) - sum(xs) * sum(ys)) / denominator
    a = (sum(ys) - b * sum(xs)) / n
    if a + b > 0:
        serial = min(1.0, max(0.0, a / (a + b)))
with open(sys.argv[2], "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["ranks", "threads", "workers", "seconds", "speedup", "efficiency", "amdahl_serial_fraction"])
    for (r, t) in sorted(best, key=lambda k: (k[0] * k[1], k[0])):
        speedup = t1 / best[(r, t)]
        w.writerow([r, t, r * t, f"{best[(r, t)]:.6f}", f"{speedup:.3f}", f"{speedup / (r * t):.3f}", f"{serial:.4f}"])
print(f"{serial:.4f}")
