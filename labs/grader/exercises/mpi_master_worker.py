"""mpi-master-worker: a range cut into tasks that the ranks take when they are
free. Part 1 (`messages`): a master rank hands out task numbers on request with
MPI_Send/MPI_Recv and stops every worker at the end. Part 2 (`counter`): no
master; every rank takes the next task from a counter in an MPI window on rank
0, with MPI_Fetch_and_op.

A master that never stops its workers hangs. So that a hanging file is graded
in well under 30 s, every run here is stopped after RUN_LIMIT seconds (or the
--timeout, when that is shorter; a correct run takes about one second), and
after a hang the other runs of the same part are not made."""
import re

from .. import report

NAME = "mpi-master-worker"
ORDER = 4
SUMMARY = "tasks on request: a master with MPI_Send/MPI_Recv, then a shared counter with MPI_Fetch_and_op"
HANDOUT = "labs/15-master-worker.md"

RANK_LINE = re.compile(r"^rank (\d+) of (\d+): (?:tasks((?: \d+)+)|no tasks), (\d+) primes, busy (\d+(?:\.\d+)?) s$")
TOTAL = re.compile(r"^total: (\d+) primes in \[(\d+), (\d+)\], (\d+) tasks$")

RUN_LIMIT = 8.0

# (ranks, lo, hi, tasks). Task counts that 2 or 3 workers do not divide; one
# run big enough (about 0.5 s of CPU) that every worker must get tasks; then
# fewer tasks than ranks, one number, and tasks without a prime.
BALANCE_RUN = (4, 2, 60000, 31)
RUNS = [(1, 0, 30000, 10), (2, 0, 30000, 10), (3, 1, 40000, 13), BALANCE_RUN,
        (4, 0, 1000, 2), (3, 7, 7, 1), (4, 24, 28, 5)]

# In the balance run, a worker busy less than this share of the workers' mean
# busy time counts as idle. A dynamic schedule stays near 1 even with 4 ranks
# on 2 loaded cores (busy time is CPU time); a worker left without tasks is at 0.
IDLE_SHARE = 1 / 3

MESSAGE_CALLS = ("MPI_Send", "MPI_Ssend", "MPI_Isend", "MPI_Recv", "MPI_Irecv", "MPI_Probe")


def _ranks(ranks):
    ranks = sorted(ranks)
    if len(ranks) == 1:
        return f"rank {ranks[0]}"
    return "ranks " + ", ".join(map(str, ranks[:-1])) + f" and {ranks[-1]}"


def _run_name(part, ranks, lo, hi, tasks):
    return f"{part}: {ranks} rank{'s' if ranks > 1 else ''}, {tasks} task{'s' if tasks > 1 else ''} on [{lo}, {hi}]"


def workers_of(part, ranks):
    """The ranks that do tasks: every rank but the master, or every rank."""
    return list(range(1, ranks)) if part == "messages" and ranks > 1 else list(range(ranks))


def parse_lines(lines):
    """(rank -> [(size, tasks, primes, busy)], [total lines as (total, lo, hi, tasks)])."""
    ranks, totals = {}, []
    for line in lines:
        line = line.strip()
        match = RANK_LINE.match(line)
        if match:
            done = tuple(int(t) for t in match.group(3).split()) if match.group(3) else ()
            ranks.setdefault(int(match.group(1)), []).append(
                (int(match.group(2)), done, int(match.group(4)), float(match.group(5))))
            continue
        match = TOTAL.match(line)
        if match:
            totals.append(tuple(int(group) for group in match.groups()))
    return ranks, totals


def hang_check(name, part, run, limit):
    """The failed check of a run that had to be stopped: who had not finished,
    and what usually keeps them waiting."""
    printed = {int(m.group(1)) for m in map(RANK_LINE.match, map(str.strip, run.lines)) if m}
    waiting = [rank for rank in range(run.ranks) if rank not in printed]
    got = f"still running after {limit:g} s, stopped" + (f"; {_ranks(waiting)} had not finished" if waiting else "")
    if part == "messages":
        if waiting and 0 not in waiting:
            verb = "waits" if len(waiting) == 1 else "wait"
            hint = (f"the master returned but {_ranks(waiting)} still {verb} for an answer: the master must "
                    "answer every request, with the next task or, once the tasks run out, with a stop "
                    "message (kStopTag), one to each worker, before it returns")
        elif waiting == [0]:
            hint = ("every worker finished but the master still waits for a request: once each worker "
                    "has had its stop message nobody asks again, so count the stops and return then")
        else:
            hint = ("every request needs an answer, a task or a stop message (kStopTag); the master "
                    "returns once it has sent one stop message to each worker")
    else:
        hint = ("a rank waits on the window for ever: every MPI_Win_lock needs its MPI_Win_unlock, and "
                "every rank must reach the window's creation and MPI_Win_free, which are collective")
    tail = [line for line in run.outcome.stderr.splitlines() if line.strip()][-12:]
    return report.failed(name, f"the run ends within {limit:g} s", got, hint, tail)


def line_problem(lines_by_rank, totals, ranks):
    """(expected, got, hint) when the output lines are missing or repeated."""
    for rank in range(ranks):
        lines = lines_by_rank.get(rank, [])
        if not lines:
            return (f"one 'rank {rank} of {ranks}: ...' line", "none",
                    f"rank {rank} printed no line: did it return before the report at the end of main?")
        if len(lines) > 1:
            return f"one line from rank {rank}", f"{len(lines)} lines", "each rank prints its report once"
        if lines[0][0] != ranks:
            return (f"'rank {rank} of {ranks}'", f"'rank {rank} of {lines[0][0]}'",
                    "the size comes from MPI_Comm_size")
    extra = sorted(set(lines_by_rank) - set(range(ranks)))
    if extra:
        return f"ranks 0 to {ranks - 1}", f"a line from rank {extra[0]}", "rank numbers come from MPI_Comm_rank"
    if len(totals) != 1:
        return "one 'total: ...' line, from rank 0", f"{len(totals)} total lines", "only rank 0 prints the total"
    return None


def task_problem(part, done_by_rank, tasks, workers, run):
    """(expected, got, hint) unless every task 0 .. tasks-1 was done exactly once."""
    doers = {}
    for rank, done in done_by_rank.items():
        for task in done:
            doers.setdefault(task, []).append(rank)
    expected = f"every task 0 to {tasks - 1} done exactly once" if tasks > 1 else "task 0 done exactly once"
    outside = sorted(task for task in doers if task >= tasks)
    if outside:
        hint = (f"tasks are numbered 0 to {tasks - 1}: " +
                ("from task number TASKS on the master sends stop messages, not tasks" if part == "messages"
                 else "a rank stops once the counter gives it a number past the last task"))
        return expected, f"task {outside[0]} done by {_ranks(doers[outside[0]])}", hint
    twice = sorted(task for task, ranks in doers.items() if len(ranks) > 1)
    if twice:
        task = twice[0]
        got = (f"{len(twice)} of {tasks} tasks done more than once; " if tasks > 1 else "") + \
            f"task {task} by {_ranks(doers[task])}"
        if part == "messages":
            hint = (f"the master handed out task {task} more than once: each task number goes to one "
                    "worker, then the master moves on to the next")
        elif run.called("MPI_Get", "MPI_Put"):
            hint = (f"two ranks got task {task} from the counter: reading it and writing it back are two "
                    "steps, and another rank can read between them. MPI_Fetch_and_op reads the old "
                    "value and adds 1 in one atomic step")
        elif not run.called("MPI_Fetch_and_op") and all(sorted(doers.get(t, [])) == workers for t in range(tasks)):
            hint = ("every rank took every task: each one counts on its own. Keep one counter in a window "
                    "on rank 0 and take each task from it with MPI_Fetch_and_op (TODO 2 and TODO 3)")
        else:
            hint = (f"two ranks got task {task} from the counter: there must be one counter for all, on "
                    "rank 0 (target rank 0, displacement 0), set to 0 once before any rank takes a task")
        return expected, got, hint
    missing = [task for task in range(tasks) if task not in doers]
    if missing:
        got = f"{len(missing)} of {tasks} tasks done by no rank, task {missing[0]} first"
        if part == "messages":
            hint = "the master hands out every task number, 0 to TASKS - 1, before it sends the stop messages"
        elif not done_by_rank.get(0):
            hint = ("rank 0 took no task: part 2 has no master, and rank 0 takes tasks from the counter "
                    "like every other rank")
        else:
            hint = ("the counter must start at 0 and go up by 1 per task taken; a rank stops only when "
                    "it gets a number past the last task")
        return expected, got, hint
    return None


def total_problem(part, grading, lines_by_rank, total, lo, hi):
    expected = grading.reference.count(lo, hi)
    if total == expected:
        return None
    counted = sum(lines[0][2] for lines in lines_by_rank.values())
    if part == "messages" and counted == expected:
        hint = (f"the workers counted {counted:,} primes in all, the master's total is {total:,}: add the "
                "result every request carries to the total, the last one too, which comes with the "
                "request that gets the stop message")
    else:
        hint = "the total is the sum of every task's primes"
    return f"total {expected:,} (primes --range {lo} {hi})", f"total {total:,}", hint


def check_run(grading, part, ranks, lo, hi, tasks, limit):
    """(check, run, whether the run ended well, its parsed lines when they
    passed every check, else None)."""
    name = _run_name(part, ranks, lo, hi, tasks)
    run = grading.mpirun(ranks, part, lo, hi, tasks, timeout=limit)
    if run.outcome.timed_out:
        return hang_check(name, part, run, limit), run, False, None
    problem = grading.run_problem(name, run)
    if problem:
        return problem, run, False, None
    lines_by_rank, totals = parse_lines(run.lines)
    wrong = line_problem(lines_by_rank, totals, ranks)
    if not wrong:
        done = {rank: lines[0][1] for rank, lines in lines_by_rank.items()}
        wrong = task_problem(part, done, tasks, workers_of(part, ranks), run)
    if not wrong:
        wrong = total_problem(part, grading, lines_by_rank, totals[0][0], lo, hi)
    if wrong:
        return report.failed(name, *wrong), run, True, None
    total = totals[0][0]
    passed = report.passed(name, f"{total:,} prime{'s' if total != 1 else ''}, each task done once")
    return passed, run, True, lines_by_rank


def idle_check(part, ranks, lines_by_rank):
    name = f"{part}: {ranks} ranks, no worker idles"
    workers = workers_of(part, ranks)
    lines = {rank: lines_by_rank[rank][0] for rank in workers}
    taken = {rank: len(line[1]) for rank, line in lines.items()}
    idle = [rank for rank in workers if taken[rank] == 0]
    if idle:
        busiest = max(workers, key=lambda rank: taken[rank])
        if part == "messages":
            hint = (f"{_ranks(idle)} got no task while rank {busiest} got {taken[busiest]}: the master "
                    "takes the request of whichever worker asks first (MPI_ANY_SOURCE) and answers that "
                    "worker (status.MPI_SOURCE)")
        else:
            hint = (f"{_ranks(idle)} took no task while rank {busiest} took {taken[busiest]}: every rank, "
                    "rank 0 too, takes tasks from the counter until it runs out")
        return report.failed(name, f"every one of the {len(workers)} workers takes some of the tasks",
                             f"{_ranks(idle)} took none", hint)
    busy = {rank: line[3] for rank, line in lines.items()}
    mean = sum(busy.values()) / len(busy)
    laziest = min(workers, key=lambda rank: busy[rank])
    if busy[laziest] < IDLE_SHARE * mean:
        return report.failed(
            name, f"every worker busy at least {IDLE_SHARE:.0%} of the mean ({mean:.3f} s)",
            f"rank {laziest} busy {busy[laziest]:.3f} s with {taken[laziest]} tasks",
            "a worker that waits while tasks remain is idle: each task must go to whichever worker is "
            "free first, so all of them stay busy until the tasks run out")
    return report.passed(name, f"{len(workers)} workers busy {min(busy.values()):.2f} to {max(busy.values()):.2f} s")


def counter_calls_check(runs):
    name = "counter: MPI_Fetch_and_op takes the tasks, no messages"
    if not runs:
        return report.failed(name, "a run with 2 ranks or more that ended, to look at", "none",
                             "fix the hangs or crashes above first")
    run = max(runs, key=lambda r: r.ranks)
    everyone = set(range(run.ranks))
    fetching = run.called("MPI_Fetch_and_op")
    if fetching != everyone:
        missing = sorted(everyone - fetching)
        getting = run.called("MPI_Get", "MPI_Put")
        if getting:
            hint = (f"{_ranks(getting)} read the counter with MPI_Get and write it back with MPI_Put: another "
                    "rank can read between the two, and then both do the same task. MPI_Fetch_and_op "
                    "(MPI_SUM of 1) reads the old value and adds in one atomic step")
        else:
            hint = ("every rank, rank 0 too, takes each task with MPI_Fetch_and_op (MPI_SUM of 1) on the "
                    "counter in rank 0's window (TODO 3)")
        return report.failed(name, f"every one of {run.ranks} ranks calls MPI_Fetch_and_op",
                             f"{_ranks(missing)} did not", hint)
    sending = run.called(*MESSAGE_CALLS)
    if sending:
        rank = min(sending)
        calls = [call for call in MESSAGE_CALLS if run.records[rank]["calls"].get(call)]
        return report.failed(name, "no MPI_Send or MPI_Recv in part 2", f"rank {rank} called {', '.join(calls)}",
                             "part 2 has no master: the ranks share the counter through the window alone")
    return report.passed(name, f"all {run.ranks} ranks called MPI_Fetch_and_op, none sent a message")


def grade_part(grading, part):
    """Yields the part's checks; returns the multi-rank runs that ended."""
    limit = min(grading.timeout, RUN_LIMIT)
    ended = []
    for index, (ranks, lo, hi, tasks) in enumerate(RUNS):
        check, run, ended_well, lines = check_run(grading, part, ranks, lo, hi, tasks, limit)
        yield check
        if run.outcome.timed_out:
            left = len(RUNS) - index - 1
            if left:
                yield report.failed(f"{part}: the other {left} run{'s' if left > 1 else ''}", "runs to make",
                                    "not made: the run above hung",
                                    f"fix the hang first; every hung run costs {limit:g} s of grading")
            return ended
        if ended_well and ranks > 1:
            ended.append(run)  # for the recorder: what the run called, right answer or not
        if (ranks, lo, hi, tasks) == BALANCE_RUN:
            if lines is None:
                yield report.failed(f"{part}: {ranks} ranks, no worker idles", "a correct run to look at",
                                    "the run above failed", "fix the run above first")
            else:
                yield idle_check(part, ranks, lines)
    return ended


def grade(grading):
    yield from grade_part(grading, "messages")
    counter_runs = yield from grade_part(grading, "counter")
    yield counter_calls_check(counter_runs)
