"""openmp-schedule: one loop of the naive kernel under schedule(static),
schedule(static, 1) and schedule(dynamic, k).

The program writes which thread ran each iteration to a file (its third
argument), so each schedule's pattern is checked exactly: static, one block
per thread in thread order; static,1, iteration i on thread i % T; dynamic,k,
every aligned run of k iterations on one thread, handed out on demand. The
timing check compares CPU times (each thread's own), so a busy machine does
not blur it, and it gets three attempts."""
import re
from dataclasses import dataclass, field

from .. import report
from ..source import omp_pragmas, submitted_source

NAME = "openmp-schedule"
ORDER = 6
SUMMARY = "one loop under schedule(static), (static, 1) and (dynamic, k): who ran what, and the imbalance"
HANDOUT = "labs/16-openmp-and-hybrid.md"

HEADER_LINE = re.compile(r"^team of (\d+) threads?, dynamic chunk (-?\d+)$")
SCHEDULE_LINE = re.compile(r"^(static|static,1|dynamic,-?\d+): (\d+) primes in \[(\d+), (\d+)\]$")
THREAD_LINE = re.compile(r"^thread (\d+): (\d+) iterations, busy ([0-9.]+) s$")
OWNERS_LINE = re.compile(r"^(static|static,1|dynamic,-?\d+):((?: -?\d+)*)$")

# The lab's run: 29,999 numbers (2 does not divide them), whose naive tests
# cost from 1 division (even numbers) to 29,987 (the last prime).
MAIN = (2, 2, 30000)
# 10,001 numbers over 3 threads, more threads than numbers, and no prime at all.
OTHERS = [(3, 0, 10000), (4, 0, 2), (1, 24, 28)]
# The chunk k must leave every thread of the main run at least this many chunks.
CHUNKS_PER_THREAD = 4
# The timing check: dynamic's imbalance must be at most this share of
# static's (about 0.01 on an idle machine: 0.5% against 46%), in one of a few
# runs. A margin, so that a "dynamic" loop that is static in disguise cannot
# pass by the noise of the timings.
BALANCE_RATIO = 0.5
BALANCE_ATTEMPTS = 3


@dataclass
class Schedule:
    name: str
    count: int = None
    busy: dict = field(default_factory=dict)  # thread -> CPU seconds in the loop
    owners: list = None  # iteration -> thread

    def imbalance(self, team):
        times = [self.busy.get(thread, 0.0) for thread in range(team)]
        mean = sum(times) / len(times) if times else 0.0
        return max(times) / mean - 1.0 if mean > 0 else 0.0


@dataclass
class Outcome:
    threads: int
    lo: int
    hi: int
    team: int = 0
    chunk: int = None
    schedules: dict = field(default_factory=dict)  # "static", "static,1", "dynamic" -> Schedule

    @property
    def iterations(self):
        return self.hi - self.lo + 1


def _kind(name):
    return "dynamic" if name.startswith("dynamic,") else name


def _plural(count, word):
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def parse(outcome, stdout, owners_text):
    """Fills `outcome` from the program's output and owners file; returns what
    is missing, or None."""
    current = None
    for line in stdout.splitlines():
        line = line.strip()
        if match := HEADER_LINE.match(line):
            outcome.team, outcome.chunk = int(match.group(1)), int(match.group(2))
        elif match := SCHEDULE_LINE.match(line):
            current = Schedule(match.group(1), int(match.group(2)))
            outcome.schedules[_kind(current.name)] = current
        elif (match := THREAD_LINE.match(line)) and current:
            current.busy[int(match.group(1))] = float(match.group(3))
    for line in owners_text.splitlines():
        if (match := OWNERS_LINE.match(line)) and _kind(match.group(1)) in outcome.schedules:
            outcome.schedules[_kind(match.group(1))].owners = [int(word) for word in match.group(2).split()]
    if outcome.chunk is None:
        return "the 'team of T threads, dynamic chunk K' line"
    for kind in ("static", "static,1", "dynamic"):
        schedule = outcome.schedules.get(kind)
        if schedule is None:
            return f"the '{kind}: N primes in [lo, hi]' line and its thread lines"
        if schedule.owners is None:
            return f"the owners of the {kind} loop in the file the program writes"
        if len(schedule.owners) != outcome.iterations:
            return f"one owner per iteration of the {kind} loop ({outcome.iterations:,})"
    return None


def run(grading, threads, lo, hi, name):
    """(outcome, failed check or None)."""
    owners = grading.path(f"owners-{threads}-{lo}-{hi}.txt")
    ran = grading.run(lo, hi, owners, threads=threads)
    problem = grading.run_problem(name, ran)
    if problem:
        return None, problem
    try:
        with open(owners) as handle:
            owners_text = handle.read()
    except OSError:
        owners_text = ""
    outcome = Outcome(threads, lo, hi)
    missing = parse(outcome, ran.stdout, owners_text)
    if missing:
        return None, report.failed(name, missing, "not found", "leave the program's printing as it is")
    if outcome.team != threads:
        return None, report.failed(name, f"a team of {threads} threads (OMP_NUM_THREADS={threads})",
                                   f"a team of {outcome.team}",
                                   "let OMP_NUM_THREADS set the team size: no num_threads clause")
    return outcome, None


def describe_runs(owners, limit=4):
    """'iterations 0-14999 on thread 0, 15000-29998 on thread 1'."""
    runs, start = [], 0
    for i in range(1, len(owners) + 1):
        if i == len(owners) or owners[i] != owners[start]:
            runs.append((start, i - 1, owners[start]))
            start = i
    text = ", ".join(f"{a}-{b} on thread {t}" if a != b else f"{a} on thread {t}" for a, b, t in runs[:limit])
    return "iterations " + text + (f", ... ({len(runs):,} runs)" if len(runs) > limit else "")


def count_problem(grading, outcome):
    expected = grading.reference.count(outcome.lo, outcome.hi)
    wrong = [f"{schedule.name} {schedule.count:,}" for schedule in outcome.schedules.values()
             if schedule.count != expected]
    if wrong:
        return (f"{_plural(expected, 'prime')} under every schedule", ", ".join(wrong),
                "keep reduction(+ : count) on every loop: a schedule changes who tests what, never the count")
    unrun = next((i for i, owner in enumerate(outcome.schedules["static"].owners) if owner < 0), None)
    if unrun is not None:
        return ("every iteration run", f"iteration {unrun} never ran", "keep the loops going over every iteration")
    return None


def static_problem(owners, threads):
    """schedule(static): one contiguous block per thread, in thread order, sizes within one."""
    base, extra = divmod(len(owners), threads)
    sizes = {base, base + 1} if extra else {base}
    blocks = [owners.count(thread) for thread in range(threads)]
    in_order = all(a <= b for a, b in zip(owners, owners[1:]))
    if not in_order or any(size not in sizes for size in blocks):
        return (f"one block of {' or '.join(map(str, sorted(sizes)))} iterations per thread, thread 0 first",
                describe_runs(owners),
                "schedule(static) with no chunk cuts the loop into one block per thread, in thread order")
    return None


def cyclic_problem(owners, threads):
    """schedule(static, 1): iteration i on thread i % threads."""
    wrong = next((i for i, owner in enumerate(owners) if owner != i % threads), None)
    if wrong is not None:
        return (f"iteration i on thread i % {threads}", f"iteration {wrong} on thread {owners[wrong]}; "
                f"{describe_runs(owners)}", "schedule(static, 1) deals the iterations out one at a time, "
                "round-robin, in thread order")
    return None


def chunk_owners(owners, chunk):
    """The thread of each aligned chunk of `chunk` iterations, or (None, i)
    for the first chunk split between threads at iteration i."""
    owner_of = []
    for first in range(0, len(owners), chunk):
        piece = owners[first:first + chunk]
        split = next((first + j for j, owner in enumerate(piece) if owner != piece[0]), None)
        if split is not None:
            return None, split
        owner_of.append(piece[0])
    return owner_of, None


def dynamic_problem(owners, chunk):
    if chunk < 1:
        return ("a chunk of at least 1", f"dynamic chunk {chunk}", "kChunk must be a positive number")
    owner_of, split = chunk_owners(owners, chunk)
    if owner_of is None:
        first = split - split % chunk
        return (f"iterations {first} to {min(first + chunk, len(owners)) - 1} on one thread (chunk {chunk})",
                f"iteration {split} on thread {owners[split]}, iteration {first} on thread {owners[first]}; "
                f"{describe_runs(owners)}",
                f"schedule(dynamic, kChunk) hands out runs of kChunk = {chunk} consecutive iterations: use kChunk "
                "in the clause, and no other schedule on that loop")
    return None


def round_robin(owners, chunk, threads):
    """True when every chunk went to thread (chunk number) % threads, as
    schedule(static, chunk) would deal them."""
    owner_of, _ = chunk_owners(owners, max(chunk, 1))
    return owner_of is not None and all(owner == j % threads for j, owner in enumerate(owner_of))


def check_ownership(grading, name, outcome):
    """Counts, then each schedule's pattern, for a run other than the main one."""
    problem = count_problem(grading, outcome)
    threads = outcome.threads
    owners = {kind: schedule.owners for kind, schedule in outcome.schedules.items()}
    problem = (problem or static_problem(owners["static"], threads) or cyclic_problem(owners["static,1"], threads)
               or dynamic_problem(owners["dynamic"], outcome.chunk))
    if problem:
        return report.failed(name, *problem)
    return report.passed(name, f"{_plural(outcome.schedules['static'].count, 'prime')}, every pattern right")


def check_on_demand(grading, name, outcomes):
    """dynamic must not be static,k in disguise: in some run with several
    threads and chunks, a chunk went to another thread than round-robin
    would give it. When every run happened to go round-robin, the source
    decides."""
    chunk = outcomes[0].chunk
    if chunk < 2:
        return report.failed(name, "a chunk k of 2 or more", f"k = {chunk}", "see the check of k")
    telling = [o for o in outcomes if o.threads > 1 and o.iterations > chunk * o.threads]
    if any(not round_robin(o.schedules["dynamic"].owners, chunk, o.threads) for o in telling):
        return report.passed(name, "the chunks went to whichever thread was free")
    text = submitted_source(grading)
    if text is not None and any(re.search(r"\bschedule\s*\(\s*dynamic\b", p) for p in omp_pragmas(text)):
        return report.passed(name, "schedule(dynamic, ...) in the source (the chunks happened to go round-robin)")
    return report.failed(name, "chunks given to whichever thread asks first",
                         "chunk j on thread j % threads in every run",
                         "that is how schedule(static, k) deals chunks; the third loop needs schedule(dynamic, k)")


def check_chunk(name, outcome):
    chunk, threads, iterations = outcome.chunk, outcome.threads, outcome.iterations
    most = iterations // (CHUNKS_PER_THREAD * threads)
    if chunk == 1:
        return report.failed(name, f"2 <= k <= {most:,}", "k = 1, the placeholder",
                             f"with k = 1 each of the {iterations:,} numbers is a trip to the shared counter that "
                             "hands out work, and half of them (the even ones) cost one division, far less than "
                             "the trip: take a few numbers per trip")
    if chunk < 1:
        return report.failed(name, f"2 <= k <= {most:,}", f"k = {chunk}", "a chunk is a positive number of iterations")
    if chunk > most:
        chunks = -(-iterations // chunk)
        return report.failed(name, f"2 <= k <= {most:,}", f"k = {chunk:,}: {_plural(chunks, 'chunk')} for "
                             f"{threads} threads", f"dynamic evens the finish out only when each thread takes many "
                             f"chunks: with fewer than {CHUNKS_PER_THREAD} each, the last big chunk keeps one thread "
                             f"busy long after the others are done; take k at most {iterations:,} / "
                             f"({CHUNKS_PER_THREAD} x {threads}) = {most:,}")
    return report.passed(name, f"k = {chunk}: {_plural(-(-iterations // chunk), 'chunk')} for {threads} threads")


def check_balance(grading, name, outcome):
    """dynamic's imbalance well below static's, in one of a few runs."""
    seen = []
    for attempt in range(BALANCE_ATTEMPTS):
        if attempt:
            outcome, problem = run(grading, *MAIN, name)
            if problem:
                return problem
        static = outcome.schedules["static"].imbalance(outcome.team)
        dynamic = outcome.schedules["dynamic"].imbalance(outcome.team)
        if dynamic <= BALANCE_RATIO * static:
            return report.passed(name, f"imbalance {100 * dynamic:.1f}% under dynamic,{outcome.chunk}, "
                                       f"{100 * static:.1f}% under static")
        seen.append(f"{100 * dynamic:.1f}% against {100 * static:.1f}%")
    return report.failed(name, f"an imbalance (slowest thread vs mean, CPU time) under dynamic at most "
                               f"{BALANCE_RATIO:.0%} of static's",
                         f"dynamic vs static, {BALANCE_ATTEMPTS} runs: " + "; ".join(seen),
                         "the big primes sit at the top of the range: dynamic must hand out small chunks so that a "
                         "thread stuck with costly numbers takes fewer of them")


def grade(grading):
    threads, lo, hi = MAIN
    base = f"{_plural(threads, 'thread')} on [{lo}, {hi}]"
    main, problem = run(grading, threads, lo, hi, base)
    if problem:
        yield problem
    else:
        problem = count_problem(grading, main)
        yield (report.failed(base, *problem) if problem else
               report.passed(base, f"{_plural(main.schedules['static'].count, 'prime')} under every schedule"))
        owners = {kind: schedule.owners for kind, schedule in main.schedules.items()}
        for kind, check in (("static", lambda o: static_problem(o, threads)),
                            ("static,1", lambda o: cyclic_problem(o, threads)),
                            ("dynamic", lambda o: dynamic_problem(o, main.chunk))):
            name = f"{base}: who ran what under {kind if kind != 'dynamic' else 'dynamic,k'}"
            problem = check(owners[kind])
            yield report.failed(name, *problem) if problem else report.passed(name, describe_runs(owners[kind], 2))
        yield check_chunk("the chunk k of dynamic,k", main)
        yield check_balance(grading, f"{base}: dynamic,k balances better than static", main)
    others = []
    for threads, lo, hi in OTHERS:
        name = f"{_plural(threads, 'thread')} on [{lo}, {hi}]"
        outcome, problem = run(grading, threads, lo, hi, name)
        if problem:
            yield problem
            continue
        others.append(outcome)
        yield check_ownership(grading, name, outcome)
    outcomes = ([main] if main else []) + others
    if outcomes:
        yield check_on_demand(grading, "dynamic,k hands chunks out on demand", outcomes)
