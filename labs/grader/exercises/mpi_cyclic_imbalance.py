"""mpi-cyclic-imbalance: the naive kernel under a block split and a cyclic
split of chunks; the cyclic one must be exactly cyclic, and better balanced."""
import re
from dataclasses import dataclass

from .. import report

NAME = "mpi-cyclic-imbalance"
ORDER = 3
SUMMARY = "deal chunks of the range round-robin to the ranks, and see the block split's imbalance go"
HANDOUT = "labs/14-mpi-first-steps.md"

DEFAULT_CHUNK = 100  # the program's, when no CHUNK is given
SPLITS = ("block", "cyclic")

RANK_LINE = re.compile(r"^(block|cyclic) +rank (\d+) of (\d+): (?:(\d+) numbers \(first (\d+), last (\d+), "
                       r"sum (\d+)\)|no numbers), (\d+) primes, busy ([0-9.]+) s$")
TOTAL_LINE = re.compile(r"^(block|cyclic) +total: (\d+) primes in \[(\d+), (\d+)\], imbalance ([0-9.]+)%")

# (ranks, lo, hi, chunk): the lab's range (29,999 numbers, which 2, 3 and 4 do
# not divide) under every rank count, then chunks that do not divide the range
# (143 chunks of 7 over 3 ranks, the last one short), one number per chunk,
# more ranks than chunks, and no prime at all. None: the default chunk.
RUNS = [(ranks, 2, 30000, None) for ranks in (1, 2, 3, 4)] + [
    (3, 1, 1000, 7), (4, 0, 10, 1), (4, 5, 7, None), (2, 0, 1, None)]

# The timing check: cyclic's imbalance must be at most this share of block's
# (about 0.02 on an idle machine: 1% against 46%), in one of a few runs.
BALANCE_RUN = (2, 2, 30000)
BALANCE_RATIO = 0.5
BALANCE_ATTEMPTS = 3


@dataclass(frozen=True)
class Tally:
    """What one rank checked under one split: count, first, last and sum of the numbers, primes."""
    numbers: int = 0
    first: int = None
    last: int = None
    sum: int = 0
    primes: int = 0

    def describe(self):
        if not self.numbers:
            return "no numbers"
        return (f"{_plural(self.numbers, 'number')} ({self.first} to {self.last}, sum {self.sum}), "
                f"{_plural(self.primes, 'prime')}")


def _plural(count, word):
    return f"{count} {word}{'' if count == 1 else 's'}"


def _chunk_text(chunk):
    """What chunk k is, in words."""
    if chunk == 1:
        return "chunk k is the single number lo + k"
    return f"chunk k is the {chunk} numbers lo + k * {chunk} to lo + k * {chunk} + {chunk - 1}"


def _span(grading, lo, hi, first, last):
    """(how many, their sum, how many primes) of the numbers first..last of [lo, hi]."""
    count = last - first + 1
    return count, (first + last) * count // 2, grading.reference.count_between(lo, hi, first, last)


def expected_block(grading, lo, hi, rank, ranks):
    numbers = hi - lo + 1
    base, extra = divmod(numbers, ranks)
    first = lo + rank * base + min(rank, extra)
    count = base + (1 if rank < extra else 0)
    if count == 0:
        return Tally()
    _, total, primes = _span(grading, lo, hi, first, first + count - 1)
    return Tally(count, first, first + count - 1, total, primes)


def expected_cyclic(grading, lo, hi, chunk, rank, ranks):
    numbers = total = primes = 0
    first = last = None
    start = lo + rank * chunk
    while start <= hi:
        end = min(hi, start + chunk - 1)
        count, chunk_sum, chunk_primes = _span(grading, lo, hi, start, end)
        numbers, total, primes = numbers + count, total + chunk_sum, primes + chunk_primes
        first = start if first is None else first
        last = end
        start += chunk * ranks
    return Tally(numbers, first, last, total, primes)


def parse(lines):
    """split -> {rank: [(Tally, busy seconds)]}, and split -> [printed totals]."""
    tallies = {split: {} for split in SPLITS}
    totals = {split: [] for split in SPLITS}
    for line in lines:
        line = line.strip()
        match = RANK_LINE.match(line)
        if match:
            split, rank, _, numbers, first, last, total, primes, busy = match.groups()
            tally = (Tally(int(numbers), int(first), int(last), int(total), int(primes)) if numbers else
                     Tally(primes=int(primes)))
            tallies[split].setdefault(int(rank), []).append((tally, float(busy)))
            continue
        match = TOTAL_LINE.match(line)
        if match:
            totals[match.group(1)].append(int(match.group(2)))
    return tallies, totals


def _chunk_listing(rank, ranks):
    taken = ", ".join(str(rank + i * ranks) for i in range(3))
    return f"chunks {taken}, ... (chunk k goes to rank k % {ranks})"


def cyclic_hint(grading, lo, hi, chunk, rank, ranks, got, expected):
    """Why rank `rank`'s cyclic numbers are not the ones it should have."""
    everything = hi - lo + 1
    where = _chunk_text(chunk)
    if ranks > 1 and got.numbers == everything:
        return (f"rank {rank} checked all {everything} numbers, as a serial program would: under the cyclic "
                f"split it takes only {_chunk_listing(rank, ranks)}")
    if got.numbers == 0:
        return f"rank {rank} checked no numbers: it takes {_chunk_listing(rank, ranks)}; {where}"
    if chunk > 1 and got == expected_cyclic(grading, lo, hi, 1, rank, ranks):
        return (f"rank {rank} took single numbers, {ranks} apart, one at a time: deal whole chunks of {chunk} "
                f"numbers instead ({where}); dealt one by one, the numbers of a rank all share their remainder "
                f"modulo {ranks} (with 2 ranks, rank 0 gets only even numbers), so the primes pile up on a few "
                "ranks")
    if got.first != expected.first:
        return (f"rank {rank} started at {got.first}: its first chunk, chunk {rank}, starts at "
                f"lo + {rank} * {chunk} = {expected.first}")
    if got.numbers > expected.numbers:
        return (f"rank {rank} checked {_plural(got.numbers - expected.numbers, 'number')} too many: {where}, "
                "no more; no number belongs to two chunks")
    if got.numbers < expected.numbers:
        if got.last < expected.last:
            return (f"rank {rank} stopped at {got.last}, but its last chunk ends at {expected.last}: the "
                    f"chunks go on to hi = {hi}, and the last one may be shorter than {chunk}")
        return (f"rank {rank} checked {_plural(expected.numbers - got.numbers, 'number')} too few: {where}, "
                "and every number of the rank's chunks is checked")
    if got.primes != expected.primes and (got.first, got.last, got.sum) == (expected.first, expected.last,
                                                                           expected.sum):
        return (f"rank {rank}'s numbers hold {expected.primes} primes but it counted {got.primes}: "
                "call tally.check(n) once for each number")
    return (f"rank {rank} checked as many numbers as it should, but not the right ones: it takes "
            f"{_chunk_listing(rank, ranks)}")


def split_problem(grading, tallies, split, ranks, lo, hi, chunk):
    """(expected, got, hint) for the first rank whose numbers are wrong under `split`."""
    lines = tallies[split]
    for rank in range(ranks):
        if rank not in lines:
            return (f"a '{split} rank {rank} of {ranks}: ...' line", "none",
                    "rank 0 prints one line per rank and split: leave the gathering and printing code as it is")
        if len(lines[rank]) > 1:
            return (f"one '{split}' line for rank {rank}", f"{len(lines[rank])} lines", "only rank 0 prints")
    extra = sorted(set(lines) - set(range(ranks)))
    if extra:
        return f"{split} lines for ranks 0 to {ranks - 1}", f"a line for rank {extra[0]}", "only rank 0 prints"
    for rank in range(ranks):
        got = lines[rank][0][0]
        expected = (expected_block(grading, lo, hi, rank, ranks) if split == "block" else
                    expected_cyclic(grading, lo, hi, chunk, rank, ranks))
        if got != expected:
            hint = ("the block split is given: leave block_split as it was" if split == "block" else
                    cyclic_hint(grading, lo, hi, chunk, rank, ranks, got, expected))
            return f"{split} rank {rank}: {expected.describe()}", got.describe(), hint
    return None


def total_problem(grading, totals, ranks, lo, hi):
    expected = grading.reference.count(lo, hi)
    for split in SPLITS:
        if len(totals[split]) != 1:
            return (f"one '{split} total: ...' line", f"{len(totals[split])}",
                    "rank 0 prints each split's total once")
        if totals[split][0] != expected:
            return (f"{split} total {expected:,} (primes --range {lo} {hi})", f"{totals[split][0]:,}",
                    "the total is the sum of every rank's primes")
    return None


def _name(ranks, lo, hi, chunk):
    return (f"{ranks} rank{'s' if ranks > 1 else ''} on [{lo}, {hi}]" +
            (f", chunks of {chunk}" if chunk is not None else ""))


def check_run(grading, ranks, lo, hi, chunk):
    name = _name(ranks, lo, hi, chunk)
    run = grading.mpirun(ranks, lo, hi, *([chunk] if chunk is not None else []))
    problem = grading.run_problem(name, run)
    if problem:
        return problem
    tallies, totals = parse(run.lines)
    chunk = DEFAULT_CHUNK if chunk is None else chunk
    wrong = (split_problem(grading, tallies, "block", ranks, lo, hi, chunk) or
             split_problem(grading, tallies, "cyclic", ranks, lo, hi, chunk) or
             total_problem(grading, totals, ranks, lo, hi))
    if wrong:
        return report.failed(name, *wrong)
    return report.passed(name, f"both splits right, {grading.reference.count(lo, hi):,} primes")


def imbalance(busy):
    """Slowest against the mean, minus one, as the program and `primes` define it."""
    mean = sum(busy) / len(busy)
    return max(busy) / mean - 1 if mean > 0 else 0.0


def measured_imbalances(grading, name, ranks, lo, hi):
    """(block, cyclic) imbalance of one run, from the busy seconds printed; or a failed Check."""
    run = grading.mpirun(ranks, lo, hi)
    problem = grading.run_problem(name, run)
    if problem:
        return problem
    tallies, _ = parse(run.lines)
    figures = []
    for split in SPLITS:
        busy = [tallies[split][rank][0][1] for rank in range(ranks) if rank in tallies[split]]
        if len(busy) != ranks:
            return report.failed(name, f"{ranks} '{split}' lines", f"{len(busy)}", "only rank 0 prints")
        figures.append(imbalance(busy))
    return tuple(figures)


def check_balance(grading, split_checks):
    ranks, lo, hi = BALANCE_RUN
    name = f"{ranks} ranks on [{lo}, {hi}]: cyclic is better balanced than block"
    if not split_checks.get((ranks, lo, hi, None)):
        return report.failed(name, f"the cyclic split right with {ranks} ranks first", "it is not",
                             f"fix '{_name(ranks, lo, hi, None)}' above")
    best = None
    # The busy times are CPU times, which other programs on the machine barely
    # disturb; a few attempts absorb the rare run that a neighbour still skews.
    for _ in range(BALANCE_ATTEMPTS):
        figures = measured_imbalances(grading, name, ranks, lo, hi)
        if isinstance(figures, report.Check):
            return figures
        block, cyclic = figures
        if best is None or cyclic - BALANCE_RATIO * block < best[1] - BALANCE_RATIO * best[0]:
            best = figures
        if block > 0 and cyclic <= BALANCE_RATIO * block:
            return report.passed(name, f"imbalance {100 * block:.1f}% under block, {100 * cyclic:.1f}% under "
                                       "cyclic (slowest rank vs mean)")
    block, cyclic = best
    return report.failed(name, f"cyclic imbalance at most {BALANCE_RATIO:.0%} of block's",
                         f"block {100 * block:.1f}%, cyclic {100 * cyclic:.1f}% (best of {BALANCE_ATTEMPTS} runs)",
                         "the naive kernel's cost grows with n: each rank's chunks must spread over the whole "
                         "range, and busy must be the CPU time of the rank's own loop only")


def grade(grading):
    split_checks = {}
    for ranks, lo, hi, chunk in RUNS:
        check = check_run(grading, ranks, lo, hi, chunk)
        split_checks[(ranks, lo, hi, chunk)] = check.passed
        yield check
    yield check_balance(grading, split_checks)
