#!/usr/bin/env python3
"""The `make test` runner (make builds everything first).

usage: python3 tests/run_tests.py [--unit-only] [-k SUBSTRING] [-j N]

The phases; each test prints "PASS name (1.2s)" or "FAIL name (1.2s)" and, when it
fails, what it saw. The last line is "N passed, M failed"; the exit status is 0 iff
nothing failed.

  unit/test_X   tests/unit/test_X.c, compiled natively with -DHOST_TEST and the kernel
                files its "// sources: kern/a.c kern/b.c" line names, then run from the
                repo root; passes iff it exits with 0 (see tests/unit/check.h)
  diff/NAME     build/user/tests/NAME run natively and in siglab (tools/krun), from
                build/user/tests, stdin /dev/null, environment just SIGLAB_TEST=1;
                passes iff stdout+stderr bytes and exit statuses are the same. In siglab
                ten tests share a boot (krun --batch; the time shown is a share); a test
                whose batched run differs is run again alone, and that run decides
  diff-glibc/NAME  the same for build/user/tests-glibc/NAME, the test built with glibc
                (gcc -static): every differential test runs with both C libraries
  shell-bash/NAME, shell-ash/NAME
                tests/shell/NAME.sh run by Debian's bash-static and by busybox sh, natively
                and in siglab (the same shell binary), from tests/shell, stdin /dev/null,
                environment just SIGLAB_TEST=1; passes iff output and status are the same.
                A script runs other programs as `busybox NAME`: natively /bin/NAME would
                be coreutils', in siglab it is busybox's applet
  ktest/NAME    build/user/ktests/NAME run in siglab only; passes iff it exits with 0
                and prints exactly user/ktests/NAME.expected. With "// as-init" it boots
                as init itself (krun --as-init) and must end in a kernel panic instead;
                each "// log: LINE" must be a line of the kernel log (indentation aside).
                "// cmdline: OPTIONS" boots it with those kernel options too (e.g. strace)

A test program can say, in its source:
  // args: one "two words" ""     its arguments (shell quoting)
  // files: other_prog            more programs from its build directory that it runs
                                  (krun -f: they sit beside it, in its cwd)

  fuzz/seed-1   user/fuzz.c, 50,000 random system calls with hostile arguments: passes
                iff the kernel survives and the free-page count returns to its start
                (make fuzz N=... SEED=... runs a longer campaign)
  trace/NAME    build/user/tests/NAME runs in siglab with sigtrace=detail on; passes iff it
                exits with 0 and its sigtrace lines (and frame pictures) are exactly
                tests/trace/NAME.expected, with code and stack addresses written ADDR
                and the lines' times (which must never go back) taken out
  sigview/NAME  tools/krun --html's timeline page of build/user/tests/NAME, loaded by
                headless Chromium: its DOM and a screenshot (tests/sigview_test.py; its
                host-only parser, story and malformed-log checks run with the unit tests)
  console/NAME  tests/console/NAME.py: types at the shell on siglab's console, control
                characters included, and waits for what should appear (console.py)
  gdb/NAME      tests/gdb/NAME.gdb: gdb in batch mode against QEMU's gdb stub (gdb starts
                QEMU on a pipe, so no TCP port is involved); passes iff every check in
                it holds (see tests/gdb/gdbtest.py)
  docs/gdb-transcripts  the gdb sessions in labs/gdb-*.md, rerun: each page must hold
                exactly what gdb prints today (tools/gdb/transcribe.py --check; `make
                gdb-transcripts` rewrites them)
  docs/sigview-pictures  the timeline pictures in labs/ (labs/pictures/) are those of
                today's trace and today's sigview (tools/sigview/pictures.py --check;
                `make sigview-pictures` redraws them)

Kernel logs of the siglab runs: build/test-logs/NAME.log, build/test-logs/ktests/NAME.log,
build/test-logs/gdb/NAME/.

With the unit tests:
  python/mypy   mypy (tools/deps.sh installs it) with tests/mypy.ini: grade/ with every
                function typed (--disallow-untyped-defs), tests/ and tools/ in mypy's
                default mode; passes iff mypy finds nothing
  python/qemu-launcher  grade/qemu.py builds every QEMU command line (krun, the grader,
                the console and gdb tests, make qemu, make qemu-gdb) and builds it right
                (tests/qemu_launcher.py)
  python/qemu-gdb-port  make qemu-gdb fails on a taken port (naming the uid that holds
                it) without touching build/gdb/session.gdb; make gdb refuses a missing
                or dead session (tests/qemu_gdb_port.py)
  python/grade-typing  the grader types each line of a shell test after the prompt
                that asks for it, even when the answer beats the grader's own thread
                back (tests/grade_typing.py)
  build/no-checkout-path  no build output names the checkout's absolute path, so the
                addresses labs/gdb-*.md show do not depend on where the tree was cloned
                (tests/checkout_path.py)
and the autograder's checks (tests/autograder.py):
  handout/markers-NAME  a marker mistake stops tools/handout with a clear message
  grade/native          the grade programs, run natively, print what grade/tests.py expects
  grade/reference       make grade on this tree scores full marks in every lab
  handout/labN-upto     the handout with labs N..5 stubbed builds, boots, scores full
                        marks on the labs before N and 0 on lab N
  handout/labN-only     the handout with only lab N stubbed scores 0 on lab N
Grading logs: build/grade/logs/ (the reference); a failing handout's tree and logs are
kept, and the failure names where (build/ci/HANDOUT/, or the run's scratch directory).

The code: the differential tests and the shell scripts are in tests/differential.py,
what every kind of test shares (running a process, krun, Result) in tests/testlib.py,
the mypy check in tests/mypy_check.py,
the other kinds and the scheduling here.

How a run is scheduled (run_all): every phase starts at once, and the tests go to -j
workers, each running at most one QEMU, so that -j QEMUs run at a time and no worker
waits for a phase to end; the differential tests' native halves and the handout
trees' builds run beside them in one more worker (no QEMU). Results are printed phase
by phase, in the order above. Scratch trees go to a RAM disk when there is one
(scratch_space).
"""

import argparse
import concurrent.futures
import contextlib
import functools
import itertools
import os
import re
import shlex
import shutil
import sys
import tempfile

sys.dont_write_bytecode = True      # no __pycache__ in the source tree
from testlib import (ROOT, KRUN_FAILED, NATIVE_TIMEOUT, Result, comment_value,  # noqa: E402
                     comment_values, environ_set, indent, kill_all, krun, output_diff, run, show_status,
                     program_options, sources, test_name, text, timed, truncated, not_built)
from differential import SHELLS, diff_phase, shell_test  # noqa: E402
sys.path.insert(0, os.path.join(ROOT, "tests", "gdb"))
sys.path.insert(0, os.path.join(ROOT, "tests", "console"))
import gdbtest  # noqa: E402  (tests/gdb/gdbtest.py: how a gdb test runs)
import console  # noqa: E402  (tests/console/console.py: how a console test runs)
import autograder  # noqa: E402  (tests/autograder.py: the grader's and the handouts' checks)
import qemu_launcher  # noqa: E402  (tests/qemu_launcher.py: one QEMU command line)
import sigview_test  # noqa: E402  (tests/sigview_test.py: tools/sigview's pages)
import qemu_gdb_port  # noqa: E402  (tests/qemu_gdb_port.py: make qemu-gdb's port)
import checkout_path  # noqa: E402  (tests/checkout_path.py: builds that name no checkout)
import grade_typing  # noqa: E402  (tests/grade_typing.py: the grader types after each prompt)
import mypy_check  # noqa: E402  (tests/mypy_check.py: mypy over grade/, tests/, tools/)
UNIT_CFLAGS = ["-std=c11", "-O1", "-g", "-Wall", "-Wextra", "-Werror", "-I.", "-DHOST_TEST"]
SCRATCH_NEEDED = 2 << 30        # bytes free on /dev/shm to use it (scratch_space)


# (Running processes, krun, Result and the reporting helpers: tests/testlib.py. The
# differential tests and the shell scripts: tests/differential.py.)


# ---- phase 1: host unit tests ----------------------------------------------------

def unit_test(source):
    stem = os.path.splitext(os.path.basename(source))[0]
    name = "unit/" + stem
    exe = os.path.join("build", "unit", stem)
    sources = (comment_value(source, "sources") or "").split()
    cmd = ["gcc"] + UNIT_CFLAGS + ["-o", exe, source] + sources
    status, out, _ = run(cmd, NATIVE_TIMEOUT)
    if status != 0:
        return Result(name, False, "compile failed (status %s):\n  %s\n%s" % (
            show_status(status), shlex.join(cmd), indent(text(out))))
    status, out, _ = run([os.path.join(".", exe)], NATIVE_TIMEOUT)
    if status == 0:
        return Result(name, True)
    return Result(name, False, "status %s, output:\n%s" % (
        show_status(status), indent(truncated(text(out).splitlines()))))


# ---- phase 3: kernel tests, in siglab only -----------------------------------------

def ktest(source):
    prog = os.path.splitext(os.path.basename(source))[0]
    name = "ktest/" + prog
    exe_dir = os.path.join(ROOT, "build", "user", "ktests")
    expected_file = os.path.splitext(source)[0] + ".expected"
    if not os.access(os.path.join(exe_dir, prog), os.X_OK):
        return not_built(name, "build/user/ktests/" + prog)
    if not os.path.exists(expected_file):
        return Result(name, False, "%s is missing: it holds the exact output expected"
                      % os.path.relpath(expected_file, ROOT))
    with open(expected_file, "rb") as f:
        expected = f.read()
    try:
        args, files = program_options(source)
    except ValueError as e:
        return Result(name, False, "%s: bad // args: or // files: line: %s" % (source, e))

    log = os.path.join("build", "test-logs", "ktests", prog + ".log")
    with open(source, errors="replace") as f:
        as_init = re.search(r"^//\s*as-init\s*$", f.read(), re.M) is not None
    want_status = KRUN_FAILED if as_init else 0     # init may not exit: a panic ends it
    want_log = comment_values(source, "log")
    status, out, err = krun(prog, exe_dir, args, files, os.path.join(ROOT, log), as_init=as_init,
                            cmdline=comment_value(source, "cmdline") or "")
    try:
        with open(os.path.join(ROOT, log), "rb") as f:
            log_lines = f.read().decode("utf-8", "replace").splitlines()
    except OSError:
        log_lines = []
    if as_init:
        # The console shows the panic too; the backtrace's addresses move with every
        # change, so the panic is checked in the log ("// log:") and cut off here.
        # (panic() starts on a line of its own: the blank line before it goes too.)
        # init writes to the console itself, whose ONLCR turns "\n" into "\r\n".
        out = re.split(rb"\r?\n\r?kernel panic: ", out)[0].replace(b"\r\n", b"\n")
        if out and not out.endswith(b"\n"):
            out += b"\n"
    log_text = {line.strip() for line in log_lines}     # (the log indents some lines)
    missing = [line for line in want_log if line not in log_text]
    if status == want_status and out == expected and not missing:
        return Result(name, True)
    details = "siglab status %s (expected %s)\n" % (show_status(status), show_status(want_status))
    details += output_diff(expected, out, "expected", "siglab")
    for line in missing:
        details += "not in the kernel log: %s\n" % line
    if err.strip():
        details += "krun said:\n" + indent(truncated(text(err).splitlines(), 40))
    details += "kernel log: %s\n" % log
    return Result(name, False, details)


# ---- the sigtrace of a test program -------------------------------------------------

# Code addresses (0x4xxxxx) and stack addresses (0x7fffxxxxxxxx), which move when a
# program or the C library is rebuilt; masks, fault addresses and rax stay as they are.
ADDRESS = re.compile(rb"\b(0x4[0-9a-f]{5}|0x7fff[0-9a-f]{8}|00007fff[0-9a-f]{8})\b")


# sigtrace=detail's "[SECONDS pid N] " (guest time, the running pid): the trace tests
# boot with it, so that sigview's input is tested too, and compare the lines without it
# (the time moves with every change to the kernel or the program). Its "sigdetail: "
# lines (register values) are left out the same way.
TIME_PREFIX = re.compile(rb"^sigtrace: \[(\d+)\.(\d{9}) pid \d+\] ")


def sigtrace_lines(log_bytes):
    """The kernel log's sigtrace lines and frame pictures, addresses written ADDR, times
    removed (a line that goes back in time is kept whole, so that the test fails)."""
    lines, in_picture, last = [], False, (0, 0)
    for line in log_bytes.splitlines():
        m = TIME_PREFIX.match(line)
        if m and (int(m.group(1)), int(m.group(2))) >= last:
            last = (int(m.group(1)), int(m.group(2)))
            line = b"sigtrace: " + line[m.end():]
        if line.startswith(b"sigtrace: "):
            in_picture = line.startswith(b"sigtrace: frame ")
        elif not (in_picture and line.startswith(b"    ")):
            in_picture = False
            continue
        lines.append(ADDRESS.sub(b"ADDR", line.rstrip()) + b"\n")
    return b"".join(lines)


def trace_test(source):
    """tests/trace/NAME.expected: the sigtrace lines of build/user/tests/NAME."""
    prog = os.path.splitext(os.path.basename(source))[0]
    name = "trace/" + prog
    exe_dir = os.path.join(ROOT, "build", "user", "tests")
    if not os.access(os.path.join(exe_dir, prog), os.X_OK):
        return not_built(name, "build/user/tests/" + prog)
    with open(os.path.join(ROOT, source), "rb") as f:
        expected = f.read()
    args, files = program_options(os.path.join("user", "tests", prog + ".c"))
    log = os.path.join(ROOT, "build", "test-logs", "trace", prog + ".log")
    status, _, err = krun(prog, exe_dir, args, files, log, trace=True)
    with open(log, "rb") as f:
        got = sigtrace_lines(f.read())
    if status == 0 and got == expected:
        return Result(name, True)
    details = "siglab status %s (expected 0)\n" % show_status(status)
    details += output_diff(expected, got, "expected", "siglab")
    details += "kernel log: %s\n" % os.path.relpath(log, ROOT)
    return Result(name, False, details)


def sigview_page_test(prog):
    """sigview/PROG (tests/sigview_test.py): krun --html's page, loaded by Chromium."""
    name, ok, details = sigview_test.page_test(prog)
    if ok and details:      # skipped: say so, even though it passes
        print("  %s: %s" % (name, details.strip()), flush=True)
    return Result(name, ok, details)


# ---- phase 4: gdb against QEMU's gdb stub -----------------------------------------

def gdb_test(source):
    stem = os.path.splitext(os.path.basename(source))[0]
    name = "gdb/" + stem
    if not os.path.exists(os.path.join(ROOT, "build", "gdb", "trampoline_page.elf")):
        return Result(name, False, "build/gdb/trampoline_page.elf was not built "
                      "(did `make all` succeed?)")
    log_dir = os.path.join(ROOT, "build", "test-logs", "gdb", stem)
    os.makedirs(log_dir, exist_ok=True)
    status, out, _ = run(gdbtest.gdb_command(source, log_dir), gdbtest.timeout())
    ok, why = gdbtest.verdict(status, text(out))
    if ok:
        return Result(name, True)
    details = why + "\ngdb said:\n" + indent(truncated(text(out).splitlines(), 80))
    details += "QEMU's console, kernel log and stderr: %s/\n" % os.path.relpath(log_dir, ROOT)
    return Result(name, False, details)


# ---- phase 5: the console, typed at like a terminal -----------------------------

def console_test(source):
    stem = os.path.splitext(os.path.basename(source))[0]
    log_dir = os.path.join(ROOT, "build", "test-logs", "console", stem)
    ok, details = console.run(stem, log_dir)
    if not ok:
        details += "console and kernel log: %s/\n" % os.path.relpath(log_dir, ROOT)
    return Result("console/" + stem, ok, details)


# ---- the runner ----------------------------------------------------------------


FUZZ_CALLS, FUZZ_SEED = 50000, 1


def fuzz_test(source):
    """fuzz/seed-1: a short campaign of user/fuzz.c (make fuzz runs a long one): the
    kernel neither panics nor hangs, and no page is lost once everything is reaped."""
    name = "fuzz/seed-%d" % FUZZ_SEED
    log = os.path.join(ROOT, "build", "test-logs", "fuzz.log")
    status, out, err = krun("fuzz", os.path.join(ROOT, "build", "user"),
                            ["-n", str(FUZZ_CALLS), "-s", str(FUZZ_SEED)], [], log)
    if status == 0 and out.rstrip().endswith(b"fuzz: done"):
        return Result(name, True)
    return Result(name, False, "siglab status %s\n%s%s(replay: make fuzz N=%d SEED=%d; "
                  "kernel log: %s)\n" % (show_status(status), text(out), text(err),
                                         FUZZ_CALLS, FUZZ_SEED, os.path.relpath(log, ROOT)))


def docs_test(source):
    """docs/gdb-transcripts: the gdb sessions labs/gdb-*.md show, rerun (tools/gdb/
    transcribe.py --check): the pages must hold what gdb prints today.
    docs/sigview-pictures: the labs' sigview pictures are not stale (tools/sigview/
    pictures.py --check reruns their programs)."""
    if source == "labs/sigview-pictures":
        status, out, _ = run([sys.executable, os.path.join("tools", "sigview", "pictures.py"),
                              "--check"], 600)
        return Result("docs/sigview-pictures", status == 0, text(out))
    status, out, _ = run([sys.executable, os.path.join("tools", "gdb", "transcribe.py"),
                          "--check"], 300)
    if status == 0:
        return Result("docs/gdb-transcripts", True)
    return Result("docs/gdb-transcripts", False,
                  text(out) + "(run `make gdb-transcripts` and commit the pages it updates)\n")


def run_phase(fn, kind, srcs, pool, substring):
    """Run the phase's tests in the pool; their Results in srcs' order."""
    srcs = [s for s in srcs if substring in test_name(kind, s)]
    return [f.result() for f in [pool.submit(timed, fn, kind, s) for s in srcs]]


def job_results(jobs, pool, host):
    """Run jobs (tests/autograder.py's grade_jobs: functions returning [(name, ok,
    details, seconds)], or (build, grade) pairs) and return their checks as Results,
    in the jobs' order. A pair's build runs in host, and its grade in pool once the
    build is done: building needs no QEMU, so it overlaps the QEMU work."""
    def guarded(job, *args):
        try:
            return job(*args)
        except Exception as e:      # a bug in a check must not hide the other results
            return [("grade/runner-error", False, "runner error: %r" % e, 0.0)]

    def chained(build, grade):
        done = concurrent.futures.Future()
        built = host.submit(guarded, build)

        def then(fut):
            if isinstance(fut.result(), list):      # build raised: guarded's error
                done.set_result(fut.result())
                return
            graded = pool.submit(guarded, grade, fut.result())
            graded.add_done_callback(lambda g: done.set_result(g.result()))
        built.add_done_callback(then)
        return done

    futures = [chained(*job) if isinstance(job, tuple) else pool.submit(guarded, job)
               for job in jobs]
    results = []
    for fut in futures:
        for name, ok, details, secs in fut.result():
            r = Result(name, ok, details)
            r.secs = secs
            results.append(r)
    return results


def print_result(r):
    print("%s %s (%.1fs%s)" % ("PASS" if r.ok else "FAIL", r.name, r.secs, r.note), flush=True)
    if not r.ok and r.details:
        print(indent(r.details.rstrip("\n"), "  "), end="", flush=True)


def print_phase(title, results):
    if results:
        print("== %s" % title, flush=True)
    for r in results:
        print_result(r)
    return results


def run_checks(title, checks):
    """Print and collect (name, ok, details, seconds) checks as they come."""
    results = []
    for name, ok, details, secs in checks:
        r = Result(name, ok, details)
        r.secs = secs
        results.append(r)
    return print_phase(title, results)


@contextlib.contextmanager
def scratch_space():
    """A scratch directory for the run on a RAM disk (/dev/shm), when there is one
    with room: the handout checks cut, build and delete a few dozen trees of 40 MB,
    and on a disk mounted with discard that costs more than the builds themselves (64 s
    of CPU instead of 39 here). TMPDIR points into it for the run (krun, the grader, the
    checks' temporary trees), and so does SIGLAB_CI_DIR (the handout trees,
    tests/handout/prebuilt.py). Kept when a test failed: a failing handout's logs are
    there."""
    shm = "/dev/shm"
    try:
        st = os.statvfs(shm)
        roomy = st.f_bavail * st.f_frsize >= SCRATCH_NEEDED and os.access(shm, os.W_OK)
    except OSError:
        roomy = False
    if not roomy:
        yield None
        return
    path = tempfile.mkdtemp(prefix="siglab-test-", dir=shm)
    keep = [False]
    try:
        with environ_set({"TMPDIR": path, "SIGLAB_CI_DIR": os.path.join(path, "ci")}):
            tempfile.tempdir = None         # (tempfile caches the directory it chose)
            yield keep
    finally:
        tempfile.tempdir = None
        if keep[0]:
            print("(scratch trees kept in %s)" % path)
        else:
            shutil.rmtree(path, ignore_errors=True)


def reset_inherited_ignores():
    """Give signals 32..64 their default disposition, as in a login shell.

    Ignored signals stay ignored across execve, and whoever started us may have left
    some ignored: Debian's GNU make leaves 32 and 33 ignored in its recipes, and a
    native test that kills a child with signal 32 would then wait forever. Python's
    signal module cannot touch 32 and 33 (glibc reserves them), so this asks the
    kernel directly. (Python ignores SIGPIPE and SIGXFSZ itself, and subprocess resets
    those two in every child.) Done once, before any thread or child exists."""
    import ctypes
    import ctypes.util
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    SYS_rt_sigaction, SIG_DFL, SIG_IGN = 13, 0, 1
    act = (ctypes.c_ulong * 4)(SIG_DFL, 0, 0, 0)    # handler, flags, restorer, mask
    old = (ctypes.c_ulong * 4)()
    for sig in range(32, 65):
        if libc.syscall(SYS_rt_sigaction, sig, None, ctypes.byref(old), 8) == 0 \
                and old[0] == SIG_IGN:
            libc.syscall(SYS_rt_sigaction, sig, ctypes.byref(act), None, 8)


PHASE_TITLES = {
    "unit": "host unit tests",
    "diff": "differential tests (native vs siglab)",
    "diff-glibc": "differential tests, glibc builds (native vs siglab)",
    "shell-bash": "shell scripts run by bash (native vs siglab)",
    "shell-ash": "shell scripts run by ash (native vs siglab)",
    "ktest": "kernel tests",
    "fuzz": "the system-call fuzzer",
    "trace": "sigtrace of test programs",
    "sigview": "sigview pages in headless Chromium",
    "console": "console tests (typed at the shell, as at a terminal)",
    "gdb": "gdb tests (gdb batch mode against QEMU's gdb stub)",
    "docs": "documents that show program output",
    "grade": "the autograder: Linux's output, the reference, the handouts",
}


def run_all(opts, pool, host, phases):
    """Every phase at once. Each phase's coordinator (a thread of phases) puts its
    tests into pool, whose opts.j workers run them in the order they came (each test
    runs at most one QEMU at a time, so opts.j QEMUs run at once); the differential
    tests' native halves go to host, one at a time. The results are printed phase by
    phase, in PHASE_TITLES' order. The long single jobs (the autograder's, the fuzzer,
    the browser) go in first, so that the workers never wait for a phase to finish,
    and the run does not end on one long job with the other worker idle."""
    k = opts.k
    started = {}
    os.environ["GRADE_JOBS"] = "1"      # every grader of the autograder checks: one QEMU

    def start(kind, fn, *args):
        started[kind] = phases.submit(fn, *args)

    full = not opts.unit_only
    if full:
        # The graders run one QEMU at a time: the pool's workers are the parallelism.
        start("grade", job_results, autograder.grade_jobs(1, k), pool, host)
        start("fuzz", run_phase, fuzz_test, "fuzz", ["user/fuzz.c"], pool, k)
        start("sigview", run_phase, sigview_page_test, "sigview", sigview_test.PAGE_PROGRAMS,
              pool, k)
        # Not in a student handout (no tests/handout/): its stubbed kernel, and the
        # student's code, move the lines the transcripts show.
        if os.path.isdir(os.path.join(ROOT, "tests", "handout")):
            start("docs", run_phase, docs_test, "docs",
                  ["labs/gdb-transcripts", "labs/sigview-pictures"], pool, k)
        start("ktest", run_phase, ktest, "ktest", sources("user/ktests"), pool, k)
        start("diff", diff_phase, "diff", "tests", sources("user/tests"), pool, host, k)
        start("diff-glibc", diff_phase, "diff-glibc", "tests-glibc", sources("user/tests"),
              pool, host, k)
        for shell in SHELLS:
            start("shell-" + shell, run_phase, functools.partial(shell_test, shell),
                  "shell-" + shell, sources("tests/shell", suffix=".sh"), pool, k)
        start("trace", run_phase, trace_test, "trace", sources("tests/trace", suffix=".expected"),
              pool, k)
        start("console", run_phase, console_test, "console",
              [os.path.join("tests/console", n + ".py") for n in console.names()], pool, k)
        start("gdb", run_phase, gdb_test, "gdb", sources("tests/gdb", suffix=".gdb"), pool, k)
    start("unit", run_phase, unit_test, "unit", sources("tests/unit", "test_"), pool, k)

    # Meanwhile, here: the checks that need neither QEMU nor a worker.
    results = run_checks("handout marker checks (tools/handout)", autograder.marker_checks(k))
    results += run_checks("the Python side: types, the QEMU launcher",
                          itertools.chain(mypy_check.check(k), qemu_launcher.check(k),
                                          sigview_test.host_checks(k),
                                          qemu_gdb_port.check(k), checkout_path.check(k),
                                          grade_typing.check(k)))
    for kind, title in PHASE_TITLES.items():
        if kind in started:
            results += print_phase(title, started[kind].result())
    return results


def main():
    parser = argparse.ArgumentParser(description="Run siglab's tests (see the module doc).")
    parser.add_argument("--unit-only", action="store_true", help="only the host unit tests")
    parser.add_argument("-k", metavar="SUBSTRING", default="",
                        help="only tests whose name (unit/X, diff/X, diff-glibc/X, ktest/X, gdb/X) "
                             "contains it")
    parser.add_argument("-j", metavar="N", type=int, default=2,
                        help="tests run at once, so QEMUs at once (default 2)")
    opts = parser.parse_args()
    if opts.j < 1:
        parser.error("-j must be at least 1")

    os.chdir(ROOT)
    reset_inherited_ignores()
    # Every python3 the tests start (krun, the grader, tools/handout, the Makefile's
    # helpers) is this interpreter, found directly: a version manager's shim (pyenv's
    # is a bash script that runs pyenv) costs more CPU than a short krun run itself.
    os.environ["PATH"] = os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")
    # The graders of the handout trees (tests/autograder.py, tests/handout/) build the
    # same grade programs as the reference: one compile each (grade/auth.py).
    os.environ.setdefault("GRADE_OBJECT_DIR", os.path.join(ROOT, "build", "grade", "objects"))
    os.makedirs(os.path.join("build", "unit"), exist_ok=True)
    with scratch_space() as keep, \
            concurrent.futures.ThreadPoolExecutor(max_workers=opts.j) as pool, \
            concurrent.futures.ThreadPoolExecutor(max_workers=1) as host, \
            concurrent.futures.ThreadPoolExecutor(max_workers=len(PHASE_TITLES)) as phases:
        try:
            results = run_all(opts, pool, host, phases)
        except KeyboardInterrupt:
            pool.shutdown(wait=False, cancel_futures=True)
            host.shutdown(wait=False, cancel_futures=True)
            kill_all()
            print("\ninterrupted", file=sys.stderr)
            return 130
        if keep is not None:
            keep[0] = not all(r.ok for r in results)

    passed = sum(r.ok for r in results)
    failed = len(results) - passed
    if failed:
        print("failed: " + " ".join(r.name for r in results if not r.ok))
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
