#!/usr/bin/env python3
"""Tests of bench/scaling-study.

  check_scaling_study.py fit STUDY          the fits recover known serial fractions, and leave out
                                            oversubscribed runs (more workers than cores)
  check_scaling_study.py small STUDY BUILD  a small real study: its CSV and both plots"""
import os
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


def oversubscribed_csv(path, mode, fraction, cores, workers, mark):
    """Like synthetic_csv, on a host of `cores` cores: runs up to `cores` workers follow the
    law exactly; beyond, the workers share the cores and gain nothing over `cores` workers
    (10% slower), so a fit that kept them would find a much larger f. mark="column" writes
    the oversubscribed column, mark="cores" only the cores column (a CSV from before the
    column existed: the study must derive it), mark="none" neither (nothing is known)."""
    header = ["mode", "driver", "ranks", "threads", "workers", "rep", "compute_seconds", "wall_seconds", "exit_code"]
    header += {"column": ["oversubscribed"], "cores": ["cores"], "none": []}[mark]

    def law(p):
        if mode == "strong":
            return 10.0 * (fraction + (1 - fraction) / p)
        return 10.0 * p / (p - fraction * (p - 1))
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=header)
        w.writeheader()
        for p in workers:
            # Weak scaling: p workers do p times the work of one, so beyond the cores time grows with p.
            t = law(p) if p <= cores else 1.1 * law(cores) * (p / cores if mode == "weak" else 1)
            for rep, noise in enumerate((0.98, 1.0, 1.02), start=1):
                row = {"mode": mode, "driver": "hybrid", "ranks": p, "threads": 1, "workers": p, "rep": rep,
                       "compute_seconds": f"{t * noise:.9f}", "wall_seconds": f"{t * noise + 0.5:.9f}", "exit_code": 0}
                if mark == "column":
                    row["oversubscribed"] = int(p > cores)
                elif mark == "cores":
                    row["cores"] = cores
                w.writerow(row)


def printed_fraction(out, mode):
    """The f of the 'MODE hybrid: serial fraction F' line, else None."""
    line = next((l for l in out.splitlines() if l.startswith(f"{mode} hybrid:")), "")
    try:
        return float(line.rsplit(" ", 1)[1])
    except (IndexError, ValueError):
        return None


def svg_text(path):
    try:
        return " ".join("".join(e.itertext()) for e in ET.parse(path).getroot().iter() if e.tag.endswith("text"))
    except (ET.ParseError, FileNotFoundError) as e:
        FAILURES.append(f"{path}: {e}")
        return ""


def check_oversubscribed(study, tmp):
    """Runs with more workers than cores are left out of the fits, and the output says so."""
    for mode, fraction in (("strong", 0.1), ("weak", 0.25)):
        fits = {}
        for mark in ("column", "cores", "none"):
            path = Path(tmp) / f"over-{mode}-{mark}.csv"
            oversubscribed_csv(path, mode, fraction, 4, (1, 2, 4, 8, 16), mark)
            out = run([study, "fit", str(path)]).stdout
            fits[mark] = printed_fraction(out, mode)
            if mark != "none":
                expect(fits[mark] is not None and abs(fits[mark] - fraction) < 0.002,
                       f"{mode}, oversubscribed marked by {mark}: fit {fits[mark]}, expected about {fraction} "
                       f"(the runs with 8 and 16 workers on 4 cores must be left out): {out!r}")
                note = "fit over 9 runs with workers <= cores; 6 oversubscribed runs left out"
                expect(note in out, f"{mode}, oversubscribed marked by {mark}: no {note!r} in {out!r}")
        # Without the marks every run counts, and f moves clearly: the data really tells the cases apart.
        expect(fits["none"] is not None and abs(fits["none"] - fraction) > 0.05,
               f"{mode}: keeping the oversubscribed runs should change f clearly, got {fits['none']}")
    out = run([study, "fit", str(Path(tmp) / "over-strong-cores.csv")]).stdout
    expect("(workers 8, 16 on 4 cores)" in out, f"fit does not name the oversubscribed runs: {out!r}")
    # The plots: a key entry, the runs drawn apart, the core count marked; the fit left them out.
    plots = Path(tmp) / "over-plots"
    out = run([study, "plot", str(Path(tmp) / "over-strong-cores.csv"), str(plots)]).stdout
    expect("serial fraction f = 0.1000" in out or "serial fraction f = 0.0999" in out or
           "serial fraction f = 0.1001" in out, f"plot did not fit f = 0.1000 without the oversubscribed runs: {out!r}")
    expect("fit over 9 runs with workers <= cores; 6 oversubscribed runs left out" in out,
           f"plot does not say what its fit left out: {out!r}")
    check_plots(plots, "strong")
    for kind in ("speedup", "efficiency"):
        text = svg_text(plots / f"{kind}-strong.svg")
        for wanted in ("oversubscribed (workers > cores)", "4 cores", "hybrid: Amdahl fit, f = 0.100"):
            expect(wanted in text, f"{kind}-strong.svg lacks {wanted!r}")
    data = (plots / "scaling-strong.dat").read_text() if (plots / "scaling-strong.dat").exists() else ""
    expect("# hybrid oversubscribed (workers > cores)\n8 " in data, f"oversubscribed runs not in a block of their own: {data!r}")
    # Too few runs left: 1 core, so 2 workers oversubscribe it and only the baseline remains.
    path = Path(tmp) / "too-few.csv"
    oversubscribed_csv(path, "strong", 0.1, 1, (1, 2), "cores")
    out = run([study, "fit", str(path)]).stdout
    expect("strong hybrid: cannot fit a serial fraction: runs at only 1 worker count (1) with workers <= cores, "
           "needs 2 or more; 3 oversubscribed runs left out (workers 2 on 1 core)" in out,
           f"too few runs: no clear 'cannot fit' line in {out!r}")
    expect(printed_fraction(out, "strong") is None, f"too few runs, yet a fraction was printed: {out!r}")
    plots = Path(tmp) / "too-few-plots"
    out = run([study, "plot", str(path), str(plots)]).stdout
    expect("strong scaling, hybrid: cannot fit a serial fraction" in out and "serial fraction f =" not in out,
           f"plot with too few runs: {out!r}")
    text = svg_text(plots / "speedup-strong.svg")
    expect("Amdahl fit" not in text and "oversubscribed (workers > cores)" in text,
           f"speedup-strong.svg with too few runs: a fit curve, or no oversubscribed key entry: {text!r}")


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
        check_oversubscribed(study, tmp)


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
        cores = len(os.sched_getaffinity(0))
        expect(rows and "oversubscribed" in rows[0], "runs.csv has no oversubscribed column")
        expect(all(r.get("oversubscribed") == str(int(int(r["workers"]) > int(r["cores"]))) for r in rows),
               f"oversubscribed is not workers > cores in every row: "
               f"{[(r['workers'], r['cores'], r.get('oversubscribed')) for r in rows]}")
        check_plots(out, "strong")
        # 'one' appends to an existing CSV, with the same columns.
        run([study, "one", "--build", build, "--size", "3000", "--driver", "mpi", "--ranks", "2", "--csv",
             str(out / "runs.csv")])
        rows = list(csv.DictReader(open(out / "runs.csv")))
        expect(len(rows) == 11 and rows[-1]["driver"] == "mpi" and rows[-1]["ranks"] == "2",
               "'one' did not append its row")
        # More threads than cores: the row says it is oversubscribed.
        run([study, "one", "--build", build, "--size", "3000", "--driver", "openmp", "--threads", str(cores + 1),
             "--csv", str(out / "runs.csv")])
        rows = list(csv.DictReader(open(out / "runs.csv")))
        expect(len(rows) == 12 and rows[-1]["workers"] == str(cores + 1) and rows[-1]["cores"] == str(cores)
               and rows[-1].get("oversubscribed") == "1", f"{cores + 1} threads on {cores} cores not marked: {rows[-1]}")
        fit = run([study, "fit", str(out / "runs.csv")]).stdout
        expect("strong openmp: serial fraction" in fit and "1 oversubscribed run left out" in fit,
               f"fit did not leave the oversubscribed openmp run out: {fit!r}")
        # 'one' appending to a CSV from before the column: the file is rewritten under the new header,
        # the old rows get the column derived from workers and cores, and every column stays in place.
        old = out / "old.csv"
        fields = [f for f in rows[0] if f != "oversubscribed"]
        with open(old, "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=fields, extrasaction="ignore")
            w.writeheader()
            w.writerows(rows)
        run([study, "one", "--build", build, "--size", "3000", "--driver", "serial", "--csv", str(old)])
        upgraded = list(csv.DictReader(open(old)))
        expect(len(upgraded) == 13 and all(u.get(k) == r[k] for u, r in zip(upgraded, rows) for k in rows[0])
               and upgraded[-1]["driver"] == "serial" and upgraded[-1].get("oversubscribed") == "0"
               and upgraded[-1].get("exit_code") == "0",
               f"'one' on an old CSV: rows differ after the rewrite: {upgraded[-2:]}")
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
