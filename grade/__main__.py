"""siglab's autograder: boot each test in a fresh QEMU, compare the console with the
expected lines (grade/tests.py), and score each lab out of 100.

usage: python3 -m grade [--lab N]... [-k SUBSTRING] [-j JOBS] [--format FMT] [--output FILE]
                        [--seed SEED] [--iso ISO] [--native] [--timelines]
                        [--reference-iso ISO]
       python3 -m grade --submission DIR [--lab N]... [--format FMT] [--output FILE]
       python3 -m grade --batch DIR [--lab N]... [--output DIR]
       python3 -m grade --bundle [--lab N] [--output ZIP]
       python3 -m grade --list

  --lab N          grade lab N (repeatable; default: every lab); tests of earlier labs
                   that the chosen ones need run too, as prerequisites
  -k SUBSTRING     only the tests whose id (lab3/frame_layout) contains it
  -j JOBS          QEMUs at once (default 2, or GRADE_JOBS)
  --format FMT     text (default), json, junit or gradescope (results.json); the table
                   still goes to the terminal (stderr if the results go to stdout)
  --output FILE    where the --format results go (default: stdout)
  --seed SEED      the run's random seed (default: random, or GRADE_SEED); each test's
                   nonce and choices derive from it, so a seed replays a run
  --iso ISO        the image to boot (default build/siglab.iso; make builds it)
  --timelines      for each test that does not pass, run its program twice more with
                   sigtrace=detail, on this kernel and on the reference kernel, and
                   write both timelines as one page (tools/sigview), the first
                   difference highlighted: build/grade/logs/labN/NAME.timeline.html
                   (`make grade` turns this on)
  --reference-iso ISO  the reference kernel for --timelines (default GRADE_REFERENCE_ISO;
                   with --submission, this tree's build/siglab.iso when it holds the
                   solutions); without one the page shows your kernel's run alone
  --native         run the grade programs natively instead (they are static Linux
                   binaries) and check the expected lines: do the tests expect what
                   Linux does? (tests marked native=False are skipped)
  --submission DIR grade a student's tree: copy only the files the labs let students
                   change (each lab's files in tests.py, and labs/answers/labN.txt) from
                   DIR into a fresh copy of the handout, build it and grade it
  --batch DIR      do that for every subdirectory of DIR; write per-submission JSON and
                   summary.csv/summary.json into --output (default build/grade/batch)
  --fail-under N   exit with status 1 when the total is below N percent (default: the
                   MIN_SCORE environment variable, or 0: never), for CI systems
  --no-source-check  with --submission/--batch: build and run the lab files even if
                   grade/source_check.py refuses them (for testing the grader itself)
  --bundle         make a zip for Gradescope-style autograders (setup.sh, run_autograder
                   and a handout tree); it grades labs 1-5 (lab 0 has nothing to
                   write, so its free points are left out); --lab N grades lab N only
  --check-results FILE LOG STATUS   (for run_autograder) if FILE is not a valid
                   results.json, write one with score 0 that shows LOG

environment: GRADE_TIMEOUT_SCALE (or KRUN_TIMEOUT_SCALE) multiplies every timeout;
GRADE_JOBS, GRADE_SEED as above; KVM=1 runs QEMU with KVM instead of TCG.
Logs of each test: build/grade/logs/labN/NAME.log.
"""

import argparse
import os
import random
import sys
from typing import Sequence

sys.dont_write_bytecode = True      # no __pycache__ in the source tree

from . import core                  # noqa: E402
from . import report as reports     # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(usage=(__doc__ or "").split("\n\n")[1][len("usage: "):], add_help=False)
    ap.add_argument("-h", "--help", action="store_true")
    ap.add_argument("--lab", type=int, action="append", default=[])
    ap.add_argument("-k", default="")
    ap.add_argument("-j", "--jobs", type=int, default=int(os.environ.get("GRADE_JOBS") or 2))
    ap.add_argument("--format", default="text", choices=["text"] + sorted(reports.FORMATS))
    ap.add_argument("--output")
    ap.add_argument("--seed", default=os.environ.get("GRADE_SEED") or None)
    ap.add_argument("--iso", default=os.path.join(ROOT, "build", "siglab.iso"))
    ap.add_argument("--logdir", default=os.path.join(ROOT, "build", "grade", "logs"))
    ap.add_argument("--native", action="store_true")
    ap.add_argument("--timelines", action="store_true")
    ap.add_argument("--reference-iso", default=os.environ.get("GRADE_REFERENCE_ISO") or None)
    ap.add_argument("--submission")
    ap.add_argument("--batch")
    ap.add_argument("--bundle", action="store_true")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--no-source-check", dest="source_check", action="store_false")
    ap.add_argument("--check-results", nargs=3)
    ap.add_argument("--fail-under", type=float, default=float(os.environ.get("MIN_SCORE") or 0))
    opts = ap.parse_args(argv)
    if opts.help:
        print((__doc__ or "").strip())
        sys.exit(0)
    if opts.jobs < 1:
        ap.error("-j must be at least 1")
    if opts.seed is None:
        opts.seed = str(random.SystemRandom().randrange(10 ** 9))
    opts.scale = core.env_float("GRADE_TIMEOUT_SCALE", 1.0)
    return opts


def main(argv: Sequence[str]) -> int:
    opts = parse_args(argv)
    if opts.check_results:      # run_autograder's safety net (grade/submission.py)
        from . import submission
        return submission.check_results(*opts.check_results)
    all_labs, tests = core.load_tests()
    known = {l.number for l in all_labs}
    for n in opts.lab:
        if n not in known:
            sys.exit("grade: there is no lab %d (labs: %s)" % (n, " ".join(map(str, sorted(known)))))
    labs, graded, to_run = core.select(all_labs, tests, set(opts.lab), opts.k)
    if opts.list:
        for t in tests:
            print("%-28s %3d points  %s" % (t.id, t.points, t.run or "shell: %s" % t.shell))
        return 0

    from . import submission    # only the instructor's modes need it
    if opts.bundle:
        return submission.bundle(ROOT, opts)
    if opts.batch:
        return submission.batch(ROOT, opts, all_labs, tests)
    if opts.submission:
        if opts.reference_iso is None and submission.has_solutions(ROOT):
            opts.reference_iso = os.path.join(ROOT, "build", "siglab.iso")
        return submission.grade_submission(ROOT, opts, all_labs, tests)
    if opts.native:
        from . import native
        return native.run(ROOT, graded, opts)

    out = sys.stderr if opts.format != "text" and not opts.output else sys.stdout
    try:
        report = core.grade(labs, graded, to_run, opts.iso, opts.logdir, opts, out)
    except KeyboardInterrupt:
        print("\ngrade: interrupted", file=sys.stderr)
        return 130
    core.emit(report, opts.format, opts.output)
    return core.exit_status(report, opts)


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except BrokenPipeError:     # python3 -m grade --list | head
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
