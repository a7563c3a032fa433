#!/usr/bin/env python3
"""gdb batch tests against QEMU's gdb stub.

usage: tests/gdb/gdbtest.py [-v] [NAME...]     (default: every tests/gdb/*.gdb)

`make test` runs these as its "gdb/NAME" phase (tests/run_tests.py imports
gdb_command from here); this script runs them alone, one at a time.

A test is tests/gdb/NAME.gdb: gdb commands, with checks written as `python` lines
(tests/gdb/checks.py), ending with `python passed()`. Its first lines say what runs:

    # program: /bin/gdbdemo -k      init runs this program (default: /bin/gdbdemo)

gdb starts QEMU itself, as `target remote | exec qemu-system-x86_64 ... -gdb stdio`:
the two talk over a pipe, so no TCP port is used and two runs (or a student's
`make qemu-gdb`) can never collide. QEMU's command line is grade/qemu.py's, as for
every test (-nodefaults, -icount shift=4,sleep=off, booted directly), so a run is
deterministic. The test passes iff gdb prints the marker of
passed() and no check failed. QEMU's console, kernel log and stderr are kept in
build/test-logs/gdb/NAME/.
"""

import os
import re
import shlex
import signal
import subprocess
import sys
from typing import List, Optional, Sequence, Tuple

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)
from grade import qemu  # noqa: E402  (the QEMU command line)

TEST_DIR = os.path.join(ROOT, "tests", "gdb")
LOG_DIR = os.path.join(ROOT, "build", "test-logs", "gdb")
GDB_TIMEOUT = 60                # seconds per test, times KRUN_TIMEOUT_SCALE
DEFAULT_PROGRAM = "/bin/gdbdemo"
PASSED_MARKER = "GDBTEST PASSED"


def header_value(path: str, key: str) -> Optional[str]:
    with open(path) as f:
        m = re.search(r"^#\s*%s:(.*)$" % re.escape(key), f.read(), re.M)
    return m.group(1).strip() if m else None


def qemu_pipe(cmdline: str, log_dir: str, grub: bool = False) -> str:
    """The `target remote` argument that has gdb start QEMU on a pipe (booting
    directly, or with grub through SeaBIOS and GRUB as make qemu-gdb does)."""
    cmd = qemu.command("file:" + os.path.join(log_dir, "console.out"),
                       os.path.join(log_dir, "kernel.log"), cmdline,
                       iso=os.path.join(ROOT, "build", "siglab.iso"), gdb="stdio", grub=grub)
    return "| exec %s 2>%s" % (shlex.join(cmd), shlex.quote(os.path.join(log_dir, "qemu.err")))


def gdb_command(test_file: str, log_dir: str) -> List[str]:
    """The gdb command line that runs one test file."""
    program = header_value(test_file, "program") or DEFAULT_PROGRAM
    name = os.path.basename(program.split()[0])
    return ["gdb", "-q", "-batch", "-nx",
            "-x", os.path.join("tools", "gdb", "siglab.gdb"),
            "-x", os.path.join("tests", "gdb", "checks.py"),
            "-ex", "user-program " + name,
            "-ex", "siglab-connect " + qemu_pipe("quiet -- " + program, log_dir),
            "-x", test_file,
            "-ex", "kill"]      # QEMU exits; also after a failed check


def timeout() -> float:
    return GDB_TIMEOUT * float(os.environ.get("KRUN_TIMEOUT_SCALE") or 1)


def verdict(status: Optional[int], output: str) -> Tuple[bool, str]:
    """(ok, why) from gdb's exit status (None: timed out) and output."""
    if status is None:
        return False, "timeout after %gs" % timeout()
    m = re.search(r"^CHECK FAILED: .*", output, re.M)
    if m:
        return False, m.group(0)
    if PASSED_MARKER not in output:
        return False, "gdb stopped before the end of the test (status %s)" % status
    return True, ""


def test_files(names: Sequence[str] = ()) -> List[str]:
    files = sorted(f for f in os.listdir(TEST_DIR) if f.endswith(".gdb"))
    if names:
        files = [f for f in files if os.path.splitext(f)[0] in names]
    return [os.path.join("tests", "gdb", f) for f in files]


def main(argv: Sequence[str]) -> int:
    verbose = "-v" in argv
    names = [a for a in argv if a != "-v"]
    os.chdir(ROOT)
    failed = 0
    for test in test_files(names):
        name = os.path.splitext(os.path.basename(test))[0]
        log_dir = os.path.join(LOG_DIR, name)
        os.makedirs(log_dir, exist_ok=True)
        # its own session, so that a timeout kills gdb and the QEMU it started
        proc = subprocess.Popen(gdb_command(test, log_dir), stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                start_new_session=True)
        try:
            out, _ = proc.communicate(timeout=timeout())
            status = proc.returncode
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, _ = proc.communicate()
            status = None
        output = out.decode("utf-8", "replace")
        ok, why = verdict(status, output)
        print("%s gdb/%s%s" % ("PASS" if ok else "FAIL", name, "" if ok else ": " + why))
        if verbose or not ok:
            print(output)
        failed += not ok
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
