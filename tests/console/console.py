"""Drive siglab's serial console the way a person at a terminal would.

A console test is a Python file tests/console/NAME.py with a function
`session(con)`: it types bytes with con.send() (control characters included: "\\x03"
is Ctrl-C, "\\x1a" Ctrl-Z, "\\x1c" Ctrl-\\) and waits with con.expect(regex) for what
the shell and its programs print. con.expect returns the match, so a test can use
what it saw (a pid) in what it types next. The first expect that times out fails the
test, which then shows the regex it waited for and the console's last lines.

A test may set CMDLINE (default "quiet"), the kernel command line, e.g.
"quiet -- -s /bin/bash" to talk to bash instead of our sh (init -s, user/init.c);
None leaves GRUB's. GRUB = True boots through SeaBIOS and GRUB from the ISO, as make
qemu does, instead of directly (grade/qemu.py).

Each test boots a fresh QEMU (grade/qemu.py, so KVM=1 and KRUN_QEMU_EXTRA apply) with
the shell on COM1 (a pipe here) and the kernel log on COM2, with -icount
shift=4,sleep=off like every other test (docs/design.md section 3):
guest time follows guest instructions, and while the guest idles it jumps to the next
timer, so `spin`'s one dot a second comes many times a second of real time.

Run them alone: python3 tests/console/console.py [-v] [NAME...]
"""

import os
import re
import subprocess
import sys
import threading
import time
from typing import Any, List, Match, Optional, Tuple, Union

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)
from grade import qemu  # noqa: E402  (the QEMU command line)

HERE = os.path.join(ROOT, "tests", "console")
ISO = os.path.join(ROOT, "build", "siglab.iso")
EXPECT_TIMEOUT = 20             # seconds for one expect, times KRUN_TIMEOUT_SCALE
CONSOLE_CAP = 1 << 20           # keep at most this much console output


class Timeout(Exception):
    pass


def qemu_command(log_dir: str, cmdline: Optional[str], grub: bool = False) -> List[str]:
    """The shell on COM1 (a pipe), the kernel log in log_dir (grade/qemu.py)."""
    return qemu.command("stdio", os.path.join(log_dir, "kernel.log"), cmdline, iso=ISO,
                        grub=grub)


class Console:
    def __init__(self, log_dir: str, verbose: bool = False, cmdline: Optional[str] = "quiet",
                 grub: bool = False) -> None:
        self.verbose = verbose
        self.log_dir = log_dir
        self.data = b""
        self.pos = 0                # expect() searches from here on
        self.cond = threading.Condition()
        self.scale = float(os.environ.get("KRUN_TIMEOUT_SCALE", "1") or 1)
        cmd = qemu_command(log_dir, cmdline, grub)
        self.stderr = open(os.path.join(log_dir, "qemu.err"), "wb")
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=self.stderr, start_new_session=True)
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.typed, self.printed = self.proc.stdin, self.proc.stdout     # COM1's two ends
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        while True:
            chunk = os.read(self.printed.fileno(), 65536)
            with self.cond:
                if chunk and len(self.data) < CONSOLE_CAP:
                    self.data += chunk
                if self.verbose and chunk:
                    sys.stdout.write(chunk.decode("utf-8", "replace"))
                    sys.stdout.flush()
                self.cond.notify_all()
            if not chunk:
                return

    def send(self, text: str) -> None:
        self.typed.write(text.encode())
        self.typed.flush()

    def expect(self, regex: Union[str, bytes], timeout: float = EXPECT_TIMEOUT) -> Match[bytes]:
        """Wait until regex matches what the console printed since the last match;
        return the match. Console text has "\\r\\n" line ends, as on a real terminal."""
        pattern = re.compile(regex.encode() if isinstance(regex, str) else regex)
        deadline = time.monotonic() + timeout * self.scale
        with self.cond:
            while True:
                m = pattern.search(self.data, self.pos)
                if m:
                    self.pos = m.end()
                    return m
                left = deadline - time.monotonic()
                if left <= 0 or (self.proc.poll() is not None and not self.reader.is_alive()):
                    raise Timeout("waited for %r" % regex)
                self.cond.wait(min(left, 0.1))

    def line(self, text: str, then: str = r"\$ ") -> Match[bytes]:
        """Type a line at the prompt, then wait for `then` (the next prompt)."""
        self.send(text + "\n")
        return self.expect(then)

    def kernel_log(self) -> str:
        """What the kernel has logged on COM2 so far."""
        with open(os.path.join(self.log_dir, "kernel.log"), "rb") as f:
            return f.read().decode("utf-8", "backslashreplace")

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, 9)
            except ProcessLookupError:
                pass
        self.proc.wait()
        self.reader.join(5)
        self.stderr.close()
        with open(os.path.join(self.log_dir, "console.out"), "wb") as f:
            f.write(self.data)


def names() -> List[str]:
    return sorted(f[:-3] for f in os.listdir(HERE)
                  if f.endswith(".py") and f != "console.py" and not f.startswith("_"))


def load(name: str) -> Any:
    import importlib.util
    spec = importlib.util.spec_from_file_location("console_test_" + name,
                                                  os.path.join(HERE, name + ".py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(name: str, log_dir: str, verbose: bool = False) -> Tuple[bool, str]:
    """Run one console test. Returns (ok, details)."""
    os.makedirs(log_dir, exist_ok=True)
    test = load(name)
    con = Console(log_dir, verbose, getattr(test, "CMDLINE", "quiet"), getattr(test, "GRUB", False))
    try:
        test.session(con)
        return True, ""
    except Timeout as e:
        with con.cond:
            seen = con.data.decode("utf-8", "backslashreplace")
            since = con.data[con.pos:].decode("utf-8", "backslashreplace")
        tail = "\n".join(seen.replace("\r", "").splitlines()[-25:])
        return False, ("%s\nnot found in what came after the last match: %r\n"
                       "the console's last lines:\n%s\n" % (e, since[-400:], tail))
    except AssertionError as e:
        return False, "check failed: %s\n" % e
    finally:
        con.close()


def main() -> int:
    sys.dont_write_bytecode = True
    args = sys.argv[1:]
    verbose = "-v" in args
    args = [a for a in args if a != "-v"] or names()
    failed = 0
    for name in args:
        ok, details = run(name, os.path.join(ROOT, "build", "test-logs", "console", name),
                          verbose)
        print("%s console/%s" % ("PASS" if ok else "FAIL", name))
        if not ok:
            print(details)
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
