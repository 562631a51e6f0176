"""openmp-reduction: a prime count under `#pragma omp parallel for`, made
safe with reduction(+ : count).

The race of the starting version loses dozens to hundreds of the 216,816
updates on most runs with 4 threads on 2 cores (measured: 15 to 20 runs of
20 wrong, and 35 of 40, idle or under a load of 5), so "right 20 times in a
row" fails it practically always (0.25^20) and never fails a reduction. A count made right with `critical` or `atomic`
instead passes every run but fails the last check, a reading of the source:
the exercise is the reduction, and the hint says why it is the better cure."""
import re

from .. import report
from ..source import omp_pragmas, reduction_variables, submitted_source

NAME = "openmp-reduction"
ORDER = 5
SUMMARY = "count a range's primes under omp parallel for, made safe with a reduction"
HANDOUT = "labs/16-openmp-and-hybrid.md"

THREAD_LINE = re.compile(r"^thread (\d+) of (\d+): (\d+) numbers$")
TOTAL_LINE = re.compile(r"^total: (\d+) primes in \[(\d+), (\d+)\]$")

# 3,000,001 numbers: 2, 3 and 4 threads do not divide them, and 216,816
# primes make enough updates of the shared count for a race to show.
LO, HI = 0, 3_000_000
RACE_THREADS, RACE_RUNS = 4, 20
# Edge inputs: more threads than numbers, one number, no prime at all, and
# numbers near 10^9, far from the small primes.
EDGES = [(4, 0, 1), (3, 2, 2), (2, 24, 28), (3, 10**9, 10**9 + 9_999)]


def _plural(count, word):
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def _range_name(threads, lo, hi):
    return f"{_plural(threads, 'thread')} on [{lo}, {hi}]"


def parse(lines):
    """({thread: (team, numbers)}, [totals]) from the program's output."""
    tallies, totals = {}, []
    for line in lines:
        line = line.strip()
        match = THREAD_LINE.match(line)
        if match:
            tallies[int(match.group(1))] = (int(match.group(2)), int(match.group(3)))
        match = TOTAL_LINE.match(line)
        if match:
            totals.append(int(match.group(1)))
    return tallies, totals


def team_problem(tallies, threads, lo, hi):
    """(expected, got, hint) when the loop did not run on `threads` threads,
    each testing its own share of [lo, hi] once; None when it did."""
    numbers = hi - lo + 1
    tested = sum(count for _, count in tallies.values())
    if tested > numbers:
        return (f"{numbers:,} numbers tested, each once", f"{tested:,} tests",
                "every thread ran the whole loop: '#pragma omp parallel' alone runs its block on every "
                "thread; '#pragma omp parallel for' shares the loop's iterations out")
    if tested < numbers:
        return (f"{numbers:,} numbers tested", f"{tested:,}",
                "the loop must go over every number of [lo, hi]; keep the program's tallies.note() in it")
    teams = sorted({team for team, _ in tallies.values()})
    if teams == [1] and threads > 1:
        return (f"the loop run by {threads} threads (OMP_NUM_THREADS={threads})", "1 thread ran it all",
                "keep '#pragma omp parallel for' on the loop: without it the loop runs on the main thread alone")
    if teams != [threads]:
        return (f"a team of {threads} threads (OMP_NUM_THREADS={threads})",
                f"a team of {', '.join(map(str, teams))}",
                "let OMP_NUM_THREADS set the team size: no num_threads clause or omp_set_num_threads call")
    working = min(threads, numbers)
    if sorted(tallies) != list(range(working)):
        return (f"threads 0 to {working - 1} each testing some numbers",
                f"threads {', '.join(map(str, sorted(tallies)))}", "schedule(static) gives every thread a share")
    return None


def count_hint(got, expected, threads):
    if got == 0 < expected:
        return ("0 primes: the count printed is not the one the threads added to. private(count) gives each "
                "thread its own copy, never initialised, and throws the copies away when the loop ends; "
                "reduction(+ : count) also makes per-thread copies, but starts them at 0 and adds them into count")
    if got < expected and threads > 1:
        return (f"{expected - got:,} primes lost: '++count' on the shared count is a read, an add and a write, and "
                "two threads doing it at once keep only one of the two updates (a data race). Add "
                "reduction(+ : count) to the pragma")
    if got > expected:
        return "more primes than the range has: some numbers were counted more than once"
    return "count every prime of [lo, hi], lo and hi included, once"


def check_run(grading, threads, lo, hi, name=None):
    """One run: (check, tallies). The check passes when the team and the total are right."""
    name = name or _range_name(threads, lo, hi)
    run = grading.run(lo, hi, threads=threads)
    problem = grading.run_problem(name, run)
    if problem:
        return problem, None
    tallies, totals = parse(run.lines)
    if len(totals) != 1:
        return report.failed(name, "one 'total: N primes in [lo, hi]' line", f"{len(totals)} total lines",
                             "leave the program's printing as it is"), tallies
    wrong = team_problem(tallies, threads, lo, hi)
    if wrong:
        return report.failed(name, *wrong), tallies
    expected, got = grading.reference.count(lo, hi), totals[0]
    if got != expected:
        return report.failed(name, f"{_plural(expected, 'prime')} (primes --range {lo} {hi})", _plural(got, 'prime'),
                             count_hint(got, expected, threads)), tallies
    return report.passed(name, f"{_plural(got, 'prime')}, {_plural(len(tallies), 'thread')} sharing the loop"), tallies


def check_race(grading):
    """The count must be right every time, not most of the time."""
    name = f"{RACE_THREADS} threads, {RACE_RUNS} runs in a row"
    expected = grading.reference.count(LO, HI)
    for attempt in range(1, RACE_RUNS + 1):
        check, _ = check_run(grading, RACE_THREADS, LO, HI, name)
        if not check.passed:
            check.got = f"run {attempt} of {RACE_RUNS}: {check.got}"
            if attempt > 1:
                check.hint += (f" (runs 1 to {attempt - 1} were right: a race shows only when two threads "
                               "collide, which is why one right run proves nothing)")
            return check
    return report.passed(name, f"{expected:,} primes every time")


def check_reduction(grading):
    name = "the count is combined with a reduction (read from the source)"
    text = submitted_source(grading)
    if text is None:
        return report.failed(name, "the graded file", "the submission slot was rebuilt from another file meanwhile",
                             "grade one file of this exercise at a time")
    pragmas = omp_pragmas(text)
    reduced = [variable for pragma in pragmas for variable in reduction_variables(pragma)]
    if "count" in reduced:
        return report.passed(name, "reduction(+ : count)")
    if reduced:
        return report.failed(name, "reduction(+ : count)", f"reduction(+ : {', '.join(reduced)})",
                             "the threads add to count: that is the variable the reduction must name")
    guarded = [word for word in ("critical", "atomic") if any(p.split()[:1] == [word] for p in pragmas)]
    if guarded:
        return report.failed(name, "reduction(+ : count) on the parallel for", f"omp {' and omp '.join(guarded)}",
                             f"the count is right, but omp {guarded[0]} makes the threads take turns at the shared "
                             "counter, every time they update it; reduction(+ : count) gives each thread its own "
                             "copy and adds the copies once, at the end, with no waiting in the loop")
    return report.failed(name, "reduction(+ : count) on the parallel for", "no reduction clause, no guard",
                         "the threads update the shared count unguarded: a data race, also where it rarely shows "
                         "(per-thread counts merged with 'count += mine', once per thread, lose an update only now "
                         "and then); reduction(+ : count) makes the per-thread copies and adds them safely for you")


def grade(grading):
    for threads in (1, 2, 3):
        yield check_run(grading, threads, LO, HI)[0]
    yield check_race(grading)
    for threads, lo, hi in EDGES:
        yield check_run(grading, threads, lo, hi)[0]
    yield check_reduction(grading)
