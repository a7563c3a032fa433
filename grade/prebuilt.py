"""Start a handout tree's build from the reference tree's objects. A handout differs
from the reference only in the lab files it stubs, so building one from scratch
recompiles a kernel's worth of identical files: the grader's pristine trees
(grade/submission.py: make grade SUBMISSION=, grade-batch) and the instructor checks
(tests/handout/) start from the reference's objects instead.

reuse_objects(root, tree) copies the reference's compiled kernel objects and user
programs (build/boot, build/kern, the programs of build/user/) with their dependency
files into tree, newer than tree's sources, and then touches every source in tree
whose bytes differ from the reference's. make then recompiles exactly the stubbed
files (and whatever includes a changed header) and relinks.

Why the copies are the objects a fresh build would make: the build names no
checkout path (the Makefile's DEBUG_PREFIX_MAP, tests/checkout_path.py), and the one
flag a handout adds (-Wno-unused-function, HANDOUT_CFLAGS) only silences a warning.
A stale object could not hide a mistake here anyway: a stub compiled from the
reference's solution would score marks on its lab, and the handout checks
(tests/handout/stubs.py) demand 0.
"""

import filecmp
import functools
import os
import shutil
import subprocess
import threading
from typing import List

OBJECT_DIRS = ("build/boot", "build/kern")


def _copy_objects(root: str, tree: str) -> None:
    for top in OBJECT_DIRS:
        src = os.path.join(root, top)
        if os.path.isdir(src):
            # (copy, not copy2: the copies get the time of now, newer than tree's sources)
            shutil.copytree(src, os.path.join(tree, top), copy_function=shutil.copy,
                            dirs_exist_ok=True)
    users = os.path.join(root, "build", "user")
    if os.path.isdir(users):
        os.makedirs(os.path.join(tree, "build", "user"), exist_ok=True)
        for name in os.listdir(users):      # the initrd's programs, not the test builds
            path = os.path.join(users, name)
            if os.path.isfile(path):
                shutil.copy(path, os.path.join(tree, "build", "user", name))


def _changed_sources(root: str, tree: str) -> List[str]:
    """Tree's files that the reference does not have byte for byte."""
    names = subprocess.run(["git", "ls-files", "-z"], cwd=tree, stdout=subprocess.PIPE,
                           check=True).stdout.decode().split("\0")
    return [n for n in names if n and not (os.path.isfile(os.path.join(root, n)) and
                                           filecmp.cmp(os.path.join(root, n),
                                                       os.path.join(tree, n), shallow=False))]


_up_to_date_lock = threading.Lock()


def _brought_up_to_date(root: str) -> bool:
    """Make root's build current, once per process (a test run, a grading): an object
    older than its source there would otherwise pass for current in a tree. (The
    handout checks run at the same time: the first one makes, the others wait.)"""
    with _up_to_date_lock:
        return _make_once(root)


@functools.lru_cache(maxsize=None)
def _make_once(root: str) -> bool:
    r = subprocess.run(["make", "--no-print-directory", "-j2", "build/siglab.iso"], cwd=root,
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    return r.returncode == 0


def reuse_objects(root: str, tree: str) -> None:
    """Give tree (a fresh tools/handout output) root's objects; see the module doc.
    If root does not build, tree builds from scratch."""
    if not _brought_up_to_date(root):
        return
    _copy_objects(root, tree)
    for name in _changed_sources(root, tree):
        os.utime(os.path.join(tree, name))      # newer than every copied object
