"""mpi-io-list: every rank writes the primes of its block into one shared file
with MPI-IO, at an offset from an exclusive prefix sum of the byte counts."""
import os
import re

from .. import report

NAME = "mpi-io-list"
ORDER = 8
SUMMARY = "write a range's primes into one file with MPI-IO: offsets by MPI_Exscan, one collective write"
HANDOUT = "labs/17-mpi-io-and-downloads.md"

RANK_LINE = re.compile(r"^rank (\d+) of (\d+): (?:numbers (\d+) to (\d+)|no numbers), (\d+) primes, "
                       r"(\d+) bytes at offset (-?\d+)$")

# Every rank count on a range none of them divides; blocks of thousands of
# primes (and of longer numbers); then no primes at all, a rank with no primes
# between two that have some, and ranks with no numbers.
RUNS = [(ranks, 0, 100) for ranks in (1, 2, 3, 4)] + [
    (3, 1, 10**6), (4, 10**12, 10**12 + 199_999), (3, 24, 28), (4, 5, 7), (4, 0, 1)]
# A longer file is at the target before this run: it must not keep its tail.
STALE_RUN = (3, 0, 1000)
STALE_LINE = b"a line left over from an earlier run\n"

COLLECTIVE_WRITES = ("MPI_File_write_at_all", "MPI_File_write_all", "MPI_File_write_ordered")
INDEPENDENT_WRITES = ("MPI_File_write_at", "MPI_File_write")
PREFIX_SUMS = ("MPI_Exscan", "MPI_Scan")


def _run_name(ranks, lo, hi):
    return f"{ranks} rank{'s' if ranks > 1 else ''} on [{lo}, {hi}]"


def _show(data, limit=36):
    """Bytes as a quoted string a student can read: newlines as \\n, and a
    hole (bytes no rank wrote, which read as zero) as <N zero bytes>."""
    shown, i = [], 0
    while i < len(data) and len(shown) < limit:
        if data[i] == 0:
            end = i
            while end < len(data) and data[end] == 0:
                end += 1
            shown.append(f"<{end - i} zero bytes>")
            i = end
            continue
        c = chr(data[i])
        shown.append("\\n" if c == "\n" else "\\\\" if c == "\\" else c if " " <= c <= "~" else f"\\x{data[i]:02x}")
        i += 1
    return f'"{"".join(shown)}{"..." if len(data) > i else ""}"'


def _rank_lines(lines, ranks):
    """rank -> (bytes, offset) from the ranks' lines, or None unless every rank
    printed exactly one."""
    found = {}
    for line in lines:
        match = RANK_LINE.match(line.strip())
        if match:
            found.setdefault(int(match.group(1)), []).append((int(match.group(6)), int(match.group(7))))
    if sorted(found) != list(range(ranks)) or any(len(entries) != 1 for entries in found.values()):
        return None
    return {rank: entries[0] for rank, entries in found.items()}


def _where(expected, got):
    """Where the file first differs from the list, as the 'got' text."""
    first = next((i for i, (a, b) in enumerate(zip(expected, got)) if a != b), min(len(expected), len(got)))
    line = expected.count(b"\n", 0, first) + 1
    if first == len(got):
        return (f"{len(got):,} bytes: the file ends at line {line}, where the list goes on with "
                f"{_show(expected[first:])}")
    if first == len(expected):
        return f"{len(got):,} bytes: after the list's last line the file goes on with {_show(got[first:])}"
    start = expected.rfind(b"\n", 0, first) + 1
    return (f"{len(got):,} bytes, the first difference at byte {first:,} (line {line}): "
            f"expected {_show(expected[start:])}, got {_show(got[start:])}")


def _order_hint(expected, got):
    """A hint when the file holds exactly the list's lines, but not in order."""
    got_lines, expected_lines = got.split(b"\n"), expected.split(b"\n")
    if sorted(got_lines) != sorted(expected_lines):
        return None
    numbers = [int(line) for line in got_lines if line.isdigit()]
    step = next((i for i in range(len(numbers) - 1) if numbers[i] > numbers[i + 1]), None)
    where = f" (line {step + 2} holds {numbers[step + 1]} after {numbers[step]})" if step is not None else ""
    return (f"every prime is in the file, but not in order{where}: rank r's text must be the block that "
            "comes right after rank r - 1's, so use contiguous blocks in rank order (a cyclic split spreads "
            "each rank's primes over the whole list)")


def _offset_hint(run, written):
    """A hint from the offsets the ranks printed, when one is not the sum of
    the byte counts before it; None when they all are."""
    before, starts = 0, []
    for rank in range(run.ranks):
        starts.append(before)
        before += written[rank][0]
    wrong = [rank for rank in range(run.ranks) if written[rank][1] != starts[rank]]
    if not wrong:
        return None
    rank = wrong[0]
    bytes_, offset = written[rank]
    scan, exscan = run.called("MPI_Scan"), run.called("MPI_Exscan")
    if run.ranks > 1 and all(written[r][1] == 0 for r in range(run.ranks)):
        return ("every rank wrote at offset 0, over the others' text: a rank's offset is the sum of the byte "
                "counts of the ranks before it, an exclusive prefix sum (MPI_Exscan with MPI_SUM)")
    inclusive = offset == starts[rank] + bytes_
    if inclusive and (scan or not exscan) and bytes_ > 0:
        return (f"rank {rank} wrote at offset {offset} = {starts[rank]} + its own {bytes_} bytes: that is where "
                "its text ends, not where it starts. MPI_Scan is inclusive (it adds the rank's own count): "
                "subtract the rank's own bytes, or use MPI_Exscan")
    if rank == 0:
        if exscan:
            held = "its own byte count, left as it was" if offset == bytes_ else "whatever the variable held"
            return (f"rank 0 wrote at offset {offset}, not 0 ({held}): rank 0's MPI_Exscan result is undefined "
                    "by the standard, so set rank 0's offset to 0 yourself")
        return f"rank 0 wrote at offset {offset}: the first rank's text starts the file, at offset 0"
    if offset == rank * bytes_:
        return (f"rank {rank} wrote at offset {rank} x its own {bytes_} bytes, as if every rank's text had the "
                "same length; it does not (the primes thin out and grow longer): the offset is the sum of the "
                f"byte counts of ranks 0 to {rank - 1}, an exclusive prefix sum (MPI_Exscan)")
    return (f"rank {rank} wrote at offset {offset}, but ranks 0 to {rank - 1} wrote {starts[rank]} bytes before "
            "it: its offset must be their sum, an exclusive prefix sum of the byte counts (MPI_Exscan)")


def _difference_hint(run, expected, got, stale):
    """The likeliest cause of a file that differs from the list."""
    if stale is not None and len(got) > len(expected) and got.startswith(expected) and \
            got[len(expected):] == stale[len(expected):]:
        return (f"the list is right, but the file still ends with the last {len(got) - len(expected):,} bytes "
                "of the longer file that was there before the run: MPI_MODE_CREATE does not empty an existing "
                "file. Cut it to the list's length with MPI_File_set_size after the write (TODO 3)")
    if not got and expected:
        return "the file is empty: no rank wrote its text into it"
    written = _rank_lines(run.lines, run.ranks)
    if written is not None:
        total = sum(bytes_ for bytes_, _ in written.values())
        if total != len(expected):
            return (f"the ranks' byte counts add up to {total:,}, but the list has {len(expected):,} bytes: "
                    "each rank must list exactly the primes of its block, one per line")
        hint = _offset_hint(run, written)
        if hint:
            return hint
    hint = _order_hint(expected, got)
    if hint:
        return hint
    if b"\0" in got:
        return (f"the file has a hole (bytes no rank wrote, which read as zero) at byte {got.index(0):,}: the ranks' "
                "texts must follow each other, each at the sum of the byte counts of the ranks before it")
    if len(got) > len(expected) and got.startswith(expected):
        return "a rank wrote past the end of the list: the last rank's text must end where the list ends"
    if len(got) < len(expected) and expected.startswith(got):
        return "the end of the list is missing: every rank, the last one too, must write its text"
    return ("the offsets the ranks printed are right, so look at the write itself: each rank writes "
            "text.size() bytes of MPI_CHAR from text.data() at its own offset")


def check_run(grading, ranks, lo, hi, stale=None, name=None):
    name = name or _run_name(ranks, lo, hi)
    target = grading.path(f"list-{ranks}-{lo}-{hi}{'-stale' if stale else ''}.txt")
    if os.path.exists(target):
        os.remove(target)
    if stale is not None:
        with open(target, "wb") as handle:
            handle.write(stale)
    run = grading.mpirun(ranks, lo, hi, target)
    problem = grading.run_problem(name, run)
    if problem:
        return problem, run
    expected = grading.reference.list_bytes(lo, hi)
    if not os.path.isfile(target):
        return report.failed(name, f"the list in {os.path.basename(target)}", "no file",
                             "every rank opens the file together with MPI_File_open(MPI_COMM_WORLD, path, "
                             "MPI_MODE_CREATE | MPI_MODE_WRONLY, ...)"), run
    with open(target, "rb") as handle:
        got = handle.read()
    lines = expected.count(b"\n")
    if got == expected:
        what = f"{len(expected):,} bytes, {lines:,} primes" if expected else "an empty file (no primes)"
        return report.passed(name, what + ", byte for byte the serial list"), run
    if expected:
        wanted = f"the {len(expected):,} bytes ({lines:,} lines) of primes --range {lo} {hi} --list, byte for byte"
    else:
        wanted = f"an empty file: [{lo}, {hi}] holds no prime"
    return report.failed(name, wanted, _where(expected, got), _difference_hint(run, expected, got, stale)), run


def _stale_content(grading):
    """A file longer than the stale run's list, made of lines no list holds."""
    length = len(grading.reference.list_bytes(STALE_RUN[1], STALE_RUN[2]))
    return STALE_LINE * (length // len(STALE_LINE) + 20)


def _calls_check(name, runs, wanted, describe, hint_for):
    """Every rank of every run made one of the `wanted` calls."""
    for run in runs:
        missing = sorted(set(range(run.ranks)) - run.called(*wanted))
        if missing:
            return report.failed(name, f"every one of {run.ranks} ranks calls {describe}",
                                 f"rank {', '.join(map(str, missing))} did not", hint_for(run))
    used = sorted({call for run in runs for call in wanted if run.called(call)})
    return report.passed(name, "every rank called " + " or ".join(used))


def _prefix_hint(run):
    if run.called("MPI_Allgather", "MPI_Gather", "MPI_Send", "MPI_Isend"):
        return ("the byte counts were collected by hand: MPI_Exscan gives each rank the sum of the counts of "
                "the ranks before it in one collective call")
    return "compute each rank's offset with MPI_Exscan (MPI_OFFSET, MPI_SUM), every rank taking part"


def _collective_hint(run):
    if run.called(*INDEPENDENT_WRITES):
        return ("MPI_File_write_at is independent: each rank writes on its own. Use the collective "
                "MPI_File_write_at_all (or MPI_File_set_view + MPI_File_write_all), which every rank calls "
                "together, also ranks with nothing to write")
    return ("every rank writes its text with MPI_File_write_at_all into the file all ranks opened, also ranks "
            "with nothing to write (count 0)")


def grade(grading):
    multi_rank_runs = []
    for ranks, lo, hi in RUNS:
        check, run = check_run(grading, ranks, lo, hi)
        yield check
        if ranks > 1 and check.passed:
            multi_rank_runs.append(run)
    ranks, lo, hi = STALE_RUN
    check, run = check_run(grading, ranks, lo, hi, stale=_stale_content(grading),
                           name=f"{ranks} ranks on [{lo}, {hi}] over a longer file from an earlier run")
    yield check
    if check.passed:
        multi_rank_runs.append(run)

    prefix_name = "the offsets come from a prefix sum (MPI_Exscan or MPI_Scan)"
    collective_name = "the file is written with a collective write"
    if not multi_rank_runs:
        for name in (prefix_name, collective_name):
            yield report.failed(name, "a correct run with 2 ranks or more to look at", "none",
                                "fix the checks above first")
        return
    if all(run.called("MPI_File_write_ordered") == set(range(run.ranks)) for run in multi_rank_runs):
        yield report.passed(prefix_name, "MPI_File_write_ordered: the shared file pointer sums the offsets")
    else:
        yield _calls_check(prefix_name, multi_rank_runs, PREFIX_SUMS, "MPI_Exscan or MPI_Scan", _prefix_hint)
    yield _calls_check(collective_name, multi_rank_runs, COLLECTIVE_WRITES,
                       "MPI_File_write_at_all, MPI_File_write_all or MPI_File_write_ordered", _collective_hint)
