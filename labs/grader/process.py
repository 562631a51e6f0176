"""Runs a submission with a time limit, so that a hang or a crash becomes a
verdict instead of a grader that never returns."""
import os
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass


@dataclass
class Outcome:
    command: list
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    timed_out: bool
    skipped: bool = False  # never started (see Grading.MAX_HUNG_RUNS)

    @property
    def signal_name(self):
        """The signal that ended the program, when one did."""
        code = self.returncode
        number = -code if code < 0 else code - 128 if 128 < code < 160 else 0
        try:
            return signal.Signals(number).name if number else ""
        except ValueError:
            return ""


def _kill_leftovers(executable):
    """Ends every process still running `executable`: ranks that outlive their
    launcher. The executable is a private copy, so nothing else can match."""
    executable = os.path.realpath(executable)
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            if os.path.realpath(f"/proc/{entry}/exe") == executable:
                os.kill(int(entry), signal.SIGKILL)
        except OSError:
            pass


# What a run may print that the grader reads; a program stuck printing in a
# loop must not fill the grader's memory before its time is up.
OUTPUT_LIMIT = 4 * 1024 * 1024


def _read_capped(handle):
    handle.seek(0)
    text = handle.read(OUTPUT_LIMIT).decode("utf-8", errors="replace")
    if handle.read(1):
        text += "\n[output cut at 4 MiB]\n"
    return text


def _stop_session(process):
    for sig, grace in ((signal.SIGTERM, 2), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            pass
        try:
            process.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue


def run(command, timeout, env=None, cwd=None, executable=None):
    """Runs `command` in a session of its own, its output kept in files. Past
    `timeout` seconds the whole session gets SIGTERM, then SIGKILL."""
    start = time.monotonic()
    with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr,
                                   env=env, cwd=cwd, start_new_session=True)
        timed_out = False
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            _stop_session(process)
        if executable:
            _kill_leftovers(executable)
        seconds = time.monotonic() - start
        return Outcome(command, process.returncode if process.returncode is not None else -9,
                       _read_capped(stdout), _read_capped(stderr), seconds, timed_out)
