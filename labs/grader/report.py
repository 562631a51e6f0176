"""One line per check for a student, or one JSON object per check for scripts."""
import json
import sys
from dataclasses import dataclass, field


@dataclass
class Check:
    """The verdict of one check. A failure says what was expected, what came
    out, and a hint that points at the cause."""
    name: str
    passed: bool
    expected: str = ""
    got: str = ""
    hint: str = ""
    details: list = field(default_factory=list)  # lines shown under a failure (compiler output)


def passed(name, got=""):
    return Check(name, True, got=got)


def failed(name, expected, got, hint="", details=None):
    return Check(name, False, expected=expected, got=got, hint=hint, details=details or [])


class Reporter:
    """Prints each check as it ends, so a slow exercise shows its progress."""

    def __init__(self, exercise, file, as_json, out=sys.stdout):
        self.exercise = exercise
        self.file = file
        self.as_json = as_json
        self.out = out
        self.checks = []

    def add(self, check):
        self.checks.append(check)
        if self.as_json:
            record = {"exercise": self.exercise, "file": self.file, "check": check.name,
                      "passed": check.passed, "expected": check.expected, "got": check.got,
                      "hint": check.hint}
            if check.details:
                record["details"] = check.details
            print(json.dumps(record), file=self.out, flush=True)
            return
        if check.passed:
            print(f"PASS  {check.name}" + (f": {check.got}" if check.got else ""), file=self.out, flush=True)
            return
        print(f"FAIL  {check.name}", file=self.out)
        for label, text in (("expected", check.expected), ("got", check.got), ("hint", check.hint)):
            if text:
                print(f"      {label + ':':9} {text}", file=self.out)
        for line in check.details:
            print(f"      | {line}", file=self.out)
        self.out.flush()

    def all_passed(self):
        return bool(self.checks) and all(check.passed for check in self.checks)

    def summary(self):
        failures = sum(not check.passed for check in self.checks)
        if self.as_json:
            return
        if failures:
            print(f"{self.exercise}: {failures} of {len(self.checks)} checks failed", file=self.out)
        else:
            print(f"{self.exercise}: all {len(self.checks)} checks passed", file=self.out)
