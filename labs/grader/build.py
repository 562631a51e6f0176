"""Builds the file being graded inside the project's build folder, with the
flags of the exercise's own targets, into a private copy of the program."""
import fcntl
import os
import re
import shutil
import subprocess

from . import report

# Lines of the build tool's own chatter, kept out of what a student reads.
_NOISE = re.compile(r"^(\[ *\d+%\]|g?make(\[\d+\])?:|Consolidate compiler|Scanning dependencies|Built target)")


def target_name(exercise):
    return exercise.replace("-", "_") + "_submission"


def _slot_text(source_file):
    """The file as the compiler will see it: the #line directive makes its
    messages name the student's own file, not the copy."""
    with open(source_file, encoding="utf-8", errors="replace") as handle:
        text = handle.read()
    quoted = os.path.abspath(source_file).replace("\\", "\\\\").replace('"', '\\"')
    return f'#line 1 "{quoted}"\n{text}'


def build(build_dir, exercise, source_file, workdir):
    """Returns (program path, check). The program is None when the build failed."""
    name = "build"
    slot_dir = os.path.join(build_dir, "labs", "submissions")
    slot = os.path.join(slot_dir, exercise + ".cpp")
    if not os.path.isfile(slot):
        return None, report.failed(name, f"the build folder {build_dir} to know exercise {exercise}",
                                   "no submission slot for it",
                                   "configure the build folder again (cmake --preset default, from the "
                                   "project's top folder), then build it")
    text = _slot_text(source_file)
    # Two graders of the same exercise at once (a class graded in parallel, or
    # ctest -j) take turns at the slot; each then runs its own copy.
    with open(slot + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        with open(slot, encoding="utf-8", errors="replace") as handle:
            unchanged = handle.read() == text
        if not unchanged:  # the same file twice in a row builds once
            with open(slot + ".tmp", "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(slot + ".tmp", slot)
        result = subprocess.run(["cmake", "--build", build_dir, "--target", target_name(exercise)],
                                stdin=subprocess.DEVNULL, capture_output=True, text=True, errors="replace")
        program = os.path.join(slot_dir, target_name(exercise))
        if result.returncode != 0:
            lines = [line for line in (result.stdout + result.stderr).splitlines()
                     if line.strip() and not _NOISE.match(line)]
            errors = [line for line in lines if ": error:" in line or "undefined reference" in line]
            first = errors[0] if errors else (lines[0] if lines else "the build failed")
            return None, report.failed(name, "the file compiles and links", first,
                                       "fix the first error the compiler names; the others often follow from it",
                                       lines[:40])
        private = os.path.join(workdir, os.path.basename(program))
        shutil.copy2(program, private)
    return private, report.passed(name, os.path.basename(source_file) + " compiled")
