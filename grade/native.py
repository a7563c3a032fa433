"""python3 -m grade --native: run the grade programs on this (Linux) machine instead of in
siglab and check the same expected lines. The programs are static binaries, so they
run unchanged; a test that passes here expects what Linux does. Tests marked
native=False (siglab's own choices) and shell tests are skipped.

Each program is built for the run as in siglab (grade/auth.py), so its lines must
carry valid tags here too. Each program runs in a fresh temporary directory (core dumps land there), with stdin
from /dev/null and stdout+stderr to a pipe, like init runs it in siglab.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from typing import Sequence, Tuple

from . import auth
from .gradelib import Test
from .runner import (PASS, FAIL, TIMEOUT, match, program_status, show_console, show_expected,
                    status_problem, text_lines)

NATIVE_ENV = {"PATH": "/bin:/usr/bin", "HOME": "/"}


def run_one(root: str, test: Test, nonce: int) -> Tuple[str, str, float]:
    values = test.bind(nonce)
    prog, args = test.program(values)
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="grade-native-") as tmp:
        secret = auth.Secret(nonce, args)
        try:
            exe = auth.build(prog, secret, os.path.join(tmp, "prog"))
        except RuntimeError as e:
            return FAIL, str(e), 0.0
        words = test.command(values, exe)
        try:
            proc = subprocess.run(words, cwd=tmp, env=NATIVE_ENV,
                                  stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, timeout=test.timeout,
                                  start_new_session=True)
        except subprocess.TimeoutExpired:
            return TIMEOUT, "no exit within %d s" % test.timeout, time.monotonic() - start
    secs = time.monotonic() - start
    status = proc.returncode if proc.returncode >= 0 else 128 - proc.returncode
    lines = auth.verify(text_lines(proc.stdout), secret)
    expected = test.expected(values)
    found = match(expected, lines)
    want = test.expected_status(values)
    problems = [p for p in (status_problem(want, status, "the process"),
                            status_problem(want, program_status(lines), "the program (tagged)"))
                if p]
    if problems or any(i is None for i in found):
        return FAIL, "\n".join(problems + show_expected(expected, found) +
                               show_console(lines, found)), secs
    return PASS, "", secs


def core_dumps_to_pipe() -> bool:
    """A core_pattern starting with "|" (apport, systemd-coredump) ignores RLIMIT_CORE
    0, so "core dumped" then differs from what a plain core file gives."""
    try:
        with open("/proc/sys/kernel/core_pattern") as f:
            return f.read().startswith("|")
    except OSError:
        return False


def run(root: str, tests: Sequence[Test], opts: argparse.Namespace) -> int:
    import random
    ran = failed = 0
    piped = core_dumps_to_pipe()
    for t in tests:
        why = ("shell test" if t.shell is not None else "native=False" if not t.native else
               "core dumps go to a pipe here" if piped and any("core" in str(e) for e in t.expect)
               else None)
        if why:
            print("  %-28s skipped (%s)" % (t.id, why))
            continue
        nonce = random.Random("%s:%s" % (opts.seed, t.id)).randrange(100000, 900000)
        verdict, details, secs = run_one(root, t, nonce)
        ran += 1
        failed += verdict != PASS
        print("  %-28s %-8s %5.2fs" % (t.id, verdict, secs))
        if details:
            print(re.sub(r"(?m)^", "      ", details))
        sys.stdout.flush()
    print("native: %d of %d tests print what the grader expects (seed %s)" % (ran - failed, ran, opts.seed))
    return 1 if failed else 0
