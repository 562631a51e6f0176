"""labs/check's command line."""
import argparse
import os
import shutil
import sys
import tempfile

from . import build, exercises, report
from .context import Grading
from .reference import ReferenceUnavailable

EXAMPLES = """examples:
  labs/check --list
  labs/check mpi-block-count                      grades labs/exercises/mpi-block-count/start.cpp
  labs/check mpi-block-count ~/my-attempt.cpp     grades another file
  labs/check openmp-reduction --json              one JSON object per check, for scripts
  for f in submissions/*.cpp; do labs/check mpi-io-list "$f" --json; done > grades.jsonl

Run it from the project's top folder or from its build folder. Exit status: 0
when every check passed, 1 when one failed, 2 for bad usage."""


def _source_root():
    return os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))


def _default_build_dir(source_root):
    if os.path.isfile("CMakeCache.txt"):  # run from a build folder
        return os.getcwd()
    return os.path.join(source_root, "build")


def _parser():
    parser = argparse.ArgumentParser(
        prog="labs/check", formatter_class=argparse.RawDescriptionHelpFormatter, epilog=EXAMPLES,
        description="Build a lab exercise and check it under every configuration it must hold for: "
                    "1 to 4 ranks, 1 to 4 threads, ranges the ranks do not divide, edge inputs.")
    parser.add_argument("exercise", nargs="?", help="the exercise, e.g. mpi-block-count (see --list)")
    parser.add_argument("file", nargs="?", help="the file to grade (default: the exercise's start.cpp)")
    parser.add_argument("--list", action="store_true", help="list the exercises and their handouts")
    parser.add_argument("--json", action="store_true", help="one JSON object per check on standard output")
    parser.add_argument("--build", metavar="DIR", help="the project's build folder (default: ./ when it is "
                                                       "one, else build/ in the project)")
    parser.add_argument("--timeout", type=float, default=15.0, metavar="S",
                        help="stop a run that takes longer than S seconds (default 15)")
    return parser


def _list(as_json):
    import json
    for exercise in exercises.all_exercises():
        if as_json:
            print(json.dumps({"exercise": exercise.NAME, "summary": exercise.SUMMARY, "handout": exercise.HANDOUT}))
        else:
            print(f"{exercise.NAME:24} {exercise.SUMMARY}  [{exercise.HANDOUT}]")
    return 0


def _usage_error(message):
    print(f"labs/check: {message}", file=sys.stderr)
    return 2


def main(argv):
    options = _parser().parse_args(argv)
    if options.list:
        return _list(options.json)
    if not options.exercise:
        return _usage_error("name an exercise (labs/check --list shows them), or give --list")
    exercise = exercises.find(options.exercise)
    if exercise is None:
        names = ", ".join(e.NAME for e in exercises.all_exercises())
        return _usage_error(f"no exercise '{options.exercise}' (there are: {names})")
    source_root = _source_root()
    start = getattr(exercise, "START", "start.cpp")
    file = options.file or os.path.join(source_root, "labs", "exercises", exercise.NAME, start)
    if not os.path.isfile(file):
        return _usage_error(f"'{file}' is not a file")
    if not options.timeout > 0:
        return _usage_error(f"--timeout must be a positive number of seconds (got {options.timeout:g})")
    build_dir = os.path.abspath(options.build or _default_build_dir(source_root))
    if not os.path.isfile(os.path.join(build_dir, "CMakeCache.txt")):
        return _usage_error(f"'{build_dir}' is not a build folder: build the project first "
                            "(cmake --preset default && cmake --build build -j2), or give --build DIR")

    reporter = report.Reporter(exercise.NAME, os.path.abspath(file), options.json)
    workdir = tempfile.mkdtemp(prefix=f"labs-check-{exercise.NAME}-")
    try:
        # A C++ exercise builds in the project; another kind says how it is prepared.
        prepare = getattr(exercise, "prepare", None)
        program, built = prepare(file, workdir) if prepare else build.build(build_dir, exercise.NAME, file, workdir)
        reporter.add(built)
        if program:
            grading = Grading(source_root, build_dir, exercise.NAME, os.path.abspath(file), program, workdir,
                              options.timeout)
            for check in exercise.grade(grading):
                reporter.add(check)
    except ReferenceUnavailable as problem:
        reporter.add(report.failed("reference", "the kit's own results", str(problem),
                                   "the grader compares with the project's primes program: build it"))
    except KeyboardInterrupt:
        print("labs/check: interrupted", file=sys.stderr)
        return 130
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    reporter.summary()
    return 0 if reporter.all_passed() else 1
