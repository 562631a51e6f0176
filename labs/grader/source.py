"""The text of the file being graded, for the checks that are about how a
program is written rather than what it prints (which OpenMP clause makes a
count safe, which schedule a loop asks for). Each such check says so in its
name or its hint."""
import re

_COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.DOTALL)
_PRAGMA = re.compile(r"^\s*#\s*pragma\s+omp\s+(.*)$")


def submitted_source(grading):
    """The graded file's text, as the student wrote it."""
    try:
        with open(grading.source_path, encoding="utf-8", errors="replace") as handle:
            return handle.read()
    except OSError:
        return None


def omp_pragmas(text):
    """Every `#pragma omp ...` of the text, comments removed, continued lines
    joined and spaces squeezed: "parallel for reduction(+ : count)"."""
    code = _COMMENT.sub(lambda match: "\n" * match.group(0).count("\n"), text)
    code = code.replace("\\\n", " ")
    pragmas = []
    for line in code.splitlines():
        match = _PRAGMA.match(line)
        if match:
            pragmas.append(" ".join(match.group(1).split()))
    return pragmas


def reduction_variables(pragma, operator="+"):
    """The variables of the pragma's reduction(OPERATOR : ...) clauses."""
    names = []
    for match in re.finditer(r"reduction\s*\(\s*" + re.escape(operator) + r"\s*:\s*([^)]*)\)", pragma):
        names += [name.strip() for name in match.group(1).split(",") if name.strip()]
    return names
