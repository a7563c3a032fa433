"""Run one test in a fresh QEMU and judge what it printed.

The test's program, built for this run (grade/auth.py), reaches the kernel as
/graded/prog in an extra initrd (QEMU's fw_cfg file opt/siglab/initrd), and the kernel
command line (fw_cfg file opt/siglab/cmdline) says "quiet -- /graded/prog": init runs
it once, writes "init: exit status N" to the kernel log (COM2) and powers off through
isa-debug-exit. Only console lines with a valid tag count (auth.verify). The console (COM1) is a pipe
we read as it comes, so a shell test can type a line each time the prompt shows, and
so a kernel that prints without end is stopped at a cap. QEMU runs under
-icount shift=4,sleep=off (grade/qemu.py, docs/design.md section 3): guest time follows guest
instructions and idle time is skipped, so timers fire at the same point of a program
however loaded the host is, and a test's result does not depend on it.

Verdicts: PASS; FAIL (wrong or missing output or exit status); TIMEOUT (QEMU still
running at the deadline: killed); PANIC (kernel panic, or a triple fault that reset
the machine); PREREQ (not run: a test it needs did not pass; decided in core.py).
"""

import os
import re
import shlex
import signal
import subprocess
import tempfile
import threading
import time
from typing import IO, Any, List, Optional, Sequence, Set, Tuple

from . import auth
from . import qemu
from .gradelib import ExpectedLine, Test, Values

CONSOLE_CAP = 256 * 1024        # bytes of console output kept; more ends the run
KERNEL_LOG_CAP = 1024 * 1024    # the kernel log file may not grow past this
PROMPT = b"$ "
SHOWN_LINES = 40                # console lines shown for a failure

PASS, FAIL, TIMEOUT, PANIC, PREREQ = "PASS", "FAIL", "TIMEOUT", "PANIC", "PREREQ"

STATUS_LINE = re.compile(r"^init: exit status (\d+)$", re.M)
PROGRAM_STATUS = re.compile(r"exit status (\d+)")
BOOT_NOISE = re.compile(r"^(siglab: booting|initrd:|memory:|timer:|init: starting|"
                        r"init: exit status|reboot:)")


class Result:
    def __init__(self, test: Test, verdict: str, secs: float = 0.0, details: str = "",
                 log: Optional[str] = None, nonce: Optional[int] = None) -> None:
        self.test, self.verdict, self.secs = test, verdict, secs
        self.details, self.log, self.nonce = details, log, nonce
        self.timeline: Optional[str] = None     # grade/timeline.py's page, if one was made

    @property
    def score(self) -> int:
        return self.test.points if self.verdict == PASS else 0


# ---- processes still running, so that Ctrl-C can stop them -------------------------

_running: Set["subprocess.Popen[bytes]"] = set()
_lock = threading.Lock()


def kill_all() -> None:
    with _lock:
        for proc in list(_running):
            _kill(proc)


def _kill(proc: "subprocess.Popen[bytes]") -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


# ---- running QEMU ------------------------------------------------------------------

def qemu_command(iso: str, cmdline: str, kernel_log: str, initrd: str) -> List[str]:
    """The console is a pipe (stdio); grade/qemu.py builds the rest."""
    return qemu.command("stdio", kernel_log, cmdline, initrd, iso)


class Console:
    """The console pipe, read by a thread: keeps the first CONSOLE_CAP bytes."""

    def __init__(self, pipe: IO[bytes]) -> None:
        self.data = bytearray()
        self.overflow = False
        self.changed = threading.Event()
        self.thread = threading.Thread(target=self._read, args=(pipe,), daemon=True)
        self.thread.start()

    def _read(self, pipe: IO[bytes]) -> None:
        while True:
            chunk = os.read(pipe.fileno(), 65536)
            if not chunk:
                break
            room = CONSOLE_CAP - len(self.data)
            self.data += chunk[:max(room, 0)]
            if len(chunk) > room:
                self.overflow = True
            self.changed.set()
        self.changed.set()


def run_qemu(cmd: List[str], typed: Sequence[str], timeout: float, kernel_log: str,
             qemu_out: str) -> Tuple[Optional[int], bytes, bool, float]:
    """Run QEMU to its end or the deadline; type each line of typed after a prompt.
    Returns (qemu status or None on timeout, console bytes, overflow, seconds)."""
    start = time.monotonic()
    with _lock, open(qemu_out, "wb") as err:
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE if typed else subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=err, start_new_session=True)
        _running.add(proc)
    assert proc.stdout is not None
    console = Console(proc.stdout)
    stdin = proc.stdin           # (a pipe iff there is something to type)
    typed = list(typed)
    sent_at = 0             # console length when we last typed
    status, overflow = None, False
    try:
        while True:
            status = proc.poll()
            if status is not None:
                break
            if time.monotonic() - start > timeout:
                break
            if console.overflow or _size(kernel_log) > KERNEL_LOG_CAP:
                overflow = True
                break
            if stdin and typed and len(console.data) > sent_at and console.data.endswith(PROMPT):
                # Note the console's length before typing: the echo, the command's
                # output and the next prompt can all arrive (the reader thread appends
                # them) before this thread runs again, and a length taken after the
                # write would count that next prompt as already answered: the line
                # after it would never be typed, and the test would time out.
                sent_at = len(console.data)
                try:
                    stdin.write(typed.pop(0).encode() + b"\n")
                    stdin.flush()
                    if not typed:
                        stdin.close()
                except BrokenPipeError:     # QEMU is going away; poll() will tell
                    typed = []
            console.changed.wait(0.05)
            console.changed.clear()
    finally:
        if status is None:
            _kill(proc)
            proc.wait()
        with _lock:
            _running.discard(proc)
        console.thread.join(5)
    return status, bytes(console.data), overflow, time.monotonic() - start


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _read(path: str, limit: int = KERNEL_LOG_CAP) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read(limit)
    except OSError:
        return b""


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def text_lines(data: bytes) -> List[str]:
    """Output as lines, control characters shown as \\xNN (a kernel printing garbage
    must not garble the terminal of whoever reads the report)."""
    text = data.decode("utf-8", "replace").replace("\r", "")
    text = CONTROL.sub(lambda m: "\\x%02x" % ord(m.group()), text)
    lines = [l.rstrip() for l in text.split("\n")]
    if lines and lines[-1] == "":
        lines.pop()
    return lines


# ---- judging -----------------------------------------------------------------------

def match(expected: Sequence[ExpectedLine], lines: Sequence[Tuple[str, bool]]) -> List[Optional[int]]:
    """For each expected (shown, regex, tagged), the index of the line it matched, or
    None. lines: [(text, tag valid)] (auth.verify); a tagged expectation matches only
    a line whose tag is valid. Lines are matched in order; a missing one does not stop
    the others."""
    found: List[Optional[int]] = []
    pos = 0
    for _, rx, tagged in expected:
        for i in range(pos, len(lines)):
            text, authentic = lines[i]
            if (authentic or not tagged) and rx.fullmatch(text):
                found.append(i)
                pos = i + 1
                break
        else:
            found.append(None)
    return found


def program_status(lines: Sequence[Tuple[str, bool]]) -> Optional[int]:
    """The exit status the grade program reported in a tagged line (grade_auth.h), or
    None."""
    got = [int(m.group(1)) for text, authentic in lines if authentic
           for m in [PROGRAM_STATUS.fullmatch(text)] if m]
    return got[-1] if got else None


def status_problem(want: Optional[int], got: Optional[int], who: str) -> Optional[str]:
    """What is wrong with exit status got (None: never reported), or None."""
    if want is None or got == want:
        return None
    if got is None:
        return "%s reported no exit status" % who
    return "%s: exit status %d%s, expected %d" % (
        who, got, " (killed by signal %d)" % (got - 128) if got > 128 else "", want)


def show_expected(expected: Sequence[ExpectedLine], found: Sequence[Optional[int]]) -> List[str]:
    out = ["expected on the console, in order:"]
    for (shown, _, _), i in zip(expected, found):
        out.append("    %-8s %s" % ("ok" if i is not None else "MISSING", shown))
    return out


def show_console(lines: Sequence[Tuple[str, bool]], found: Sequence[Optional[int]]) -> List[str]:
    """The console, or the part of it around the first expected line that is missing;
    "?" marks lines no expectation matched, "!" lines without a valid tag (the grade
    program did not print them)."""
    if not lines:
        return ["console: (nothing)"]
    used = {i for i in found if i is not None}
    first, last = 0, len(lines)
    if len(lines) > SHOWN_LINES:
        anchor = 0
        for i in found:
            if i is None:
                break
            anchor = i
        first = max(0, anchor - 5)
        last = min(len(lines), first + SHOWN_LINES)
    out = ["console (%d lines; ? = a line no expectation matched, ! = no valid tag):"
           % len(lines)]
    if first:
        out.append("      ... %d lines before" % first)
    for i in range(first, last):
        text, authentic = lines[i]
        out.append("    %s%s %s" % (" " if i in used else "?", " " if authentic else "!", text))
    if last < len(lines):
        out.append("      ... %d lines after" % (len(lines) - last))
    return out


def kernel_notes(klog_lines: Sequence[str], limit: int = 10) -> List[str]:
    """Kernel log lines worth showing: not the boot banner."""
    notes = [l for l in klog_lines if l and not BOOT_NOISE.match(l)]
    if len(notes) > limit:
        notes = notes[:limit] + ["... (%d more)" % (len(notes) - limit)]
    return ["kernel log:"] + ["    " + l for l in notes] if notes else []


def judge(test: Test, values: Values, secret: auth.Secret, status: Optional[int], console: bytes,
          klog: bytes, overflow: bool, timeout: float) -> Tuple[str, str]:
    """(verdict, details) from how QEMU ended and what it printed."""
    lines, klines = auth.verify(text_lines(console), secret), text_lines(klog)
    expected = test.expected(values)
    found = match(expected, lines)
    want = test.expected_status(values)
    got = [int(m) for m in STATUS_LINE.findall("\n".join(klines))]
    got_status = got[-1] if got else None

    problems: List[str] = []
    if status is None and not overflow:
        verdict = TIMEOUT
        problems.append("still running after %.0f s: QEMU was killed (the kernel hung, or "
                        "a process waits for something that never comes)" % timeout)
    elif status == qemu.PANIC or any("kernel panic" in l for l in klines):
        verdict = PANIC
        at = next((i for i, l in enumerate(klines) if "kernel panic" in l), None)
        problems.append("the kernel panicked:")
        if at is not None:
            problems += ["    " + l for l in klines[at:at + 25]]
    elif status == qemu.RESET:
        verdict = PANIC
        problems.append("the machine reset: a triple fault (an exception the kernel "
                        "could not handle, e.g. a bad IDT, stack or page table)")
    elif overflow:
        verdict = FAIL
        problems.append("too much output (over %d KiB on the console or %d KiB in the "
                        "kernel log): QEMU was stopped" % (CONSOLE_CAP // 1024,
                                                           KERNEL_LOG_CAP // 1024))
    elif status != qemu.POWER_OFF:
        verdict = FAIL
        problems.append("QEMU exited with status %s (not a power-off)" % status)
    else:
        verdict = PASS
        wrong = [p for p in (status_problem(want, got_status, "init's log"),
                             status_problem(want, program_status(lines), "the program (tagged)"))
                 if p]
        if got_status is None and not wrong:
            wrong.append("init reported no exit status")
        if wrong or any(i is None for i in found):
            verdict = FAIL
            problems += wrong
    if verdict == PASS:
        return PASS, ""
    status_at: List[Optional[int]] = [i for i, (text, ok) in enumerate(lines) if ok and PROGRAM_STATUS.fullmatch(text)]
    details = problems + show_expected(expected, found) + show_console(lines, found + status_at)
    if verdict != PANIC:
        details += kernel_notes(klines)
    return verdict, "\n".join(details)


# ---- one test ----------------------------------------------------------------------

def graded_initrd(test: Test, values: Values, workdir: str) -> Tuple[auth.Secret, str]:
    """Build the test's program for this run (grade/auth.py) and the initrd that
    carries it; returns (secret, initrd path)."""
    prog, args = test.program(values)
    secret = auth.Secret(values["N"], args)
    exe = auth.build(prog, secret, workdir)
    with open(exe, "rb") as f:
        archive = mkinitrd().build_archive([(auth.GUEST_PATH, f.read(), True)])
    initrd = os.path.join(workdir, "graded.cpio")
    with open(initrd, "wb") as f:
        f.write(archive)
    return secret, initrd


def mkinitrd() -> Any:
    """tools/mkinitrd, imported by path (it has no .py suffix)."""
    import importlib.machinery
    import importlib.util
    path = os.path.join(os.path.dirname(os.path.dirname(os.path.realpath(__file__))),
                        "tools", "mkinitrd")
    loader = importlib.machinery.SourceFileLoader("mkinitrd", path)
    spec = importlib.util.spec_from_loader("mkinitrd", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def run_test(test: Test, nonce: int, iso: str, logdir: str, scale: float = 1.0) -> Result:
    values = test.bind(nonce)
    typed = test.typed_lines(values)
    os.makedirs(os.path.join(logdir, "lab%d" % test.lab), exist_ok=True)
    base = os.path.join(logdir, "lab%d" % test.lab, test.name)
    with tempfile.TemporaryDirectory(prefix="grade-") as work:
        secret, initrd = graded_initrd(test, values, work)
        cmdline = "quiet -- " + " ".join(test.command(values, auth.GUEST_PATH))
        kernel_log, qemu_out = base + ".kernel.log", base + ".qemu"
        if os.path.exists(kernel_log):
            os.unlink(kernel_log)
        cmd = qemu_command(iso, cmdline, kernel_log, initrd)
        timeout = test.timeout * scale
        status, console, overflow, secs = run_qemu(cmd, typed, timeout, kernel_log, qemu_out)
    klog, qemu_said = _read(kernel_log), _read(qemu_out, 65536)
    verdict, details = judge(test, values, secret, status, console, klog, overflow, timeout)
    if verdict != PASS and qemu_said.strip():
        details += "\nqemu said:\n" + "\n".join("    " + l for l in text_lines(qemu_said)[-10:])

    log = base + ".log"
    with open(log, "wb") as f:
        f.write(("test %s: %s (%.1f s)\nnonce %d\nkernel command line: %s\n"
                 "typed at the prompt: %r\nqemu: %s\nqemu status: %s\n" % (
                     test.id, verdict, secs, nonce, cmdline, typed, shlex.join(cmd),
                     "killed" if status is None else status)).encode())
        if details:
            f.write(b"\n---- why\n" + details.encode() + b"\n")
        f.write(b"\n---- console (COM1)\n" + console)
        f.write(b"\n---- kernel log (COM2)\n" + klog)
        f.write(b"\n---- qemu's own output\n" + qemu_said)
    os.unlink(kernel_log)
    os.unlink(qemu_out)
    return Result(test, verdict, secs, details, log, nonce)
