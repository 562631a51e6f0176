"""The kit's own answers, from the `primes` program of the same build: what
every submission is compared against."""
import bisect
import json
import os
import subprocess
from functools import lru_cache


class ReferenceUnavailable(Exception):
    """The kit's own programs, which the grader compares with, cannot run."""


class Reference:
    def __init__(self, build_dir, workdir):
        self.primes = os.path.join(build_dir, "primes")
        self.workdir = workdir
        if not os.access(self.primes, os.X_OK):
            raise ReferenceUnavailable(f"{self.primes} is missing: build the project first "
                                 f"(cmake --build {build_dir} -j2)")

    def _primes(self, *args):
        result = subprocess.run([self.primes, *args], stdin=subprocess.DEVNULL, capture_output=True,
                                text=True, timeout=120, env={**os.environ, "OMP_NUM_THREADS": "2"})
        if result.returncode != 0:
            raise ReferenceUnavailable(f"primes {' '.join(args)} failed: {result.stderr.strip()}")
        return result.stdout

    @lru_cache(maxsize=None)
    def count(self, lo, hi):
        """pi(hi) - pi(lo - 1), from `primes --range LO HI --json`."""
        return json.loads(self._primes("--range", str(lo), str(hi), "--json"))["count"]

    @lru_cache(maxsize=None)
    def list_bytes(self, lo, hi):
        """The exact bytes of `primes --range LO HI --list FILE`."""
        path = os.path.join(self.workdir, f"reference-{lo}-{hi}.txt")
        self._primes("--range", str(lo), str(hi), "--list", path, "--force", "--json")
        with open(path, "rb") as handle:
            return handle.read()

    @lru_cache(maxsize=None)
    def primes_in(self, lo, hi):
        """The primes of [lo, hi] as numbers, from the same list."""
        return tuple(int(line) for line in self.list_bytes(lo, hi).split())

    def count_between(self, lo, hi, first, last):
        """How many primes of the list of [lo, hi] fall in [first, last]."""
        primes = self.primes_in(lo, hi)
        return bisect.bisect_right(primes, last) - bisect.bisect_left(primes, first)
