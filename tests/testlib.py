"""What the kinds of test in tests/run_tests.py share: running a process with a
deadline (killable with everything it started, for Ctrl-C), running a program in
siglab (krun), a test's verdict (Result), a test's name and its source's "// KEY:"
lines, and the helpers that show a failure."""

import contextlib
import difflib
import os
import re
import shlex
import signal
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
KRUN = os.path.join(ROOT, "tools", "krun")
# krun needs only the standard library: -S skips site-packages' start-up hooks (.pth
# files), most of a Python start-up, and there are hundreds of krun runs.
KRUN_CMD = [sys.executable, "-S", KRUN]
KRUN_FAILED = 125               # krun's status when the kernel panicked (tools/krun)
NATIVE_TIMEOUT = 60             # seconds, for a native run and for a unit test
KRUN_TIMEOUT = 60               # krun's own default; scaled by KRUN_TIMEOUT_SCALE
DIFF_LINES = 60                 # longest diff shown for a failure
TEST_ENV = {"SIGLAB_TEST": "1"}


class Result:
    def __init__(self, name, ok, details=""):
        self.name, self.ok, self.details = name, ok, details
        self.secs = 0.0
        self.note = ""          # shown after the time: ", alone: ..." (diff_phase)


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


def sources(pattern_dir, prefix="", suffix=".c"):
    d = os.path.join(ROOT, pattern_dir)
    if not os.path.isdir(d):
        return []
    return sorted(os.path.join(pattern_dir, f) for f in os.listdir(d)
                  if f.startswith(prefix) and f.endswith(suffix))


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


@contextlib.contextmanager
def environ_set(values):
    """os.environ with values set while the with block runs, as it was afterwards."""
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
