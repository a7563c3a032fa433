"""The grading run itself, shared by the grader's modes (grade/__main__.py): which
tests to run, running them (prerequisites first, JOBS QEMUs at a time), printing each
lab's table as it completes, and writing the results in the format asked for."""

import argparse
import concurrent.futures as cf
import os
import random
import shutil
import sys
import time
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Set, TextIO, Tuple

from . import qemu
from .gradelib import Lab, Test
from . import report as reports
from . import runner
from .runner import PASS, PREREQ, Result


def load_tests() -> Tuple[List[Lab], List[Test]]:
    from . import tests as module
    ids = [t.id for t in module.TESTS]
    dups = {i for i in ids if ids.count(i) > 1}
    if dups:
        sys.exit("grade: tests.py defines %s twice" % ", ".join(sorted(dups)))
    for lab in module.LABS:
        points = sum(t.points for t in module.TESTS if t.lab == lab.number)
        if points != 100:
            sys.exit("grade: lab %d's tests are worth %d points, not 100" % (lab.number, points))
    return module.LABS, module.TESTS


def env_float(name: str, default: float) -> float:
    for var in (name, "KRUN_TIMEOUT_SCALE" if name == "GRADE_TIMEOUT_SCALE" else None):
        if var and os.environ.get(var):
            try:
                return float(os.environ[var])
            except ValueError:
                sys.exit("grade: %s is not a number: %r" % (var, os.environ[var]))
    return default


# ---- choosing and ordering tests -----------------------------------------------------

def select(labs: Sequence[Lab], tests: Sequence[Test], lab_numbers: Set[int],
           substring: str) -> Tuple[List[Lab], List[Test], List[Test]]:
    """(labs graded, tests graded, tests to run): the graded ones plus the tests they
    need, transitively."""
    chosen = [l for l in labs if not lab_numbers or l.number in lab_numbers]
    numbers = {l.number for l in chosen}
    graded = [t for t in tests if t.lab in numbers and substring in t.id]
    by_id = {t.id: t for t in tests}
    wanted: Set[str] = set()
    todo = [t.id for t in graded]
    while todo:
        tid = todo.pop()
        if tid in wanted:
            continue
        if tid not in by_id:
            sys.exit("grade: a test needs %s, which tests.py does not define" % tid)
        wanted.add(tid)
        todo += by_id[tid].needs
    chosen = [l for l in chosen if any(t.lab == l.number for t in graded)]
    return chosen, graded, [t for t in tests if t.id in wanted]


def nonce_for(seed: str, test: Test) -> int:
    return random.Random("%s:%s" % (seed, test.id)).randrange(100000, 900000)


def run_and_explain(test: Test, nonce: int, iso: str, logdir: str, scale: float,
                    timelines: Optional[Tuple[Optional[str]]]) -> Result:
    """runner.run_test; then, for a test that did not pass and with timelines (a
    1-tuple: the reference image, or None), its sigview page (grade/timeline.py)."""
    result = runner.run_test(test, nonce, iso, logdir, scale)
    if timelines is not None and result.verdict != PASS:
        from . import timeline
        try:
            timeline.attach(result, nonce, iso, timelines[0], scale)
        except Exception as e:      # the page is a help: it must not cost the verdict
            result.details += "\n(no timeline: %r)" % e
    return result


def run_tests(to_run: Sequence[Test], seed: str, iso: str, logdir: str, jobs: int, scale: float,
              on_result: Callable[[Optional[Result], Dict[str, Result]], None],
              timelines: Optional[Tuple[Optional[str]]] = None) -> Dict[str, Result]:
    """Run tests, jobs at a time, each once its prerequisites have passed (a test whose
    prerequisite failed is PREREQ, not run). Returns {id: Result}."""
    results: Dict[str, Result] = {}
    pending = list(to_run)
    running: Dict["cf.Future[Result]", Test] = {}
    run_ids = {t.id for t in to_run}
    with cf.ThreadPoolExecutor(max_workers=jobs) as pool:
        try:
            while pending or running:
                for t in list(pending):
                    if len(running) >= jobs:
                        break
                    deps = [d for d in t.needs if d in run_ids]
                    if any(d not in results for d in deps):
                        continue
                    pending.remove(t)
                    failed = [d for d in deps if results[d].verdict != PASS]
                    if failed:
                        why = ", ".join("%s (%s)" % (d, results[d].verdict) for d in failed)
                        results[t.id] = Result(t, PREREQ, details="not run: it needs %s, which "
                                               "did not pass; fix that first" % why)
                        on_result(results[t.id], results)
                        continue
                    fut = pool.submit(run_and_explain, t, nonce_for(seed, t), iso, logdir,
                                      scale, timelines)
                    running[fut] = t
                if not running:
                    continue
                done, _ = cf.wait(running, return_when=cf.FIRST_COMPLETED)
                for fut in done:
                    t = running.pop(fut)
                    try:
                        results[t.id] = fut.result()
                    except Exception as e:      # a grader bug must not hide other results
                        results[t.id] = Result(t, runner.FAIL, details="grader error: %r" % e)
                    on_result(results[t.id], results)
        except KeyboardInterrupt:
            pool.shutdown(wait=False, cancel_futures=True)
            runner.kill_all()
            raise
    return results


class Printer:
    """Prints each lab's table as soon as all its tests are done, labs in order."""

    def __init__(self, labs: Iterable[Lab], graded: Sequence[Test], out: TextIO) -> None:
        self.labs, self.graded, self.out = list(labs), graded, out
        self.next = 0

    def __call__(self, result: Optional[Result], results: Dict[str, Result]) -> None:
        while self.next < len(self.labs):
            lab = self.labs[self.next]
            mine = [t for t in self.graded if t.lab == lab.number]
            if any(t.id not in results for t in mine):
                return
            self.next += 1
            if not mine:
                continue
            w = self.out.write
            w(reports.lab_header(lab) + "\n")
            for t in mine:
                r = results[t.id]
                w(reports.test_line(r) + "\n")
                if r.verdict != PASS:
                    w(reports.indent(reports.failure_text(r)))
            got, out_of = sum(results[t.id].score for t in mine), sum(t.points for t in mine)
            w("lab%d: %d/%d\n\n" % (lab.number, got, out_of))
            self.out.flush()


def print_tables(report: reports.Report, out: TextIO, total: bool = True) -> None:
    """Every lab's table (and the total), for a report whose results are all there (a
    submission that did not build or pass the source check: every test 0)."""
    printer = Printer(report.labs, report.graded, out)
    printer(None, report.results)
    if total:
        out.write(reports.total_text(report))
    out.flush()


def grade(labs: Sequence[Lab], graded: Sequence[Test], to_run: Sequence[Test], iso: str,
          logdir: str, opts: argparse.Namespace, out: TextIO, notes: Iterable[str] = (),
          total: bool = True) -> reports.Report:
    """Run and print (the total too, unless total=False); returns the Report."""
    if not os.path.exists(iso):
        sys.exit("grade: %s does not exist (run make first)" % iso)
    if shutil.which(qemu.QEMU) is None:
        sys.exit("grade: %s not found: run tools/deps.sh" % qemu.QEMU)
    start = time.monotonic()
    out.write("siglab grade: %d tests, %d QEMU%s at a time, seed %s\n\n" % (
        len(to_run), opts.jobs, "s" if opts.jobs > 1 else "", opts.seed))
    out.flush()
    printer = Printer(labs, graded, out)
    timelines = (getattr(opts, "reference_iso", None),) if getattr(opts, "timelines", False) \
        else None
    results = run_tests(to_run, opts.seed, iso, logdir, opts.jobs, opts.scale, printer, timelines)
    report = reports.Report(labs, graded, results, opts.seed, time.monotonic() - start, notes)
    if total:
        out.write(reports.total_text(report))
        out.flush()
    return report


def emit(report: reports.Report, fmt: str, output: Optional[str]) -> None:
    if fmt == "text":
        return
    data = reports.FORMATS[fmt](report)
    if output and output != "-":
        os.makedirs(os.path.dirname(os.path.abspath(output)), exist_ok=True)
        with open(output, "w") as f:
            f.write(data)
        sys.stderr.write("grade: %s results in %s\n" % (fmt, output))
    else:
        sys.stdout.write(data)


def exit_status(report: reports.Report, opts: Any, err: TextIO = sys.stderr) -> int:
    """0, or 1 when the total is below --fail-under (MIN_SCORE) percent."""
    if report.percent() < opts.fail_under:
        err.write("grade: %.1f%% is below the minimum of %g%%\n" % (report.percent(), opts.fail_under))
        return 1
    return 0
