"""make test's checks of the autograder and the handouts (docs/design.md section 7), for
tests/run_tests.py. Each check is (name, ok, details, seconds):

  handout/markers-NAME  (host only, with the unit tests) a marker mistake stops
                        tools/handout with a clear message (tests/handout/markers.py)
  grade/native          the grade programs, run natively on Linux, print what
                        grade/tests.py expects: the tests expect Linux's behaviour
  grade/reference       make grade on this tree: full marks in every lab
  grade/report-formats  JUnit shows PREREQ as skipped; --fail-under sets the exit status
  grade/source-check    grade/source_check.py passes the reference and refuses
                        assembly, port I/O, serial, fw_cfg, power-off, foreign calls
  grade/bundle          grade --bundle's zip holds the handout and the two scripts,
                        no build output
  grade/two-at-once     two grade --submission runs of one checkout at once: the
                        second waits for the first's tree, and both score 100
  grade/lab-pages       each labs/labN.md gives the number of tests grade/tests.py has;
                        lab 5's decision strings are those of kern/signal/restart.c
  grade/cheat-NAME      cheating lab 1 submissions score 0 (tests/handout/cheats.py)
  handout/lab1-symptoms labs/lab1.md's "Common mistakes" show what make grade-lab1
                        prints for each mistake (tests/handout/symptoms.py)
  handout/labN-upto, handout/labN-only   the stubbed handouts score as they must
                        (tests/handout/stubs.py)

tests/handout/ is instructor-only: in a student handout the marker and handout checks
are simply absent.
"""

import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
HANDOUT_TESTS = os.path.join(ROOT, "tests", "handout")
GRADE = [sys.executable, "-S", "-B", "-m", "grade"]   # run from ROOT (_run); -S: no .pth hooks (stdlib only)
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)        # for `from grade import ...`


def _instructor_module(name):
    if not os.path.isdir(HANDOUT_TESTS):
        return None
    if HANDOUT_TESTS not in sys.path:
        sys.path.insert(0, HANDOUT_TESTS)
    return __import__(name)


def marker_checks(substring=""):
    markers = _instructor_module("markers")
    return markers.check_markers(ROOT, substring) if markers else iter(())


def _run(cmd, timeout):
    try:
        r = subprocess.run(cmd, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=timeout)
        return r.returncode, r.stdout.decode(errors="replace")
    except subprocess.TimeoutExpired:
        return None, "timed out after %d s" % timeout


def native_check():
    """One retry: native runs share the machine with whatever else runs, and a few tests
    measure time."""
    status, out = _run(GRADE + ["--native"], 300)
    if status != 0:
        status, out = _run(GRADE + ["--native"], 300)
    if status == 0:
        return True, ""
    return False, "\n".join(l for l in out.splitlines() if not l.rstrip().endswith(("PASS", ")")))


def reference_check(jobs, seed, scale):
    result_file = os.path.join(ROOT, "build", "grade", "reference.json")
    if os.path.exists(result_file):
        os.unlink(result_file)
    status, out = _run(GRADE + ["--format", "json", "--output", result_file,
                                "-j", str(jobs), "--seed", seed], int(900 * scale))
    try:
        with open(result_file) as f:
            results = json.load(f)
    except (OSError, ValueError):
        return False, "grading failed (status %s):\n%s" % (status, out[-3000:])
    problems = []
    for lab in results["labs"]:
        if lab["score"] != lab["max"]:
            problems.append("lab %d: %d/%d" % (lab["lab"], lab["score"], lab["max"]))
            for t in lab["tests"]:
                if t["verdict"] != "PASS":
                    problems.append("  %s %s" % (t["id"], t["verdict"]))
                    problems += ["      " + l for l in t["details"].splitlines()[:15]]
    if problems:
        problems.append("(seed %s; logs in build/grade/logs/)" % seed)
    return not problems, "\n".join(problems)


def report_check():
    """JUnit shows a PREREQ as skipped, not failed; --fail-under turns a low total into
    exit status 1 (host only: results made up, no QEMU)."""
    import io
    import types
    from grade import core
    from grade import report as reports
    from grade.runner import PASS, FAIL, PREREQ, Result
    labs, tests = core.load_tests()
    lab1 = [t for t in tests if t.lab == 1]
    verdicts = [PASS, FAIL] + [PREREQ] * (len(lab1) - 2)
    results = {t.id: Result(t, v, details="not run: it needs x") for t, v in zip(lab1, verdicts)}
    report = reports.Report([labs[1]], lab1, results, "1", 1.0)
    junit = reports.to_junit(report)
    problems = []
    if junit.count("<skipped") != len(lab1) - 2 or junit.count("<failure") != 1:
        problems.append("JUnit: want %d <skipped> and 1 <failure>:\n%s" % (len(lab1) - 2, junit))
    if 'failures="1" skipped="%d"' % (len(lab1) - 2) not in junit:
        problems.append("JUnit: the suite's failures/skipped counts are wrong:\n" + junit)
    score = report.percent()
    for fail_under, want in ((score, 0), (score + 1, 1), (0, 0)):
        got = core.exit_status(report, types.SimpleNamespace(fail_under=fail_under), io.StringIO())
        if got != want:
            problems.append("--fail-under %g with %.1f%%: exit %d, want %d" % (fail_under, score, got, want))
    problems += results_json_problems()
    return not problems, "\n".join(problems)


def results_json_problems():
    """run_autograder's safety net: a grader that crashed still leaves a results.json
    with score 0 and its output; a good results.json is left alone."""
    import json
    import tempfile
    from grade import submission
    problems = []
    if "--check-results" not in submission.RUN or "--lab 1 --lab 2" not in (
            submission.RUN % "".join("--lab %d " % n for n in range(1, 6))):
        problems.append("run_autograder does not check its results")
    with tempfile.TemporaryDirectory() as tmp:
        results, log = os.path.join(tmp, "results.json"), os.path.join(tmp, "out.txt")
        with open(log, "w") as f:
            f.write("Traceback: the grader fell over\n")
        submission.check_results(results, log, "1")
        with open(results) as f:
            data = json.load(f)
        if data.get("score") != 0 or "the grader fell over" not in data.get("output", ""):
            problems.append("crashed grader: results.json is %r" % data)
        with open(results, "w") as f:
            f.write('{"score": 42}')
        submission.check_results(results, log, "0")
        with open(results) as f:
            if json.load(f) != {"score": 42}:
                problems.append("a valid results.json was replaced")
    return problems


# (snippet added to kern/signal/generate.c, what the source check must say about it)
SOURCE_CHECK_CASES = [
    ('static void f(void) { __asm__ volatile("cli"); }', "inline assembly"),
    ('static void f(void) { outb(0xf4, 0); }', "uses outb (port I/O)"),
    ('static void f(void) { serial_putc(0x3f8, 33); }', "uses serial_putc (the serial ports)"),
    ('static long f(void) { return fwcfg_file_size("x"); }', "uses fwcfg_file_size (QEMU's fw_cfg)"),
    ('#define CAT(a, b) a##b', "token pasting"),
    ('#include "kern/x86.h"', "#include <kern/x86.h>"),
    ('static void f(void) { tss_set_rsp0(0); }', "uses tss_set_rsp0, a kernel interface"),
    ('void mystery(void); static void f(void) { mystery(); }', "calls mystery"),
    ('static void (*g)(void) = (void (*)(void))sys_reboot;', "uses sys_reboot (powering off)"),
]


def source_check_check():
    """The source check passes the reference lab files and refuses each of
    SOURCE_CHECK_CASES, naming file, line and reason (host only)."""
    from grade import core
    from grade import source_check
    labs, _ = core.load_tests()
    files = sorted({f for lab in labs for f in lab.files})
    ref = source_check.reference_names(ROOT, files)
    problems = []
    for rel in files:
        with open(os.path.join(ROOT, rel)) as f:
            found = source_check.check_file(rel, f.read(), ref)
        if found:
            problems.append("the reference %s is refused: %s" % (rel, found))
    rel = "kern/signal/generate.c"
    with open(os.path.join(ROOT, rel)) as f:
        text = f.read()
    line = text.count("\n") + 2
    for snippet, want in SOURCE_CHECK_CASES:
        found = source_check.check_file(rel, text + "\n" + snippet + "\n", ref)
        if not any(p.startswith("%s:%d: " % (rel, line)) and want in p for p in found):
            problems.append("%r: want '%s:%d: ...%s...', got %s" % (snippet, rel, line, want, found))
    return not problems, "\n".join(problems)


def lab_pages_check():
    """Each labs/labN.md says how many tests its lab has ("N tests, 100 points"): the
    number grade/tests.py has."""
    import re
    from grade import core
    labs, tests = core.load_tests()
    problems = []
    for lab in labs:
        page = os.path.join(ROOT, "labs", "lab%d.md" % lab.number)
        if not os.path.exists(page):
            continue
        with open(page) as f:
            said = re.findall(r"(\d+) tests, 100 points", f.read())
        have = sum(t.lab == lab.number for t in tests)
        if lab.number > 0 and not said:
            problems.append("labs/lab%d.md never says how many tests the lab has" % lab.number)
        problems += ["labs/lab%d.md says %s tests; grade/tests.py has %d" % (lab.number, n, have)
                     for n in said if int(n) != have]
    # Lab 5's table of sigtrace decision strings is the reference's (the trace tests
    # compare them line for line).
    with open(os.path.join(ROOT, "kern", "signal", "restart.c")) as f:
        used = set(re.findall(r'sigtrace_restart\(nr, ret, "([^"]*)"\)', f.read()))
    with open(os.path.join(ROOT, "labs", "lab5.md")) as f:
        table = set(re.findall(r"^\| `restart_\w+` \|.*\| `([^`]*)` \|$", f.read(), re.M))
    if used != table:
        problems.append("labs/lab5.md's decision strings %s differ from kern/signal/restart.c's %s"
                        % (sorted(table), sorted(used)))
    return not problems, "\n".join(problems)


def bundle_check():
    """python3 -m grade --bundle: the zip holds the handout, setup.sh and run_autograder,
    and no build output (the grader's own trees start from the reference's objects,
    grade/prebuilt.py; a shipped tree must not)."""
    import tempfile
    import zipfile
    with tempfile.TemporaryDirectory() as tmp:
        zpath = os.path.join(tmp, "bundle.zip")
        status, out = _run(GRADE + ["--bundle", "--output", zpath], 300)
        if status != 0:
            return False, "grade --bundle failed (status %s):\n%s" % (status, out[-2000:])
        with zipfile.ZipFile(zpath) as z:
            names = z.namelist()
    problems = ["%s is not in the bundle" % n
                for n in ("setup.sh", "run_autograder", "kern/signal/generate.c", "Makefile")
                if n not in names]
    built = [n for n in names if n.startswith("build/")]
    if built:
        problems.append("the bundle holds build outputs: %s" % " ".join(built[:5]))
    return not problems, "\n".join(problems)


def two_gradings_check():
    """Two `grade --submission` runs of one checkout at once (two terminals): they share
    build/grade/submission, so the second must wait for the first (and say so), and
    both must score the reference's lab 1 at 100."""
    import shutil
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        sub = os.path.join(tmp, "sub", "kern", "signal")
        os.makedirs(sub)
        shutil.copy(os.path.join(ROOT, "kern", "signal", "generate.c"), sub)
        cmd = GRADE + ["--submission", os.path.join(tmp, "sub"), "--lab", "1", "--seed", "2"]
        procs = [subprocess.Popen(cmd, cwd=ROOT, stdin=subprocess.DEVNULL,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
                 for _ in range(2)]
        outs = [p.communicate(timeout=600)[0].decode(errors="replace") for p in procs]
    problems = []
    waited = sum("in use by another grading; waiting" in o for o in outs)
    if waited != 1:
        problems.append("%d of the 2 gradings waited for the other, want 1" % waited)
    for n, o in enumerate(outs):
        if "lab1: 100/100" not in o:
            problems.append("grading %d did not score lab 1 at 100/100:\n%s" % (n + 1, o[-2000:]))
    return not problems, "\n".join(problems)


def _timed(name, fn):
    start = time.monotonic()
    ok, details = fn()
    return name, ok, details, time.monotonic() - start


def grade_jobs(jobs=2, substring=""):
    """The checks whose name contains substring, as jobs independent of one another,
    so that tests/run_tests.py can run them alongside everything else: a function
    that returns a list of (name, ok, details, seconds), or a pair (build, grade) of
    functions, build() needing no QEMU and grade(build()) returning that list. Each runs
    jobs QEMUs at a time. The list is in the order the results are shown."""
    seed = str(int(time.time()))
    try:
        scale = float(os.environ.get("GRADE_TIMEOUT_SCALE") or os.environ.get("KRUN_TIMEOUT_SCALE") or 1)
    except ValueError:
        scale = 1.0
    out = []
    for name, fn in (("grade/report-formats", report_check),
                     ("grade/source-check", source_check_check),
                     ("grade/lab-pages", lab_pages_check),
                     ("grade/bundle", bundle_check),
                     ("grade/native", native_check),
                     ("grade/two-at-once", two_gradings_check),
                     ("grade/reference", lambda: reference_check(jobs, seed, scale))):
        if substring in name:
            out.append(lambda name=name, fn=fn: [_timed(name, fn)])
    cheats = _instructor_module("cheats")
    if cheats:
        out.append(lambda: list(cheats.check_cheats(substring)))
    symptoms = _instructor_module("symptoms")
    if symptoms:
        out.append(lambda: list(symptoms.check(substring)))
    invariant = _instructor_module("broken_invariant")
    if invariant:
        out.append(lambda: list(invariant.check(substring)))
    stubs = _instructor_module("stubs")
    if stubs:
        out += stubs.handout_jobs(ROOT, jobs, seed, scale, substring)
    return out

