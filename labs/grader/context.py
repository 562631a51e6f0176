"""What an exercise's checks work with: the built program, ways to run it
(alone, under mpirun, with N OpenMP threads) and the kit's own answers."""
import json
import os
import re
import tempfile
from dataclasses import dataclass, field

from . import process, report
from .reference import Reference


_TAGGED_LINE = re.compile(r"^\[(?:\d+,)?(\d+)\](?:<stdout>:| )(.*)$")


@dataclass
class Run:
    """One run of the submission, with what the MPI call recorder saw."""
    outcome: process.Outcome
    ranks: int
    threads: int
    records: dict = field(default_factory=dict)  # rank -> the recorder's JSON object

    @property
    def stdout(self):
        return self.outcome.stdout

    @property
    def lines(self):
        return self.outcome.stdout.splitlines()

    def lines_by_rank(self):
        """[(rank, text)] for every line of a run with tag_output=True; rank is
        None for a line no rank printed. Open MPI tags "[JOB,RANK]<stdout>:",
        Hydra "[RANK] "."""
        tagged = []
        for line in self.lines:
            match = _TAGGED_LINE.match(line)
            tagged.append((int(match.group(1)), match.group(2).strip()) if match else (None, line.strip()))
        return tagged

    def called(self, *calls):
        """The ranks that made at least one of `calls`."""
        return {rank for rank, record in self.records.items() if any(record["calls"].get(c) for c in calls)}


class Grading:
    def __init__(self, source_root, build_dir, exercise, source_path, program, workdir, timeout):
        self.source_root = source_root
        self.source_path = source_path  # the file being graded
        self.build_dir = build_dir
        self.exercise = exercise
        self.program = program
        self.workdir = workdir
        self.timeout = timeout
        self.reference = Reference(build_dir, workdir)
        self.mpirun_local = os.path.join(source_root, "tools", "mpirun-local")
        self.hung_runs = 0

    def path(self, name):
        return os.path.join(self.workdir, name)

    def _environment(self, threads, record_dir, extra):
        env = dict(os.environ)
        env["OMP_NUM_THREADS"] = str(threads)
        env.pop("OMP_THREAD_LIMIT", None)
        env["PARAKIT_CHECK_RECORD"] = record_dir
        env.update(extra or {})
        return env

    # A program that hangs would hang in every configuration: after this many
    # hung runs the rest are reported without being run, so grading stays short.
    MAX_HUNG_RUNS = 2

    def _run(self, command, ranks, threads, timeout, env):
        if self.hung_runs >= self.MAX_HUNG_RUNS:
            return Run(process.Outcome(command, -9, "", "", 0.0, True, skipped=True), ranks, threads)
        record_dir = tempfile.mkdtemp(prefix="record-", dir=self.workdir)
        outcome = process.run(command, timeout or self.timeout, env=self._environment(threads, record_dir, env),
                              cwd=self.workdir, executable=self.program)
        self.hung_runs += outcome.timed_out
        records = {}
        for name in os.listdir(record_dir):
            if name.startswith("rank-") and name.endswith(".json"):
                with open(os.path.join(record_dir, name)) as handle:
                    record = json.load(handle)
                records[record["rank"]] = record
        return Run(outcome, ranks, threads, records)

    def run(self, *args, threads=1, timeout=None, env=None):
        """The program alone, as `./program ARGS` with OMP_NUM_THREADS=threads."""
        return self._run([self.program, *map(str, args)], 1, threads, timeout, env)

    def mpirun(self, ranks, *args, threads=1, timeout=None, env=None, tag_output=False):
        """`mpirun -np RANKS ./program ARGS`, oversubscribed when ranks exceed cores.
        With tag_output, every line says which rank printed it (Run.lines_by_rank)."""
        command = [self.mpirun_local, "-np", str(ranks), *(["--tag-output"] if tag_output else []),
                   self.program, *map(str, args)]
        return self._run(command, ranks, threads, timeout, env)

    def run_problem(self, name, run, what="the program"):
        """A failed check when the run hung, crashed or exited non-zero; None
        when it ended well. The hint names the usual cause."""
        outcome = run.outcome
        tail = [line for line in outcome.stderr.splitlines() if line.strip()][-12:]
        if outcome.skipped:
            return report.failed(name, f"{what} ends", "not run",
                                 f"{self.MAX_HUNG_RUNS} runs above hung already; fix that first")
        if outcome.timed_out:
            if run.ranks > 1:
                hint = ("a rank is waiting for a message or a collective that never comes: every MPI_Recv "
                        "needs its MPI_Send, and every rank must join every collective")
            else:
                hint = "look for a loop whose condition never turns false, or a receive nobody answers"
            return report.failed(name, f"{what} ends within {outcome.seconds:.0f} s",
                                 f"still running after {outcome.seconds:.0f} s, stopped", hint, tail)
        unfinished = sorted(rank for rank, record in run.records.items() if not record["finalized"])
        if unfinished:
            return report.failed(name, "every rank calls MPI_Finalize before it returns",
                                 f"rank {', '.join(map(str, unfinished))} returned without MPI_Finalize",
                                 "call MPI_Finalize on every path out of main, on every rank", tail)
        if outcome.signal_name:
            return report.failed(name, f"{what} exits with status 0", f"it was killed by {outcome.signal_name}",
                                 "a crash: look for an index past the end of an array, or a buffer too small "
                                 "for what MPI writes into it", tail)
        if outcome.returncode != 0:
            return report.failed(name, f"{what} exits with status 0", f"exit status {outcome.returncode}",
                                 "read the program's error output below", tail)
        return None
