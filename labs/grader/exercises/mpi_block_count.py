"""mpi-block-count: a range split into one block per rank, the counts combined
with a reduction."""
import re

from .. import report
from ..blocks import block_problem, parse_blocks

NAME = "mpi-block-count"
ORDER = 1
SUMMARY = "count a range's primes, one block per rank, combined with MPI_Reduce"
HANDOUT = "labs/14-mpi-first-steps.md"

TOTAL = re.compile(r"^total: (\d+) primes in \[(\d+), (\d+)\]$")

# Every rank count on ranges no rank count divides (101 numbers, 10^6 with 3),
# then edge inputs: one number, more ranks than numbers, no prime at all.
RUNS = [(ranks, 0, 100) for ranks in (1, 2, 3, 4)] + [(ranks, 1, 10**6) for ranks in (1, 2, 3, 4)] + [
    (4, 2, 2), (4, 5, 7), (3, 0, 1), (3, 10**12, 10**12 + 99_999)]


def _total(lines):
    totals = [TOTAL.match(line.strip()) for line in lines]
    totals = [match for match in totals if match]
    return int(totals[0].group(1)) if len(totals) == 1 else None, len(totals)


def check_run(grading, ranks, lo, hi):
    name = f"{ranks} rank{'s' if ranks > 1 else ''} on [{lo}, {hi}]"
    run = grading.mpirun(ranks, lo, hi)
    problem = grading.run_problem(name, run)
    if problem:
        return problem, run
    blocks = parse_blocks(run.lines)
    wrong = block_problem(blocks, ranks, lo, hi)
    if wrong:
        return report.failed(name, *wrong), run
    expected = grading.reference.count(lo, hi)
    total, lines = _total(run.lines)
    if lines != 1:
        return report.failed(name, "one 'total: ...' line, from rank 0", f"{lines} total lines",
                             "only rank 0 prints the total"), run
    if total != expected:
        own = blocks[0][0][2]
        if ranks > 1 and total == own and own != expected:
            hint = (f"{total} is rank 0's own count: combine every rank's count on rank 0 with "
                    "MPI_Reduce (MPI_SUM)")
        else:
            hint = "the total is the sum of every rank's count, combined on rank 0"
        return report.failed(name, f"total {expected:,} (primes --range {lo} {hi})", f"total {total:,}", hint), run
    return report.passed(name, f"{total:,} primes"), run


def grade(grading):
    multi_rank_runs = []
    for ranks, lo, hi in RUNS:
        check, run = check_run(grading, ranks, lo, hi)
        yield check
        if ranks > 1 and check.passed:
            multi_rank_runs.append(run)
    name = "the counts are combined with a reduction"
    if not multi_rank_runs:
        yield report.failed(name, "a correct run with 2 ranks or more to look at", "none",
                            "fix the checks above first")
        return
    run = multi_rank_runs[-1]
    reducing = run.called("MPI_Reduce", "MPI_Allreduce")
    if reducing != set(range(run.ranks)):
        sending = run.called("MPI_Send", "MPI_Ssend", "MPI_Isend", "MPI_Gather")
        hint = ("every rank takes part in one MPI_Reduce (or MPI_Allreduce) with MPI_SUM" +
                ("; the messages you send by hand are what a reduction does for you" if sending else ""))
        missing = sorted(set(range(run.ranks)) - reducing)
        yield report.failed(name, f"every one of {run.ranks} ranks calls MPI_Reduce or MPI_Allreduce",
                            f"rank {', '.join(map(str, missing))} did not", hint)
        return
    yield report.passed(name, "every rank called " + ("MPI_Reduce" if run.called("MPI_Reduce") else "MPI_Allreduce"))
