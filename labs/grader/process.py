"""Runs a submission with a time limit, so that a hang or a crash becomes a
verdict instead of a grader that never returns."""
import os
import signal
import subprocess
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


def run(command, timeout, env=None, cwd=None, executable=None):
    """Runs `command` in a session of its own. Past `timeout` seconds the whole
    session gets SIGTERM, then SIGKILL a moment later."""
    start = time.monotonic()
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=env, cwd=cwd, start_new_session=True,
                               text=True, errors="replace")
    timed_out = False
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        for sig, grace in ((signal.SIGTERM, 2), (signal.SIGKILL, 5)):
            try:
                os.killpg(process.pid, sig)
            except ProcessLookupError:
                pass
            try:
                stdout, stderr = process.communicate(timeout=grace)
                break
            except subprocess.TimeoutExpired:
                continue
        else:
            stdout, stderr = "", ""
    if executable:
        _kill_leftovers(executable)
    return Outcome(command, process.returncode, stdout or "", stderr or "", time.monotonic() - start, timed_out)
