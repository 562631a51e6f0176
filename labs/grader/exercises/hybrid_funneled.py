"""hybrid-funneled: MPI ranks with OpenMP threads inside, at
MPI_THREAD_FUNNELED: a reduction over each rank's threads, then one
MPI_Reduce from each rank's main thread.

What the MPI call recorder (labs/check-support/mpi_calls.cpp) sees decides
three checks: the init call and the level it asks for, and any MPI call made
off the main thread. Whether the program checks the level it is given is
seen by running it with PARAKIT_CHECK_PROVIDED=MPI_THREAD_SINGLE, which makes
the recorder's MPI_Init_thread (and MPI_Query_thread) report that level: the
program must then stop, saying why, instead of counting."""
import re

from .. import report
from ..blocks import block_problem, parse_blocks

NAME = "hybrid-funneled"
ORDER = 7
SUMMARY = "ranks x threads at MPI_THREAD_FUNNELED: an OpenMP reduction, then MPI_Reduce from the main thread"
HANDOUT = "labs/16-openmp-and-hybrid.md"

TEAM_LINE = re.compile(r"^rank (\d+) of (\d+): (?:(\d+) threads, numbers per thread((?: \d+)+)|"
                       r"no numbers for the threads)$")
TOTAL_LINE = re.compile(r"^total: (\d+) primes in \[(\d+), (\d+)\]$")

# 3,000,001 numbers, which no count of workers from 2 to 6 divides.
LO, HI = 0, 3_000_000
# (ranks, threads): one worker, then splits of 4 and 6 workers every way.
SPLITS = [(1, 1), (2, 2), (3, 2), (4, 1), (1, 4), (2, 3)]
# More workers than numbers: 3 numbers for 4 ranks of 2 threads.
EDGE = (4, 2, 5, 7)
# A race inside a rank shows on most runs of 4 threads, not on all of them.
RACE = (1, 4, 10)
# The run that plays an MPI without thread support.
FORCED = (2, 2)
FORCED_LEVEL = "MPI_THREAD_SINGLE"
LEVELS = ["MPI_THREAD_SINGLE", "MPI_THREAD_FUNNELED", "MPI_THREAD_SERIALIZED", "MPI_THREAD_MULTIPLE"]


def _plural(count, word):
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def _split_name(ranks, threads):
    return f"{_plural(ranks, 'rank')} x {_plural(threads, 'thread')}"


def parse_teams(lines):
    """rank -> (team, [numbers per thread]); a rank whose threads had no numbers maps to (0, [])."""
    teams = {}
    for line in lines:
        match = TEAM_LINE.match(line.strip())
        if match:
            numbers = [int(word) for word in (match.group(4) or "").split()]
            teams[int(match.group(1))] = (int(match.group(3) or 0), numbers)
    return teams


def team_problem(teams, blocks, ranks, threads):
    """(expected, got, hint) when a rank's block was not split over `threads` threads."""
    for rank in range(ranks):
        if rank not in teams:
            return (f"a 'rank {rank} of {ranks}: T threads, ...' line", "none", "leave the program's printing as it is")
        team, numbers = teams[rank]
        first, last, _ = blocks[rank][0]
        size = 0 if first is None else last - first + 1
        if sum(numbers) != size:
            hint = ("every thread ran the whole block: '#pragma omp parallel' alone runs its block on every thread; "
                    "'#pragma omp for' (or 'parallel for') shares the loop out") if sum(numbers) > size else \
                "the threads must test every number of the rank's block"
            return (f"rank {rank}'s {_plural(size, 'number')} tested once each", f"{sum(numbers):,} tests", hint)
        if size == 0:
            continue
        if team == 1 and threads > 1:
            return (f"rank {rank}'s block split over {threads} threads (OMP_NUM_THREADS={threads})",
                    "1 thread tested it all", "split the block's loop over the threads with '#pragma omp parallel for'")
        if team != threads:
            return (f"a team of {threads} threads on rank {rank}", f"a team of {team}",
                    "let OMP_NUM_THREADS set the team size: no num_threads clause")
        if len(numbers) != min(threads, size):
            return (f"{min(threads, size)} threads of rank {rank} with numbers to test",
                    f"{len(numbers)}", "schedule(static) gives every thread a share")
    return None


def check_split(grading, ranks, threads, lo, hi, name=None):
    """(check, run): the blocks, each rank's team, and the total."""
    name = name or f"{_split_name(ranks, threads)} on [{lo}, {hi}]"
    run = grading.mpirun(ranks, lo, hi, threads=threads)
    problem = grading.run_problem(name, run)
    if problem:
        return problem, run
    blocks = parse_blocks(run.lines)
    wrong = block_problem(blocks, ranks, lo, hi) or team_problem(parse_teams(run.lines), blocks, ranks, threads)
    if wrong:
        return report.failed(name, *wrong), run
    totals = [int(m.group(1)) for m in (TOTAL_LINE.match(line.strip()) for line in run.lines) if m]
    if len(totals) != 1:
        return report.failed(name, "one 'total: ...' line, from rank 0", f"{len(totals)} total lines",
                             "only rank 0 prints the total"), run
    expected, total = grading.reference.count(lo, hi), totals[0]
    if total != expected:
        own = blocks[0][0][2]
        ranks_sum = sum(blocks[rank][0][2] for rank in range(ranks))
        if ranks_sum != expected and threads > 1:
            counted = "rank 0 counted" if ranks == 1 else "the ranks' own counts add up to"
            hint = (f"{counted} {ranks_sum:,}, not {expected:,}: inside a rank, the threads' '++count' on the "
                    "shared count race and lose updates; add reduction(+ : count) to the loop")
        elif ranks > 1 and total == own:
            hint = f"{total:,} is rank 0's own count: combine the ranks' counts with MPI_Reduce (MPI_SUM) on rank 0"
        else:
            hint = "the total is the sum of every rank's count, combined on rank 0 with one MPI_Reduce per rank"
        return report.failed(name, f"total {expected:,} (primes --range {lo} {hi})", f"total {total:,}", hint), run
    return report.passed(name, f"{total:,} primes"), run


def check_race(grading):
    ranks, threads, runs = RACE
    name = f"{_split_name(ranks, threads)}, {runs} runs in a row"
    for attempt in range(1, runs + 1):
        check, _ = check_split(grading, ranks, threads, LO, HI, name)
        if not check.passed:
            check.got = f"run {attempt} of {runs}: {check.got}"
            return check
    return report.passed(name, f"{grading.reference.count(LO, HI):,} primes every time")


def check_init(name, runs):
    records = [record for run in runs for record in run.records.values()]
    if not records:
        return report.failed(name, "a run that reached MPI_Init_thread", "none", "fix the checks above first")
    plain = sorted({record["init"] or "no init call" for record in records if record["init"] != "MPI_Init_thread"})
    if plain:
        return report.failed(name, "MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided)",
                             f"{' and '.join(plain)}, in {_plural(len(runs), 'run')} of 2 ranks or more",
                             "MPI_Init promises MPI only one thread per process (MPI_THREAD_SINGLE): a rank with "
                             "OpenMP threads must ask for a thread level with MPI_Init_thread")
    required = {record["required"] for record in records}
    if len(required) != 1:
        return report.failed(name, "the same level on every rank", ", ".join(sorted(required)), "")
    level = required.pop()
    if level not in LEVELS or LEVELS.index(level) < LEVELS.index("MPI_THREAD_FUNNELED"):
        return report.failed(name, "required = MPI_THREAD_FUNNELED", f"required = {level or 'not a level'}",
                             "MPI_THREAD_SINGLE says the process has one thread; with OpenMP threads in the rank, "
                             "ask for MPI_THREAD_FUNNELED (only the main thread calls MPI)")
    if level != "MPI_THREAD_FUNNELED":
        return report.passed(name, f"{level}, which is more than this program needs: MPI_THREAD_FUNNELED is "
                                   "enough when only the main thread calls MPI, and can be cheaper")
    return report.passed(name, f"MPI_THREAD_FUNNELED, provided {records[0]['provided']}")


def check_main_thread_only(name, runs):
    threaded = [run for run in runs if run.threads > 1 and run.records]
    if not threaded:
        return report.failed(name, "a run with 2 threads or more to look at", "none", "fix the checks above first")
    for run in threaded:
        for rank, record in sorted(run.records.items()):
            off = record.get("off_main_thread", {})
            if off:
                calls = ", ".join(f"{call} x{count}" for call, count in sorted(off.items()))
                return report.failed(
                    name, "every MPI call made by the thread that started MPI",
                    f"{_split_name(run.ranks, run.threads)}: rank {rank} made {calls} from other threads",
                    "with MPI_THREAD_FUNNELED only the main thread may call MPI, even one thread at a time "
                    "(omp critical serialises the calls, which is MPI_THREAD_SERIALIZED, not FUNNELED; omp single "
                    "may pick any thread): add the threads' counts with reduction(+ : count), then call MPI_Reduce "
                    "once, after the parallel region (or inside omp master)")
    return report.passed(name, f"none in {_plural(len(threaded), 'threaded run')}")


def check_provided(grading, name, init_call):
    ranks, threads = FORCED
    run = grading.mpirun(ranks, LO, 1000, threads=threads, env={"PARAKIT_CHECK_PROVIDED": FORCED_LEVEL})
    outcome = run.outcome
    expected = (f"with provided = {FORCED_LEVEL}: a message naming MPI_THREAD_FUNNELED, and every rank stopped "
                "(non-zero exit)")
    if outcome.timed_out:
        return report.failed(name, expected, f"still running after {outcome.seconds:.0f} s, stopped",
                             "every rank got the same provided level, so every rank must stop: MPI_Finalize "
                             "and return 1 on all of them; a rank that returns alone leaves the others waiting in "
                             "MPI_Finalize or a collective")
    went_on = any(TOTAL_LINE.match(line.strip()) for line in run.lines)
    if outcome.returncode == 0 or went_on:
        if init_call != "MPI_Init_thread":
            hint = "MPI_Init cannot tell you what MPI supports: call MPI_Init_thread and check provided"
        else:
            hint = ("MPI_Init_thread gives the level it can in `provided`, which may be lower than asked: when it "
                    "is below MPI_THREAD_FUNNELED, print why on rank 0, then MPI_Finalize and return 1 on every rank")
        return report.failed(name, expected, "it counted as if nothing were wrong" if went_on else "exit status 0",
                             hint)
    if "FUNNELED" not in outcome.stderr.upper():
        return report.failed(name, expected, f"exit status {outcome.returncode}, but no message naming "
                                             "MPI_THREAD_FUNNELED", "say why the program stops, on rank 0: a user "
                                             "must know it is the MPI library's thread support, not their input "
                                             "(with MPI_Abort, a rank that aborts first can end the job before "
                                             "rank 0's message is out: MPI_Finalize and return 1 instead)")
    return report.passed(name, f"stopped with exit status {outcome.returncode} and a message")


def grade(grading):
    runs = []
    for ranks, threads in SPLITS:
        check, run = check_split(grading, ranks, threads, LO, HI)
        yield check
        runs.append(run)
    ranks, threads, lo, hi = EDGE
    check, run = check_split(grading, ranks, threads, lo, hi)
    yield check
    runs.append(run)
    yield check_race(grading)
    yield check_init("MPI_Init_thread asks for MPI_THREAD_FUNNELED", [r for r in runs if r.ranks > 1])
    yield check_main_thread_only("no MPI call off the main thread", runs)
    inits = [record["init"] for run in runs for record in run.records.values()]
    yield check_provided(grading, "stops when MPI provides less than FUNNELED", inits[0] if inits else "")
