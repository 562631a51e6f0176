"""mpi-send-results: processes share nothing, so every rank's result reaches
rank 0 in a message, and rank 0 alone prints them, in rank order."""
import re

from .. import report
from ..blocks import BLOCK_LINE, block_problem, parse_blocks

NAME = "mpi-send-results"
ORDER = 2
SUMMARY = "send every rank's result to rank 0 (MPI_Send/MPI_Recv), printed there in rank order"
HANDOUT = "labs/14-mpi-first-steps.md"

TOTAL = re.compile(r"^total: (\d+) primes in \[(\d+), (\d+)\]$")


# Every rank count on a range none of 2, 3, 4 divides, a bigger one, then edge
# inputs: more ranks than numbers, no prime at all, far from zero.
RUNS = [(ranks, 0, 100) for ranks in (1, 2, 3, 4)] + [
    (3, 1, 10**6), (4, 5, 7), (3, 0, 1), (2, 10**12, 10**12 + 99_999)]

SENDS = ("MPI_Send", "MPI_Ssend", "MPI_Isend")
RECEIVES = ("MPI_Recv", "MPI_Irecv")
GATHERS = ("MPI_Gather", "MPI_Gatherv", "MPI_Allgather")


def _listing(ranks):
    ranks = list(ranks)
    if len(ranks) == 1:
        return f"rank {ranks[0]}"
    return "ranks " + ", ".join(map(str, ranks[:-1])) + f" and {ranks[-1]}"


def printer_problem(tagged):
    """(expected, got, hint) when a rank other than 0 printed, else None."""
    others = [(rank, text) for rank, text in tagged if rank != 0 and text]
    if not others:
        return None
    rank, text = others[0]
    who = "an untagged line" if rank is None else f"rank {rank} printed"
    hint = ("only rank 0 prints: the other ranks send their results to rank 0 and print nothing"
            if rank is not None and BLOCK_LINE.match(text) else
            "only rank 0 prints; the other ranks' results reach it in messages")
    return "every line printed by rank 0", f"{who} '{text}'", hint


def order_problem(result_ranks, ranks):
    """(expected, got, hint) when rank 0's result lines are missing, repeated
    or out of rank order, else None."""
    missing = [rank for rank in range(ranks) if rank not in result_ranks]
    if missing:
        got = f"rank 0 printed {len(set(result_ranks))} of {ranks} results"
        if set(result_ranks) <= {0}:
            one = len(missing) == 1
            hint = (f"{got}: a process cannot see another's memory; {_listing(missing)} must send "
                    f"{'its result' if one else 'theirs'} to rank 0 (MPI_Send), and rank 0 must receive "
                    f"{'it' if one else 'them'} (MPI_Recv)")
        else:
            hint = (f"{got}: the result of {_listing(missing)} never reached rank 0; receive from every "
                    f"rank 1 to {ranks - 1}")
        return f"one line per rank, for all {ranks} ranks", got, hint
    repeated = sorted({rank for rank in result_ranks if result_ranks.count(rank) > 1})
    if repeated:
        return ("one line per rank", f"{len(result_ranks)} result lines, rank {repeated[0]}'s twice",
                "rank 0 prints each rank's result once")
    if result_ranks != list(range(ranks)):
        order = ", ".join(map(str, result_ranks))
        return (f"the results in rank order, 0 to {ranks - 1}", f"in the order {order}",
                "receive from rank 1, then rank 2, and so on (or sort by rank) before printing: the messages "
                "may arrive in any order")
    return None


def count_problem(grading, blocks, ranks, lo, hi):
    """(expected, got, hint) for the first rank whose prime count is wrong."""
    for rank in range(ranks):
        first, last, primes = blocks[rank][0]
        expected = 0 if first is None else grading.reference.count_between(lo, hi, first, last)
        if primes != expected:
            span = "no numbers" if first is None else f"[{first}, {last}]"
            hint = (f"rank 0 printed {primes} primes for rank {rank}, whose block {span} holds {expected}: "
                    "the message must carry all three values (first, numbers, primes) unchanged")
            return (f"rank {rank}: {expected} prime{'' if expected == 1 else 's'} in {span}",
                    f"{primes} prime{'' if primes == 1 else 's'}", hint)
    return None


def _totals(tagged):
    return [int(m.group(1)) for m in (TOTAL.match(text) for rank, text in tagged if rank == 0) if m]


def total_problem(grading, tagged, blocks, lo, hi):
    totals = _totals(tagged)
    if len(totals) != 1:
        return ("one 'total: ...' line from rank 0", f"{len(totals)} total lines",
                "rank 0 prints the total once, after the per-rank lines")
    expected = grading.reference.count(lo, hi)
    if totals[0] == expected:
        return None
    own = blocks[0][0][2]
    hint = (f"{totals[0]:,} is rank 0's own count: add the count of every result received"
            if totals[0] == own and own != expected else "the total is the sum of the counts of every rank's result")
    return f"total {expected:,} (primes --range {lo} {hi})", f"total {totals[0]:,}", hint


def output_problem(grading, tagged, ranks, lo, hi):
    """(expected, got, hint) for the first thing wrong with the output, or None."""
    wrong = printer_problem(tagged)
    if wrong:
        return wrong
    rank0 = [text for rank, text in tagged if rank == 0]
    wrong = order_problem([int(m.group(1)) for m in map(BLOCK_LINE.match, rank0) if m], ranks)
    if wrong:
        return wrong
    blocks = parse_blocks(rank0)
    return (block_problem(blocks, ranks, lo, hi) or count_problem(grading, blocks, ranks, lo, hi) or
            total_problem(grading, tagged, blocks, lo, hi))


def check_run(grading, ranks, lo, hi):
    name = f"{ranks} rank{'s' if ranks > 1 else ''} on [{lo}, {hi}]"
    run = grading.mpirun(ranks, lo, hi, tag_output=True)
    problem = grading.run_problem(name, run)
    if problem:
        return problem, run
    wrong = output_problem(grading, run.lines_by_rank(), ranks, lo, hi)
    if wrong:
        return report.failed(name, *wrong), run
    return report.passed(name, f"{ranks} result{'s' if ranks > 1 else ''} in rank order, "
                               f"{grading.reference.count(lo, hi):,} primes"), run


def message_problem(run):
    """(expected, got, hint) when the results did not travel in messages."""
    others = set(range(1, run.ranks))
    gathering = run.called(*GATHERS)
    if gathering == set(range(run.ranks)):
        return None
    sending, receiving = run.called(*SENDS), run.called(*RECEIVES)
    if others <= sending and 0 in receiving:
        return None
    if not sending and not receiving and not gathering:
        return (f"ranks 1 to {run.ranks - 1} send, rank 0 receives", "no rank sent or received a message",
                "the lines are right but no message carried them: rank 0 must not count the other blocks "
                "itself; each rank counts its own and sends its result (MPI_Send) to rank 0 (MPI_Recv)")
    silent = sorted(others - sending)
    if silent:
        return (f"ranks 1 to {run.ranks - 1} each call MPI_Send", f"{_listing(silent)} sent nothing",
                "every rank but 0 sends its own result to rank 0")
    return ("rank 0 calls MPI_Recv", "it did not", "rank 0 receives each rank's result with MPI_Recv")


def grade(grading):
    multi_rank_runs = []
    for ranks, lo, hi in RUNS:
        check, run = check_run(grading, ranks, lo, hi)
        yield check
        if ranks > 1 and check.passed:
            multi_rank_runs.append(run)
    name = "the results travel in messages"
    if not multi_rank_runs:
        yield report.failed(name, "a correct run with 2 ranks or more to look at", "none",
                            "fix the checks above first")
        return
    run = max(multi_rank_runs, key=lambda run: run.ranks)
    wrong = message_problem(run)
    if wrong:
        yield report.failed(name, *wrong)
        return
    how = ("every rank called MPI_Gather" if run.called(*GATHERS) == set(range(run.ranks)) else
           f"ranks 1 to {run.ranks - 1} sent, rank 0 received")
    yield report.passed(name, f"{run.ranks} ranks: {how}")
