"""handout/broken-invariant: a student's broken invariant is named, not a silent hang.

The reference tree is copied with one lab 1 mistake made in it: recalc_sigpending
forgets the blocked mask, so sigpending stays set while only a blocked signal is
pending, and the return to user mode would call do_signal forever (kern/trap/return.c).
A program that blocks SIGUSR1 and raises it must end in a kernel panic that names
the invariant, within the timeout. Run by tests/run_tests.py; instructor-only.
"""

import os
import shutil
import sys
import time

import prebuilt
from stubs import run   # (tests/handout/ is on sys.path: tests/autograder.py puts it there)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
NAME = "handout/broken-invariant"
FILE = "kern/signal/generate.c"
RIGHT = "p->sig.sigpending = (all_pending(&p->sig) & ~p->sig.blocked) ||"
WRONG = "p->sig.sigpending = (all_pending(&p->sig)) ||"
PANIC = "kernel panic: prepare_exit_to_user: "
PROGRAM = r"""
#include <signal.h>
#include <stdio.h>
int main(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    raise(SIGUSR1);
    printf("still running\n");
    return 0;
}
"""


def problems(tree):
    status, said = run([sys.executable, os.path.join(ROOT, "tools", "handout"), "--labs", "",
                        "--out", tree], ROOT, 120)
    if status != 0:
        return ["tools/handout failed:\n" + said[-2000:]]
    path = os.path.join(tree, FILE)
    with open(path) as f:
        text = f.read()
    if text.count(RIGHT) != 1:
        return ["%s no longer holds %r: update this check" % (FILE, RIGHT)]
    with open(path, "w") as f:
        f.write(text.replace(RIGHT, WRONG))
    prebuilt.reuse_objects(ROOT, tree)
    status, said = run(["make", "-j2", "build/siglab.iso"], tree, 600)
    if status != 0:
        return ["the mistaken tree does not build:\n" + said[-2000:]]
    prog = os.path.join(tree, "build", "blocked_raise")
    with open(prog + ".c", "w") as f:
        f.write(PROGRAM)
    status, said = run(["musl-gcc", "-static", "-O2", "-o", prog, prog + ".c"], tree, 60)
    if status != 0:
        return ["musl-gcc failed:\n" + said]
    log = os.path.join(tree, "build", "kernel.log")
    status, said = run([os.path.join(tree, "tools", "krun"), "--timeout", "60", "--log", log,
                        prog], tree, 120)
    with open(log, errors="replace") as f:
        klog = f.read()
    if status == 125 and PANIC in klog:
        return []
    return ["want a kernel panic naming the invariant (%r...); krun said (status %s):\n%s"
            % (PANIC, status, said[-2000:])]


def check(substring=""):
    """Yields (name, ok, details, seconds)."""
    if substring not in NAME:
        return
    start = time.monotonic()
    tree = os.path.join(prebuilt.ci_dir(ROOT), "broken-invariant")
    shutil.rmtree(tree, ignore_errors=True)
    found = problems(tree)
    if not found:
        shutil.rmtree(tree, ignore_errors=True)
    details = "\n".join(found) + ("\n(tree kept in %s)" % tree if found else "")
    yield NAME, not found, details, time.monotonic() - start
