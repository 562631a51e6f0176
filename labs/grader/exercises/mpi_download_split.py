"""mpi-download-split: a URL list split over the ranks, each rank downloading
its share from the kit's fileserver; rank 0 prints how much the downloads
overlapped."""
import ctypes
import hashlib
import math
import os
import re
import signal
import subprocess
import time

from .. import report

NAME = "mpi-download-split"
ORDER = 9
SUMMARY = "split a URL list over the ranks, each downloading its share with libcurl; overlap of the waits"
HANDOUT = "labs/17-mpi-io-and-downloads.md"

SERVER_FILES = 12
FILE_SIZE = 20_000  # bytes: not a power of two, so a short or padded file shows
LATENCY_MS = 100

# (ranks, files): every rank count, file counts the ranks do not divide, and
# fewer files than ranks.
RUNS = [(1, 5), (2, 5), (3, 7), (4, 10), (4, 3)]
OVERLAP_RUN = (4, SERVER_FILES)
# 4 ranks that each wait 3 x 100 ms at the same time give an overlap near 4;
# one rank at a time gives 1. Half-way leaves room for a loaded machine.
MIN_OVERLAP = 2.0

FILE_LINE = re.compile(r"^rank (\d+) of (\d+) downloaded (.+): (\d+) bytes$")
RANK_LINE = re.compile(r"^rank (\d+) of (\d+): (\d+) files?, (\d+) bytes, busy (\d+(?:\.\d+)?) s to "
                       r"(\d+(?:\.\d+)?) s$")
OVERLAP_LINE = re.compile(r"^overlap (\d+(?:\.\d+)?): (\d+(?:\.\d+)?) s of downloads in (\d+(?:\.\d+)?) s$")
NOTHING_LINE = "overlap: nothing was downloaded"


class ServerError(Exception):
    pass


def _stop_with_parent():
    """In the server's child process before it runs: Linux sends it SIGTERM
    when the grader dies (killed by a time limit, say), so no server outlives
    it. Elsewhere, or without libc, the `with` block alone stops it."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class FileServer:
    """The kit's fileserver on 127.0.0.1 and a free port, for the time of a
    `with` block: stopped with SIGTERM at its end, also when a check failed."""

    def __init__(self, grading, files, size, latency_ms):
        self.program = os.path.join(grading.build_dir, "fileserver")
        self.port_file = grading.path("fileserver.port")
        self.url_list = grading.path("fileserver-urls.txt")
        self.log = grading.path("fileserver.log")
        self.arguments = ["--synthetic", str(files), "--size", str(size), "--latency-ms", str(latency_ms),
                          "--port", "0", "--port-file", self.port_file, "--url-list", self.url_list, "--quiet"]
        self.process = None
        self.entries = []  # (url, sha256), in list order

    def __enter__(self):
        if not os.access(self.program, os.X_OK):
            raise ServerError(f"{self.program} is missing: build the project first")
        with open(self.log, "w") as log:
            self.process = subprocess.Popen([self.program, *self.arguments], stdin=subprocess.DEVNULL,
                                            stdout=log, stderr=subprocess.STDOUT, preexec_fn=_stop_with_parent)
        deadline = time.monotonic() + 15
        while not os.path.isfile(self.port_file):  # written once listening, after the URL list
            if self.process.poll() is not None or time.monotonic() > deadline:
                self._stop()
                with open(self.log, errors="replace") as log:
                    said = log.read().strip().splitlines()
                raise ServerError("the fileserver did not start" + (f": {said[-1]}" if said else ""))
            time.sleep(0.05)
        with open(self.url_list) as handle:
            for line in handle:
                url, _, digest = line.strip().partition(" sha256=")
                if url:
                    self.entries.append((url, digest))
        return self

    def _stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __exit__(self, *exc):
        self._stop()
        return False


def _file_name(url):
    return url.rstrip("/").rsplit("/", 1)[-1]


def _ranks_text(ranks):
    ranks = sorted(ranks)
    return f"rank {ranks[0]}" if len(ranks) == 1 else "ranks " + ", ".join(map(str, ranks))


def _parse(lines):
    downloads, summaries, overlaps = {}, {}, []
    for line in lines:
        line = line.strip()
        if match := FILE_LINE.match(line):
            downloads.setdefault(match.group(3), []).append(int(match.group(1)))
        elif match := RANK_LINE.match(line):
            summaries.setdefault(int(match.group(1)), []).append(
                (int(match.group(3)), float(match.group(5)), float(match.group(6))))
        elif match := OVERLAP_LINE.match(line):
            overlaps.append(float(match.group(1)))
        elif line == NOTHING_LINE:
            overlaps.append(None)
    return downloads, summaries, overlaps


def _share_problem(entries, downloads, ranks):
    """(expected, got, hint) for the first thing wrong with who downloaded
    what, or None when every file was downloaded once, in fair shares."""
    names = [_file_name(url) for url, _ in entries]
    count = len(names)
    once = f"each of the {count} files downloaded by exactly one rank"
    missed = [i for i, name in enumerate(names) if name not in downloads]
    if missed:
        listed = ", ".join(f"{names[i]} (line {i + 1}{', the last' if i == count - 1 else ''})" for i in missed[:3])
        more = f" and {len(missed) - 3} more" if len(missed) > 3 else ""
        return (once, f"{listed}{more} downloaded by no rank",
                f"with {ranks} rank{'s' if ranks > 1 else ''} over {count} files the shares must cover every "
                f"index from 0 to {count - 1}: look at where each share ends (an exclusive end is first + "
                "length, an inclusive last index first + length - 1, and a loop with < stops before it) and at "
                f"whether the remainder of {count} / {ranks} is handed out")
    twice = [name for name in names if len(downloads[name]) > 1]
    if twice:
        name = twice[0]
        if all(len(set(downloads[n])) == ranks for n in names):
            hint = (f"every rank downloaded the whole list: each rank takes only its share (rank r of {ranks}: a "
                    f"block of consecutive URLs, or the URLs r, r + {ranks}, r + {2 * ranks}, ...)")
        else:
            hint = "the shares overlap: each URL must be in exactly one rank's share"
        return (once, f"{name} downloaded {len(downloads[name])} times, by {_ranks_text(downloads[name])}", hint)
    strangers = sorted(set(downloads) - set(names))
    if strangers:
        return (once, f"{strangers[0]} downloaded, which is not in the list",
                "the file names come from the URLs of the list")
    per_rank = {rank: 0 for rank in range(ranks)}
    for name in names:
        per_rank[downloads[name][0]] = per_rank.get(downloads[name][0], 0) + 1
    fair = math.ceil(count / ranks)
    rank, most = max(per_rank.items(), key=lambda item: item[1])
    if most > fair:
        if most == count:
            got = f"rank {rank} downloaded all {count} files and the other ranks none"
        else:
            got = f"rank {rank} downloaded {most} files, more than ceil({count} / {ranks}) = {fair}"
        low = count // ranks
        spread = f"{low} or {low + 1}" if count % ranks else f"{low}"
        return (f"no rank with more than {fair} of the {count} files", got,
                f"split the list over the {ranks} ranks, block or cyclic, so each gets {spread} files; the "
                "remainder goes one file each to several ranks, not all to one")
    return None


def _disk_problem(entries, out_dir):
    """(expected, got, hint) for the first file missing or wrong on disk."""
    names = [_file_name(url) for url, _ in entries]
    present = set(os.listdir(out_dir)) if os.path.isdir(out_dir) else set()
    for name, (_, digest) in zip(names, entries):
        path = os.path.join(out_dir, name)
        if name not in present:
            return (f"{name} in the output folder", "no such file",
                    "a rank said it downloaded it, but the file is missing: it must be saved under OUT_DIR/NAME")
        with open(path, "rb") as handle:
            data = handle.read()
        got = hashlib.sha256(data).hexdigest()
        if got != digest:
            return (f"{name}: {FILE_SIZE:,} bytes, sha256 {digest[:16]}...",
                    f"{len(data):,} bytes, sha256 {got[:16]}...",
                    "the file must hold exactly the bytes the server sent: write every piece libcurl hands the "
                    "write callback, and close the file before it is renamed")
    extra = sorted(present - set(names))
    if extra:
        return ("only the list's files in the output folder", f"also {extra[0]}",
                "a temporary file was left behind: remove it when a download fails, rename it when it succeeds")
    return None


def _overlap_problem(summaries, overlaps, ranks):
    """(expected, got, hint) when the rank lines or the overlap line are
    missing or disagree; else (None, overlap)."""
    for rank in range(ranks):
        if len(summaries.get(rank, [])) != 1:
            return ("one 'rank R of N: F files, B bytes, busy A s to E s' line per rank",
                    f"{len(summaries.get(rank, []))} such lines from rank {rank}",
                    "every rank prints its summary once, also a rank with no files"), None
    times = [summaries[rank][0][1:] for rank in range(ranks)]
    busy = sum(end - begin for begin, end in times)
    wall = max(end for _, end in times)
    computed = busy / wall if wall > 0 else 0.0
    if len(overlaps) != 1:
        return ("one 'overlap X: ...' line, from rank 0", f"{len(overlaps)} overlap lines",
                "only rank 0 prints the overlap, once, after it gathered every rank's times"), None
    printed = overlaps[0]
    if printed is None:
        if wall == 0:
            return None, computed
        return (f"overlap {computed:.2f}, from the {ranks} ranks' lines", f"'{NOTHING_LINE}'",
                "rank 0 downloaded nothing itself, but the other ranks did: gather every rank's start and end on "
                "rank 0 (MPI_Gather of 2 doubles per rank) before computing the overlap"), None
    if abs(printed - computed) > 0.05 + 0.03 * computed:
        begin0, end0 = times[0]
        own = (end0 - begin0) / end0 if end0 > 0 else 0.0
        if ranks > 1 and abs(printed - own) <= 0.05 + 0.03 * own:
            hint = ("rank 0 counted only its own times: gather every rank's start and end on rank 0 "
                    "(MPI_Gather of 2 doubles per rank), then sum the busy times and take the latest end")
        else:
            hint = ("the overlap is the sum of every rank's busy time (end - start) divided by the wall time, the "
                    "latest end of any rank")
        return (f"overlap {computed:.2f}, from the {ranks} ranks' lines", f"overlap {printed:.2f}", hint), None
    return None, computed


def check_run(grading, server, ranks, files, name=None):
    name = name or f"{ranks} rank{'s' if ranks > 1 else ''}, {files} file{'s' if files > 1 else ''}"
    entries = server.entries[:files]
    url_list = grading.path(f"urls-{ranks}-{files}.txt")
    with open(url_list, "w") as handle:
        handle.writelines(f"{url} sha256={digest}\n" for url, digest in entries)
    out_dir = grading.path(f"out-{ranks}-{files}")
    run = grading.mpirun(ranks, url_list, out_dir, env={"no_proxy": "127.0.0.1", "NO_PROXY": "127.0.0.1"})
    problem = grading.run_problem(name, run)
    if problem:
        return problem, run, None
    downloads, summaries, overlaps = _parse(run.lines)
    wrong = _share_problem(entries, downloads, ranks) or _disk_problem(entries, out_dir)
    if wrong:
        return report.failed(name, *wrong), run, None
    wrong, overlap = _overlap_problem(summaries, overlaps, ranks)
    if wrong:
        return report.failed(name, *wrong), run, None
    shares = "/".join(str(summaries[rank][0][0]) for rank in range(ranks))
    return report.passed(name, f"each file once and byte-exact, shares {shares}, overlap {overlap:.2f}"), run, overlap


def _barrier_check(runs):
    name = "the ranks start their clocks together (MPI_Barrier)"
    if not runs:
        return report.failed(name, "a correct run with 2 ranks or more to look at", "none",
                             "fix the checks above first")
    for run in runs:
        missing = sorted(set(range(run.ranks)) - run.called("MPI_Barrier"))
        if missing:
            return report.failed(name, f"every one of {run.ranks} ranks calls MPI_Barrier before MPI_Wtime",
                                 f"{_ranks_text(missing)} did not",
                                 "the ranks start one after another: wait for all of them with MPI_Barrier, then "
                                 "read MPI_Wtime, so that every rank's times count from the same moment")
    return report.passed(name, "every rank called MPI_Barrier")


def grade(grading):
    multi_rank_runs = []
    try:
        with FileServer(grading, SERVER_FILES, FILE_SIZE, LATENCY_MS) as server:
            for ranks, files in RUNS:
                check, run, _ = check_run(grading, server, ranks, files)
                yield check
                if ranks > 1 and check.passed:
                    multi_rank_runs.append(run)
            ranks, files = OVERLAP_RUN
            name = f"{ranks} ranks, {files} files at {LATENCY_MS} ms each: the downloads overlap"
            check, run, overlap = check_run(grading, server, ranks, files, name)
            if check.passed and overlap < MIN_OVERLAP:
                check = report.failed(name, f"an overlap well above 1 with {ranks} ranks (at least {MIN_OVERLAP:g})",
                                      f"overlap {overlap:.2f}",
                                      "the ranks' downloads must run at the same time: each rank starts on its "
                                      "share right after the common start, without waiting for the others "
                                      "between downloads")
            yield check
            if check.passed:
                multi_rank_runs.append(run)
    except ServerError as problem:
        yield report.failed("file server", "the kit's fileserver on 127.0.0.1", str(problem),
                            "the grader serves the files with build/fileserver: build the project")
        return
    yield _barrier_check(multi_rank_runs)
