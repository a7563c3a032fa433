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
import difflib
import functools
import itertools
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from typing import Iterator, List, Tuple

ROOT = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
KRUN = os.path.join(ROOT, "tools", "krun")
# krun needs only the standard library: -S skips site-packages' start-up hooks (.pth
# files), most of a Python start-up, and there are hundreds of krun runs.
KRUN_CMD = [sys.executable, "-S", KRUN]
KRUN_FAILED = 125               # krun's status when the kernel panicked (tools/krun)
sys.dont_write_bytecode = True      # no __pycache__ in the source tree
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
UNIT_CFLAGS = ["-std=c11", "-O1", "-g", "-Wall", "-Wextra", "-Werror", "-I.", "-DHOST_TEST"]
NATIVE_TIMEOUT = 60             # seconds, for a native run and for a unit test
KRUN_TIMEOUT = 60               # krun's own default; scaled by KRUN_TIMEOUT_SCALE
DIFF_LINES = 60                 # longest diff shown for a failure
TEST_ENV = {"SIGLAB_TEST": "1"}
SCRATCH_NEEDED = 2 << 30        # bytes free on /dev/shm to use it (scratch_space)


class Result:
    def __init__(self, name, ok, details=""):
        self.name, self.ok, self.details = name, ok, details
        self.secs = 0.0
        self.note = ""          # shown after the time: ", alone: ..." (diff_phase)


# ---- running processes ---------------------------------------------------------

# Processes still running, so that Ctrl-C can stop them: krun runs in its own session
# (so its QEMU can be killed with it), and would not see the terminal's SIGINT.
_running = set()
_running_lock = threading.Lock()
_stopping = False


def run(cmd, timeout, cwd=ROOT, env=None, merge_stderr=True):
    """Run cmd with stdin /dev/null. Returns (status, stdout, stderr): status is the
    exit code, 128+N if signal N killed it, or None if it timed out (and was killed,
    with everything it started)."""
    with _running_lock:
        if _stopping:
            raise KeyboardInterrupt
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT if merge_stderr else subprocess.PIPE,
                                start_new_session=True)
        _running.add(proc)
    try:
        out, err = proc.communicate(timeout=timeout)
        status = proc.returncode
        if status < 0:
            status = 128 - status
    except subprocess.TimeoutExpired:
        kill_group(proc)
        out, err = proc.communicate()
        status = None
    finally:
        with _running_lock:
            _running.discard(proc)
    return status, out, err or b""


def kill_group(proc):
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def kill_all():
    global _stopping
    with _running_lock:
        _stopping = True
        for proc in list(_running):
            kill_group(proc)


def show_status(status):
    if status is None:
        return "timeout"
    if status > 128:
        try:
            return "%d (%s)" % (status, signal.Signals(status - 128).name)
        except ValueError:
            pass
    return str(status)


# ---- reporting -----------------------------------------------------------------

def text(data):
    return data.decode("utf-8", "backslashreplace")


def indent(s, prefix="    "):
    return "".join(prefix + line + "\n" for line in s.splitlines())


def truncated(lines, limit=DIFF_LINES):
    if len(lines) > limit:
        lines = lines[:limit] + ["... (%d more lines)" % (len(lines) - limit)]
    return "\n".join(lines)


def output_diff(a, b, name_a, name_b):
    """A unified diff of two outputs, or a note that they are the same."""
    if a == b:
        return "output (identical in both, %d bytes):\n%s" % (
            len(a), indent(truncated(text(a).splitlines(), 20)))
    diff = list(difflib.unified_diff(text(a).splitlines(), text(b).splitlines(),
                                     name_a, name_b, lineterm=""))
    if not diff:    # differences only in line endings or a final newline
        diff = ["(lines are equal; the bytes differ in line endings or a final newline)",
                "%s: %r" % (name_a, a[-60:]), "%s: %r" % (name_b, b[-60:])]
    return "output diff:\n" + indent(truncated(diff))


def comment_value(source, key):
    """The text after "// KEY:" on a line of its own in a C file, or None."""
    with open(source, errors="replace") as f:
        m = re.search(r"^\s*//\s*%s:(.*)$" % re.escape(key), f.read(), re.M)
    return m.group(1).strip() if m else None


def comment_values(source, key):
    """Every "// KEY: text" line's text, in order."""
    with open(source, errors="replace") as f:
        return [v.strip() for v in re.findall(r"^\s*//\s*%s:(.*)$" % re.escape(key), f.read(), re.M)]


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


# ---- phases 2 and 3: programs in siglab ------------------------------------------

def krun(name, exe_dir, args, files, log, trace=False, prog=None, as_init=False, cmdline=""):
    """Run ./NAME in siglab from exe_dir (or prog, a path as typed, with args; as_init:
    as init itself; cmdline: more kernel options). Returns (status, stdout, krun's
    stderr)."""
    os.makedirs(os.path.dirname(log), exist_ok=True)
    cmd = KRUN_CMD + ["--log", log] + (["--trace-detail"] if trace else []) + \
        (["--as-init"] if as_init else [])
    for var, value in TEST_ENV.items():
        cmd += ["-e", "%s=%s" % (var, value)]
    for f in files:
        cmd += ["-f", f]
    cmd += [prog or "./" + name] + args
    # krun enforces its own timeout; this one only catches a krun that hangs itself.
    scale = float(os.environ.get("KRUN_TIMEOUT_SCALE") or 1)
    env = dict(os.environ, KRUN_CMDLINE=cmdline) if cmdline else None
    return run(cmd, KRUN_TIMEOUT * scale + 60, cwd=exe_dir, env=env, merge_stderr=False)


def program_options(source):
    """(args, files) from the "// args:" and "// files:" lines of a test's source."""
    args = shlex.split(comment_value(source, "args") or "")
    files = shlex.split(comment_value(source, "files") or "")
    return args, files


def not_built(name, exe):
    return Result(name, False, "%s was not built (did `make all` succeed?)" % exe)


NATIVE_CHECK_FAILED = re.compile(rb": FAIL expected ")


def native_side(source, kind, build_dir):
    """The native half of a differential test: (status, output), or a Result saying why
    there is nothing to compare (not built, bad options, fails its own checks on Linux)."""
    prog = os.path.splitext(os.path.basename(source))[0]
    name = kind + "/" + prog
    exe_dir = os.path.join(ROOT, "build", "user", build_dir)
    if not os.access(os.path.join(exe_dir, prog), os.X_OK):
        return not_built(name, "build/user/%s/%s" % (build_dir, prog))
    try:
        args, _ = program_options(source)
    except ValueError as e:
        return Result(name, False, "%s: bad // args: or // files: line: %s" % (source, e))
    n_status, n_out, _ = run(["./" + prog] + args, NATIVE_TIMEOUT, cwd=exe_dir, env=TEST_ENV)
    if NATIVE_CHECK_FAILED.search(n_out or b""):
        # Linux is the ground truth: a check that fails there is a wrong test, and it
        # would "pass" by failing the same way in siglab.
        return Result(name, False, "the test fails its own checks on Linux (fix the test):\n" +
                      indent(truncated([l for l in text(n_out).splitlines() if ": FAIL" in l], 20)))
    return n_status, n_out


def diff_test(source, kind="diff", build_dir="tests", native=None):
    """NAME's build in build/user/BUILD_DIR, run natively (unless native, the native
    half already run) and in siglab: same bytes?"""
    native = native or native_side(source, kind, build_dir)
    if isinstance(native, Result):
        return native
    prog = os.path.splitext(os.path.basename(source))[0]
    exe_dir = os.path.join(ROOT, "build", "user", build_dir)
    args, files = program_options(source)
    log = os.path.join("build", "test-logs", *([] if kind == "diff" else [kind]), prog + ".log")
    k_status, k_out, k_err = krun(prog, exe_dir, args, files, os.path.join(ROOT, log))
    return compare_runs(kind + "/" + prog, native, (k_status, k_out, k_err), log)


def compare_runs(name, native, siglab, log):
    """A differential test's verdict: native (status, output) against siglab's
    (status, output, krun's stderr); they pass iff status and bytes are the same."""
    (n_status, n_out), (k_status, k_out, k_err) = native, siglab
    if n_status is not None and n_status == k_status and n_out == k_out:
        return Result(name, True)
    details = "native status %s, siglab status %s\n" % (show_status(n_status),
                                                       show_status(k_status))
    details += output_diff(n_out, k_out, "native", "siglab")
    if k_err.strip():
        details += "krun said:\n" + indent(truncated(text(k_err).splitlines(), 40))
    details += "kernel log: %s\n" % log
    return Result(name, False, details)


# ---- many differential tests in one boot -------------------------------------------

BATCH_SIZE = 10     # programs per boot: a boot costs about a second, a test much less


def batch_job(source, build_dir):
    """How krun --batch runs the siglab half of a test, as krun() runs it alone."""
    prog = os.path.splitext(os.path.basename(source))[0]
    exe_dir = os.path.join(ROOT, "build", "user", build_dir)
    args, files = program_options(source)
    return {"prog": os.path.join(exe_dir, prog), "argv0": "./" + prog, "args": args,
            "env": ["%s=%s" % kv for kv in TEST_ENV.items()],
            "files": [os.path.join(exe_dir, f) for f in files]}


def krun_batch(jobs, log):
    """Run jobs in one boot (krun --batch): a list of (status, output), status None for
    a job the batch did not finish."""
    import json
    os.makedirs(os.path.dirname(log), exist_ok=True)
    spec = log + ".json"
    with open(spec, "w") as f:
        json.dump(jobs, f)
    timeout = 30 + 10 * len(jobs)
    scale = float(os.environ.get("KRUN_TIMEOUT_SCALE") or 1)
    _, out, _ = run(KRUN_CMD + ["--batch", spec, "--timeout", str(timeout), "--log", log],
                    timeout * scale + 60, merge_stderr=False)
    try:
        results = json.loads(out)
    except ValueError:
        results = []
    got = [(r["status"], r["output"].encode("latin-1")) for r in results]
    return got + [(None, b"")] * (len(jobs) - len(got))


def diff_phase(kind, build_dir, srcs, pool, host, substring):
    """The differential tests of one build, BATCH_SIZE to a boot. A test passes when its
    batched run matches Linux; any other test has its siglab half run again alone
    (diff_test, with the native half already run), which gives the verdict, the details and its own kernel log, so a batch only ever saves
    time: a kernel panic, a hang or a leftover of an earlier test in the same boot
    cannot fail or pass a test by itself. The native halves run in host (no QEMU:
    many of them mostly sleep, in timers and waits). Returns the Results, in srcs'
    order."""
    srcs = [s for s in srcs if substring in test_name(kind, s)]
    if not srcs:
        return []
    start = time.monotonic()
    natives = [host.submit(native_side, s, kind, build_dir) for s in srcs]
    natives = [f.result() for f in natives]
    batchable = [i for i, n in enumerate(natives) if not isinstance(n, Result)]
    chunks = [batchable[k:k + BATCH_SIZE] for k in range(0, len(batchable), BATCH_SIZE)]
    log_dir = os.path.join(ROOT, "build", "test-logs", "batches", kind)
    batches = [pool.submit(krun_batch, [batch_job(srcs[i], build_dir) for i in chunk],
                           os.path.join(log_dir, "batch-%d.log" % k))
               for k, chunk in enumerate(chunks)]
    siglab = {}
    for chunk, fut in zip(chunks, batches):
        for i, result in zip(chunk, fut.result()):
            siglab[i] = result
    share = (time.monotonic() - start) / len(srcs)
    alone = {i: pool.submit(timed, functools.partial(diff_test, kind=kind, build_dir=build_dir,
                                                     native=natives[i]), kind, srcs[i])
             for i in range(len(srcs))
             if i not in siglab or siglab[i][0] is None or siglab[i] != natives[i]}
    results = []
    for i, source in enumerate(srcs):
        if i in alone:
            r = alone[i].result()
            if r.ok and i in siglab:    # worth knowing: a batch neighbour, or a flaky test
                r.note = ", alone: its run in batch-%d differed" % (batchable.index(i) // BATCH_SIZE)
        else:
            r = Result(test_name(kind, source), True)
            r.secs = share
        results.append(r)
    return results


# ---- shell scripts, run by Debian's bash-static and busybox sh ----------------------

# The shells, as tools/deps.sh installs them; each script runs under both.
SHELLS = {"bash": ["/bin/bash-static"], "ash": ["/bin/busybox", "sh"]}


def shell_test(shell, source):
    """tests/shell/NAME.sh run by `shell` natively and in siglab (the same static
    binary: krun copies it in), from tests/shell, with the diff tests' environment."""
    script = os.path.basename(source)
    name = "shell-%s/%s" % (shell, os.path.splitext(script)[0])
    argv = SHELLS[shell] + [script]
    script_dir = os.path.join(ROOT, "tests", "shell")
    n_status, n_out, _ = run(argv, NATIVE_TIMEOUT, cwd=script_dir, env=TEST_ENV)
    log = os.path.join("build", "test-logs", "shell-" + shell, script + ".log")
    k_status, k_out, k_err = krun(script, script_dir, argv[1:], [script],
                                  os.path.join(ROOT, log), prog=argv[0])
    return compare_runs(name, (n_status, n_out), (k_status, k_out, k_err), log)


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


# ---- the Python side, type-checked ---------------------------------------------------

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


def mypy_checks(substring: str = "") -> Iterator[Tuple[str, bool, str, float]]:
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


# ---- the runner ----------------------------------------------------------------

def sources(pattern_dir, prefix="", suffix=".c"):
    d = os.path.join(ROOT, pattern_dir)
    if not os.path.isdir(d):
        return []
    return sorted(os.path.join(pattern_dir, f) for f in os.listdir(d)
                  if f.startswith(prefix) and f.endswith(suffix))


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


def test_name(kind, source):
    return kind + "/" + os.path.splitext(os.path.basename(source))[0]


def timed(fn, kind, source):
    start = time.monotonic()
    try:
        r = fn(source)
    except Exception as e:      # a bug in the runner must not hide the other results
        r = Result(test_name(kind, source), False, "runner error: %r" % e)
    r.secs = time.monotonic() - start
    return r


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
    saved = {k: os.environ.get(k) for k in ("TMPDIR", "SIGLAB_CI_DIR")}
    os.environ["TMPDIR"] = path
    os.environ["SIGLAB_CI_DIR"] = os.path.join(path, "ci")
    tempfile.tempdir = None         # (tempfile caches the directory it chose)
    keep = [False]
    try:
        yield keep
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
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
                          itertools.chain(mypy_checks(k), qemu_launcher.check(k),
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
