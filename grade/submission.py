"""Grading students' work: one submission (make grade SUBMISSION=dir), many
(make grade-batch SUBMISSIONS=dir), and the bundle for Gradescope-style autograders
(make grade-bundle).

A submission is graded in a pristine copy of the handout into which only the files
the labs let students change are copied: each lab's kern/signal files (tests.py's
LABS) and labs/answers/labN.txt. Grading lab N takes the files of labs 1..N, since a
student's lab N builds on their earlier labs; the other labs keep the handout's stubs.
Edits to the grader, the tests or anything else in the submission do not count.

The pristine copy: in the instructor's tree (solutions present) tools/handout cuts it
with every lab stubbed, as students got it; in a handout or a bundle, the tree itself
is copied.
"""

import argparse
import contextlib
import csv
import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Set, TextIO, Tuple

from . import core
from . import prebuilt
from . import report as reports
from . import source_check
from .gradelib import Lab, Test
from .runner import FAIL, Result

# The tree whose lab files (or grade/reference_names.json) say what a lab file may use.
REFERENCE_ROOT = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))

BUILD_TIMEOUT = 600
SOLUTION = re.compile(r"LAB \d+: BEGIN SOLUTION")
SKIP = {"build", ".git", "__pycache__"}


# ---- the pristine tree ---------------------------------------------------------------

def has_solutions(root: str) -> bool:
    d = os.path.join(root, "kern", "signal")
    for name in os.listdir(d):
        with open(os.path.join(d, name), errors="replace") as f:
            if SOLUTION.search(f.read()):
                return True
    return False


def make_pristine(root: str, dest: str, head_start: bool = True) -> None:
    """dest := the handout of root (every lab stubbed), or a copy of root if it is a
    handout already. head_start: give it root's compiled objects, so that its build
    compiles only the stubs (grade/prebuilt.py); not for a tree that is shipped."""
    if os.path.exists(dest):
        shutil.rmtree(dest)
    if has_solutions(root):
        r = subprocess.run([sys.executable, os.path.join(root, "tools", "handout"),
                            "--labs", "1 2 3 4 5", "--out", dest], cwd=root,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if r.returncode != 0:
            sys.exit("grade: cannot cut the handout:\n" + r.stdout.decode(errors="replace"))
        if head_start:
            prebuilt.reuse_objects(root, dest)
    else:
        shutil.copytree(root, dest, symlinks=True,
                        ignore=lambda d, names: [n for n in names if n in SKIP])


def manifest(labs: Sequence[Lab], lab_numbers: Set[int]) -> List[str]:
    """The files students may change for the labs graded (cumulative)."""
    top = max(lab_numbers) if lab_numbers else max(l.number for l in labs)
    files: List[str] = []
    for lab in labs:
        if 1 <= lab.number <= top:
            for f in lab.files + ["labs/answers/lab%d.txt" % lab.number]:
                if f not in files:
                    files.append(f)
    return files


# ---- copying a submission in ---------------------------------------------------------

def find_root(sub: str) -> Optional[str]:
    """The directory of the submission that holds kern/signal (the repository's top),
    searched up to three levels down; None for a flat upload of loose files."""
    for dirpath, dirnames, _ in os.walk(sub):
        depth = os.path.relpath(dirpath, sub).count(os.sep) + (dirpath != sub)
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP and depth < 3)
        if os.path.isdir(os.path.join(dirpath, "kern", "signal")):
            return dirpath
    return None


def locate(sub: str, root: Optional[str], rel: str) -> Optional[str]:
    if root:
        path = os.path.join(root, rel)
        return path if os.path.isfile(path) else None
    # A flat upload (Gradescope lets students drop files): match the file name.
    hits: List[str] = []
    for dirpath, dirnames, filenames in os.walk(sub):
        dirnames[:] = [d for d in dirnames if d not in SKIP]
        if os.path.basename(rel) in filenames:
            hits.append(os.path.join(dirpath, os.path.basename(rel)))
    return hits[0] if len(hits) == 1 else None


def overlay(sub: str, tree: str, files: Sequence[str], all_labs: Sequence[Lab] = ()) -> List[str]:
    """Copy the manifest's files from sub into tree; returns notes on what happened."""
    root = find_root(sub)
    notes: List[str] = []
    for rel in files:
        src = locate(sub, root, rel)
        if src is None:
            notes.append("%s: not in the submission; the handout's version is used" % rel)
            continue
        dest = os.path.join(tree, rel)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        shutil.copyfile(src, dest)      # a new mtime: make rebuilds it
        notes.append("%s: from the submission" % rel)
    later: Dict[str, int] = {}
    for lab in all_labs:
        for f in lab.files:
            if f not in files:
                later.setdefault(f, lab.number)
    for rel in changed_elsewhere(sub, root, tree, files):
        if rel in later:
            notes.append("%s: not used here (lab %d's file; graded with lab %d)"
                         % (rel, later[rel], later[rel]))
        else:
            notes.append("%s: ignored (not a file the labs let you change)" % rel)
    return notes


def changed_elsewhere(sub: str, root: Optional[str], tree: str, files: Sequence[str]) -> List[str]:
    """Files of the submission outside the manifest that are new or differ from the
    handout's: the grader ignores them, and says so."""
    base = root or sub
    out: List[str] = []
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP)
        for fn in sorted(filenames):
            path = os.path.join(dirpath, fn)
            rel = os.path.relpath(path, base)
            if rel in files or (not root and fn in {os.path.basename(f) for f in files}):
                continue
            theirs = os.path.join(tree, rel)
            if not os.path.isfile(theirs) or not same_bytes(path, theirs):
                out.append(rel)
    return out


def same_bytes(a: str, b: str) -> bool:
    with open(a, "rb") as fa, open(b, "rb") as fb:
        return fa.read() == fb.read()


def build(tree: str) -> Tuple[bool, str]:
    """make the image; returns (ok, output)."""
    try:
        r = subprocess.run(["make", "-C", tree, "-j2", "build/siglab.iso"],
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=BUILD_TIMEOUT)
    except subprocess.TimeoutExpired:
        return False, "make did not finish within %d s" % BUILD_TIMEOUT
    return r.returncode == 0, r.stdout.decode(errors="replace")


def not_run(labs: Sequence[Lab], graded: Sequence[Test], opts: argparse.Namespace, notes: Iterable[str],
            why: str, text: str) -> reports.Report:
    """The report of a submission nothing could be run for: every test FAIL with a
    one-line reason; the long text (the build log, the source check's findings) goes
    into the notes once, not into every test."""
    results = {t.id: Result(t, FAIL, details="not run: %s (see above)" % why) for t in graded}
    return reports.Report(labs, graded, results, opts.seed, 0.0, list(notes) + [why + ":\n" + text])


def build_failed(labs: Sequence[Lab], graded: Sequence[Test], opts: argparse.Namespace, output: str,
                 notes: Iterable[str]) -> reports.Report:
    tail = "\n".join(output.strip().splitlines()[-40:])
    return not_run(labs, graded, opts, notes, "build failed", tail)


def source_check_failed(labs: Sequence[Lab], graded: Sequence[Test], opts: argparse.Namespace,
                        problems: Sequence[str], notes: Iterable[str]) -> reports.Report:
    return not_run(labs, graded, opts, notes, "source check failed",
                   "\n".join("  " + p for p in problems))


def grade_in(tree: str, sub: str, labs: Sequence[Lab], graded: Sequence[Test],
             to_run: Sequence[Test], all_labs: Sequence[Lab], opts: argparse.Namespace, out: TextIO,
             logdir: Optional[str] = None, total: bool = True) -> reports.Report:
    """Overlay sub onto tree (a pristine copy), check and build it, grade; returns the
    Report. Grading lab N takes the submission's files of labs 1..N only (manifest)."""
    files = manifest(all_labs, {l.number for l in labs})
    notes = overlay(sub, tree, files, all_labs)
    out.write("submission %s, for %s:\n%s\n" % (
        sub, ", ".join("lab %d" % l.number for l in labs), "".join("  %s\n" % n for n in notes)))
    out.flush()
    with open(os.path.join(tree, "build-output.txt"), "w") as f:
        f.write("(not built yet)\n")
    if opts.source_check:
        lab_files = sorted({f for lab in all_labs for f in lab.files})
        submitted = [rel for rel in files if "%s: from the submission" % rel in notes]
        problems = source_check.check_submission(
            tree, submitted, source_check.load_reference(REFERENCE_ROOT, lab_files))
        if problems:
            out.write("the source check failed:\n%s\n" % "".join("  %s\n" % p for p in problems))
            report = source_check_failed(labs, graded, opts, problems, notes)
            core.print_tables(report, out, total)
            return report
    ok, output = build(tree)
    with open(os.path.join(tree, "build-output.txt"), "w") as f:
        f.write(output)
    if not ok:
        out.write("the kernel did not build:\n%s\n" % reports.indent(
            "\n".join(output.strip().splitlines()[-40:]), "  "))
        report = build_failed(labs, graded, opts, output, notes)
        core.print_tables(report, out, total)
        return report
    iso = os.path.join(tree, "build", "siglab.iso")
    return core.grade(labs, graded, to_run, iso, logdir or os.path.join(tree, "build", "grade", "logs"),
                      opts, out, notes, total)


def grade_each_lab(tree: str, sub: str, labs: Sequence[Lab], all_labs: Sequence[Lab],
                   tests: Sequence[Test], opts: argparse.Namespace, out: TextIO,
                   logdir: Optional[str] = None) -> reports.Report:
    """Grade every lab in labs as `make grade-labN SUBMISSION=` would: lab N with the
    submission's files of labs 1..N and the handout's stubs after N, so a bug in a
    later lab cannot cost an earlier one its points. tree is a pristine copy; each lab
    is graded in a copy of it. Returns one Report for all of them."""
    if len(labs) == 1:
        _, graded, to_run = core.select(all_labs, tests, {labs[0].number}, opts.k)
        return grade_in(tree, sub, labs, graded, to_run, all_labs, opts, out, logdir)
    ok, output = build(tree)        # once, so each lab's copy rebuilds only its files
    if not ok:
        sys.exit("grade: the handout itself does not build:\n" + output[-4000:])
    parts: List[reports.Report] = []
    logs: List[str] = []
    for lab in labs:
        work = tree + ".lab%d" % lab.number
        if os.path.exists(work):
            shutil.rmtree(work)
        shutil.copytree(tree, work, symlinks=True)
        _, graded, to_run = core.select(all_labs, tests, {lab.number}, opts.k)
        parts.append(grade_in(work, sub, [lab], graded, to_run, all_labs, opts, out,
                              logdir or os.path.join(tree, "build", "grade", "logs"), total=False))
        with open(os.path.join(work, "build-output.txt")) as f:
            logs.append("==== lab %d\n%s" % (lab.number, f.read()))
        shutil.rmtree(work)
    with open(os.path.join(tree, "build-output.txt"), "w") as f:
        f.write("\n".join(logs))
    report = merge(parts)
    out.write(reports.total_text(report))
    out.flush()
    return report


def merge(parts: Sequence[reports.Report]) -> reports.Report:
    """One Report from per-lab ones: each lab's own results; its prerequisites stay
    out (they are the earlier labs' own tests, graded in their own trees)."""
    labs: List[Lab] = []
    graded: List[Test] = []
    results: Dict[str, Result] = {}
    notes: List[str] = []
    for r in parts:
        labs += r.labs
        graded += r.graded
        results.update({t.id: r.results[t.id] for t in r.graded})
        notes += [n for n in r.notes if n not in notes]
    return reports.Report(labs, graded, results, parts[0].seed, sum(r.secs for r in parts), notes)


def check_dir(path: Optional[str], what: str) -> str:
    if not path or not os.path.isdir(path):
        sys.exit("grade: %s %r is not a directory" % (what, path))
    return os.path.abspath(path)


@contextlib.contextmanager
def exclusive(tree: str) -> Iterator[None]:
    """Hold tree's lock (TREE.lock beside it) for a whole grading. Two gradings from one
    checkout (two terminals, two make grade SUBMISSION= runs) share the tree: the
    second waits for the first instead of deleting and rebuilding it under its feet."""
    os.makedirs(os.path.dirname(tree), exist_ok=True)
    with open(tree + ".lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("grade: %s is in use by another grading; waiting for it to finish" % tree,
                  file=sys.stderr, flush=True)
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield


# ---- modes ---------------------------------------------------------------------------

def grade_submission(root: str, opts: argparse.Namespace, all_labs: Sequence[Lab], tests: Sequence[Test]) -> int:
    sub = check_dir(opts.submission, "SUBMISSION")
    labs, _, _ = core.select(all_labs, tests, set(opts.lab), opts.k)
    out = sys.stderr if opts.format != "text" and not opts.output else sys.stdout
    tree = os.path.join(root, "build", "grade", "submission")
    with exclusive(tree):
        make_pristine(root, tree)
        try:
            report = grade_each_lab(tree, sub, labs, all_labs, tests, opts, out)
        except KeyboardInterrupt:
            print("\ngrade: interrupted", file=sys.stderr)
            return 130
    core.emit(report, opts.format, opts.output)
    return core.exit_status(report, opts)


def batch(root: str, opts: argparse.Namespace, all_labs: Sequence[Lab], tests: Sequence[Test]) -> int:
    subs_dir = check_dir(opts.batch, "SUBMISSIONS")
    names = sorted(d for d in os.listdir(subs_dir)
                   if os.path.isdir(os.path.join(subs_dir, d)) and not d.startswith("."))
    if not names:
        sys.exit("grade: no submissions (subdirectories) in %s" % subs_dir)
    outdir = os.path.abspath(opts.output or os.path.join(root, "build", "grade", "batch"))
    os.makedirs(outdir, exist_ok=True)
    with exclusive(os.path.join(outdir, ".pristine")):
        return grade_batch(root, opts, all_labs, tests, subs_dir, names, outdir)


def grade_batch(root: str, opts: argparse.Namespace, all_labs: Sequence[Lab], tests: Sequence[Test],
                subs_dir: str, names: Sequence[str], outdir: str) -> int:
    """batch's work, in outdir (its lock held): every submission of subs_dir named in names."""
    labs, _, _ = core.select(all_labs, tests, set(opts.lab), opts.k)

    # Build the pristine tree once; each submission starts from a copy of it (mtimes
    # kept), so make rebuilds only the files the submission brought.
    pristine = os.path.join(outdir, ".pristine")
    make_pristine(root, pristine)
    ok, output = build(pristine)
    if not ok:
        sys.exit("grade: the handout itself does not build:\n" + output[-4000:])

    rows: List[Dict[str, Any]] = []
    seed = opts.seed
    for name in names:
        print("==== %s" % name, flush=True)
        tree = os.path.join(outdir, ".work")
        if os.path.exists(tree):
            shutil.rmtree(tree)
        shutil.copytree(pristine, tree, symlinks=True)
        opts.seed = "%s:%s" % (seed, name)
        logdir = os.path.join(outdir, name, "logs")
        if os.path.exists(logdir):
            shutil.rmtree(logdir)
        try:
            report = grade_each_lab(tree, os.path.join(subs_dir, name), labs, all_labs, tests,
                                    opts, sys.stdout, logdir)
        except KeyboardInterrupt:
            print("\ngrade: interrupted", file=sys.stderr)
            return 130
        os.makedirs(os.path.join(outdir, name), exist_ok=True)
        shutil.copyfile(os.path.join(tree, "build-output.txt"), os.path.join(outdir, name, "build.txt"))
        with open(os.path.join(outdir, name, "results.json"), "w") as f:
            f.write(reports.to_json(report))
        got, out_of = report.total()
        row: Dict[str, Any] = {"submission": name, "build": "failed" if "build failed" in report.notes else "ok"}
        for lab in labs:
            row["lab%d" % lab.number] = report.lab_score(lab)[0]
        row.update({"score": got, "max": out_of, "percent": round(report.percent(), 1)})
        rows.append(row)
        print()
    shutil.rmtree(os.path.join(outdir, ".work"), ignore_errors=True)

    with open(os.path.join(outdir, "summary.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    with open(os.path.join(outdir, "summary.json"), "w") as f:
        json.dump({"seed": seed, "labs": [l.number for l in labs], "submissions": rows}, f, indent=2)
    print("%-24s %s" % ("submission", " ".join("%6s" % k for k in rows[0] if k != "submission")))
    for row in rows:
        print("%-24s %s" % (row["submission"], " ".join("%6s" % v for k, v in row.items()
                                                         if k != "submission")))
    print("summary: %s, %s" % (os.path.join(outdir, "summary.csv"), os.path.join(outdir, "summary.json")))
    return 0


# ---- the Gradescope bundle -------------------------------------------------------------

SETUP = """#!/usr/bin/env bash
# Gradescope autograder setup: runs once, as root, when the image is built (Ubuntu).
# Installs what siglab needs (tools/deps.sh: gcc, make, grub, xorriso, mtools, qemu,
# musl-tools, python3) and builds the handout once, which proves the toolchain works.
set -euo pipefail
cd /autograder/source
if ! command -v python3 >/dev/null; then
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3
fi
tools/deps.sh
make build/siglab.iso
"""

RUN = """#!/usr/bin/env bash
# Gradescope runs this for each submission: copy the student's lab files into a fresh
# copy of the handout, build it, grade it, and write results/results.json. If the
# grader itself fails, results.json still says so (score 0, the error shown), so the
# student sees a message instead of a broken autograder.
set -uo pipefail
cd /autograder/source
mkdir -p /autograder/results
results=/autograder/results/results.json
rm -f "$results"
# --timelines: a failing test's output says where its signal story first differs from
# the reference kernel's (reference.iso, which make grade-bundle puts in the bundle).
python3 -m grade --submission /autograder/submission %s--format gradescope \\
    --timelines --reference-iso /autograder/source/reference.iso \\
    --output "$results" >/autograder/results/grader-output.txt 2>&1
status=$?
cat /autograder/results/grader-output.txt
python3 -m grade --check-results "$results" /autograder/results/grader-output.txt "$status"
"""


def check_results(path: str, log_path: str, status: str) -> int:
    """run_autograder's safety net: if the grader left no valid results.json, write
    one that scores 0 and shows what went wrong."""
    try:
        with open(path) as f:
            json.load(f)
        return 0
    except (OSError, ValueError):
        pass
    try:
        with open(log_path, errors="replace") as f:
            log = f.read()[-6000:]
    except OSError:
        log = "(no output)"
    with open(path, "w") as f:
        json.dump({"score": 0, "output": "The autograder itself failed (status %s); this is not "
                   "your fault. Tell the course staff. Its output:\n%s" % (status, log),
                   "stdout_visibility": "visible", "tests": []}, f, indent=2)
    return 0


def bundle(root: str, opts: argparse.Namespace) -> int:
    # By default a bundle grades the labs students write (1-5), not lab 0's free
    # points; --lab N grades lab N only.
    lab = opts.lab[-1] if opts.lab else None
    suffix = "-lab%d" % lab if lab is not None else ""
    stage = os.path.join(root, "build", "grade-bundle" + suffix)
    make_pristine(root, stage, head_start=False)    # (zipped: no build outputs in it)
    shutil.rmtree(os.path.join(stage, ".git"), ignore_errors=True)
    for name, text in (("setup.sh", SETUP),
                       ("run_autograder", RUN % ("--lab %d " % lab if lab is not None
                                                 else "".join("--lab %d " % n for n in range(1, 6))))):
        with open(os.path.join(stage, name), "w") as f:
            f.write(text)
        os.chmod(os.path.join(stage, name), 0o755)
    reference = os.path.join(root, "build", "siglab.iso")
    if has_solutions(root) and os.path.exists(reference):     # for --timelines
        shutil.copyfile(reference, os.path.join(stage, "reference.iso"))
    zpath = os.path.abspath(opts.output or stage + ".zip")
    with zipfile.ZipFile(zpath, "w", zipfile.ZIP_DEFLATED) as z:
        for dirpath, dirnames, filenames in os.walk(stage):
            dirnames.sort()
            for fn in sorted(filenames):
                path = os.path.join(dirpath, fn)
                info = zipfile.ZipInfo(os.path.relpath(path, stage), (1980, 1, 1, 0, 0, 0))
                info.external_attr = (os.stat(path).st_mode & 0o777 | 0o100000) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                with open(path, "rb") as f:
                    z.writestr(info, f.read())
    print("grade: %s (%s; setup.sh, run_autograder and the handout with every lab stubbed)"
          % (os.path.relpath(zpath), "grades lab %d" % lab if lab is not None else "grades labs 1-5"))
    return 0
