#!/usr/bin/env python3
"""Tests of bench/scaling-study.

  check_scaling_study.py fit STUDY          the fits recover known serial fractions
  check_scaling_study.py small STUDY BUILD  a small real study: its CSV and both plots"""
import csv
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

FAILURES = []


def expect(condition, message):
    if not condition:
        FAILURES.append(message)


def run(args):
    proc = subprocess.run(args, capture_output=True, text=True)
    if proc.returncode != 0:
        FAILURES.append(f"{' '.join(map(str, args))} exited {proc.returncode}: {proc.stderr.strip()}")
    return proc


def synthetic_csv(path, mode, fraction, header):
    """Runs whose times follow Amdahl (strong) or Gustafson (weak) exactly, with 3 reps of +-2% noise that average out."""
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=header)
        w.writeheader()
        for p in (1, 2, 4, 8, 16, 32):
            if mode == "strong":
                t = 10.0 * (fraction + (1 - fraction) / p)
            else:  # scaled speed-up p - f (p - 1) = p T1 / Tp
                t = 10.0 * p / (p - fraction * (p - 1))
            for rep, noise in enumerate((0.98, 1.0, 1.02), start=1):
                w.writerow({k: "" for k in header} | {
                    "mode": mode, "driver": "hybrid", "ranks": p, "threads": 1, "workers": p, "rep": rep,
                    "compute_seconds": f"{t * noise:.9f}", "wall_seconds": f"{t * noise + 0.5:.9f}", "exit_code": 0})


def check_fit(study):
    header = subprocess.run([study, "run", "--help"], capture_output=True, text=True)
    expect(header.returncode == 0, "scaling-study run --help failed")
    fields = ["timestamp", "study", "mode", "program", "driver", "ranks", "threads", "workers", "rep",
              "compute_seconds", "wall_seconds", "exit_code"]
    with tempfile.TemporaryDirectory() as tmp:
        for mode, fraction in (("strong", 0.1), ("strong", 0.0), ("weak", 0.25)):
            path = Path(tmp) / f"{mode}-{fraction}.csv"
            synthetic_csv(path, mode, fraction, fields)
            out = run([study, "fit", str(path)]).stdout
            expected = f"{mode} hybrid: serial fraction {fraction:.4f}"
            # Symmetric noise on times is not symmetric on 1/time, so allow the 4th decimal to move.
            line = next((l for l in out.splitlines() if l.startswith(f"{mode} hybrid:")), "")
            try:
                got = float(line.rsplit(" ", 1)[1])
            except (IndexError, ValueError):
                got = None
            expect(got is not None and abs(got - fraction) < 0.002,
                   f"{mode} fit of f={fraction}: printed {line!r}, expected about {expected!r}")
        # Plot from the merged CSVs prints the fraction too and writes all four files.
        plots = Path(tmp) / "plots"
        out = run([study, "plot", str(Path(tmp) / "strong-0.1.csv"), str(plots)]).stdout
        expect("serial fraction f = 0.1000" in out or "serial fraction f = 0.0999" in out or
               "serial fraction f = 0.1001" in out, f"plot did not print f = 0.1000: {out!r}")
        check_plots(plots, "strong")
        # Bad input: one line, exit 2.
        bad = subprocess.run([study, "plot", str(Path(tmp) / "missing.csv"), str(plots)], capture_output=True, text=True)
        expect(bad.returncode == 2 and bad.stderr.count("\n") == 1 and "missing.csv" in bad.stderr,
               f"missing CSV: exit {bad.returncode}, stderr {bad.stderr!r}")


def check_plots(folder, mode):
    for kind in ("speedup", "efficiency"):
        png = folder / f"{kind}-{mode}.png"
        svg = folder / f"{kind}-{mode}.svg"
        expect(png.is_file() and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", f"{png} missing or not a PNG")
        try:
            root = ET.parse(svg).getroot()
            expect(root.tag.endswith("svg"), f"{svg} is not an SVG")
        except (ET.ParseError, FileNotFoundError) as e:
            FAILURES.append(f"{svg}: {e}")


def check_small(study, build):
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "study"
        proc = run([study, "run", "--build", build, "--size", "3000", "--reps", "2", "--drivers", "serial,openmp,mpi",
                    "--ranks", "1,2", "--threads", "1,2", "--out", str(out)])
        rows = list(csv.DictReader(open(out / "runs.csv"))) if (out / "runs.csv").exists() else []
        # serial 1 + openmp 2 + mpi 2 configurations, twice each
        expect(len(rows) == 10, f"expected 10 rows, got {len(rows)}")
        expect(all(r["exit_code"] == "0" for r in rows), "a run failed")
        counts = {r["count"] for r in rows}
        expect(len(counts) == 1, f"drivers disagree on the prime count: {counts}")
        expect({(r["driver"], r["workers"]) for r in rows} ==
               {("serial", "1"), ("openmp", "1"), ("openmp", "2"), ("mpi", "1"), ("mpi", "2")},
               "configurations differ from the plan")
        expect(all(float(r["compute_seconds"]) > 0 for r in rows), "a row lacks its compute time")
        expect("serial fraction f =" in proc.stdout, f"no serial fraction printed: {proc.stdout!r}")
        check_plots(out, "strong")
        # 'one' appends to an existing CSV, with the same columns.
        run([study, "one", "--build", build, "--size", "3000", "--driver", "mpi", "--ranks", "2", "--csv",
             str(out / "runs.csv")])
        rows = list(csv.DictReader(open(out / "runs.csv")))
        expect(len(rows) == 11 and rows[-1]["driver"] == "mpi" and rows[-1]["ranks"] == "2",
               "'one' did not append its row")
        bad = subprocess.run([study, "one", "--build", build, "--driver", "serial", "--ranks", "2", "--csv",
                              str(out / "runs.csv")], capture_output=True, text=True)
        expect(bad.returncode == 2 and "cannot run 2 ranks" in bad.stderr, f"serial with 2 ranks: {bad.stderr!r}")


def main():
    what, study = sys.argv[1], sys.argv[2]
    if what == "fit":
        check_fit(study)
    else:
        check_small(study, sys.argv[3])
    for f in FAILURES:
        print("check_scaling_study:", f)
    if not FAILURES:
        print(f"check_scaling_study: {what}: ok")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
