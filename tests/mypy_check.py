"""python/mypy: mypy with tests/mypy.ini over the project's Python (grade/ with every
function typed, tests/ and tools/ in mypy's default mode), for tests/run_tests.py. Run
from the repository's root."""

import os
import shutil
import time
from typing import Iterator, List, Tuple

from testlib import run, text

MYPY_CONFIG = os.path.join("tests", "mypy.ini")
# Scripts without a .py suffix: mypy calls each of them __main__, so each gets a run.
PY_SCRIPTS = [os.path.join("tools", s) for s in ("krun", "mkinitrd", "handout", "kprofile", "boottime")]


def python_files() -> List[str]:
    """grade/, tests/ and tools/ Python files (.py), relative to ROOT."""
    out: List[str] = []
    for top in ("grade", "tests", "tools"):
        for dirpath, dirnames, files in os.walk(top):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
            out += [os.path.join(dirpath, f) for f in sorted(files) if f.endswith(".py")]
    return out


def check(substring: str = "") -> Iterator[Tuple[str, bool, str, float]]:
    """python/mypy: every run must print no error (host only, a few seconds cached)."""
    name = "python/mypy"
    if substring not in name:
        return
    start = time.monotonic()
    if shutil.which("mypy") is None:
        yield name, False, "mypy not found: run tools/deps.sh\n", 0.0
        return
    problems: List[str] = []
    runs = [python_files()] + [[s] for s in PY_SCRIPTS if os.path.exists(s)]
    for files in runs:
        status, out, _ = run(["mypy", "--config-file", MYPY_CONFIG] + files, 300)
        said = [l for l in text(out).splitlines() if not l.startswith(("Found ", "Success"))]
        if status != 0:     # (a run that imports grade/ reports its errors again)
            problems += [l for l in said if l not in problems] \
                or ["mypy %s: exit status %s" % (" ".join(files), status)]
    yield name, not problems, "".join(l + "\n" for l in problems), time.monotonic() - start
