"""python/grade-typing: the grader types each line of a shell test after the prompt that
asks for it, even when the guest answers faster than the grader's own thread runs on.

grade/runner.py's run_qemu types a line when the console ends with "$ " and has grown
since it last typed. It once measured "since" after writing the line; when the echo,
the command's output and the next prompt all arrived before that measurement (a busy
host deschedules the grader right after its write), the next prompt counted as already
answered, the rest was never typed, and the test timed out: lab0/shell failed about
once in 400 runs under load.

The check runs run_qemu on a stand-in for QEMU (a Python "shell" that answers at once)
and makes the grader slow on purpose: its stdin's flush sleeps after flushing, so the
whole answer is on the console before run_qemu goes on. All three lines must be typed
and the stand-in must exit by itself, well before the deadline. It runs in a child
process (it replaces grade.runner's Popen there), so nothing else in the test run sees
the stand-in.
"""

import os
import subprocess
import sys
import time
from typing import Any, Iterator, Tuple

ROOT = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))

FAKE_SHELL = r'''
import sys
out = sys.stdout.buffer
out.write(b"$ "); out.flush()
for line in sys.stdin.buffer:
    out.write(line + b"ran " + line.strip() + b"\n$ "); out.flush()
    if line.strip() == b"exit":
        sys.exit(0)
sys.exit(3)     # stdin closed before "exit"
'''


def child() -> int:
    sys.path.insert(0, ROOT)
    from grade import runner

    class SlowPipe:
        """A stdin whose flush returns only after the answer is surely back."""
        def __init__(self, pipe: Any) -> None:
            self.pipe = pipe

        def write(self, data: bytes) -> int:
            return self.pipe.write(data)

        def flush(self) -> None:
            self.pipe.flush()
            time.sleep(0.3)

        def close(self) -> None:
            self.pipe.close()

    real_popen = subprocess.Popen

    def popen(*args: Any, **kwargs: Any) -> Any:
        proc: Any = real_popen(*args, **kwargs)
        proc.stdin = SlowPipe(proc.stdin)
        return proc

    setattr(runner.subprocess, "Popen", popen)      # (in this child process only)
    log = os.devnull
    status, console, _, secs = runner.run_qemu([sys.executable, "-c", FAKE_SHELL],
                                               ["hello", "/graded/prog", "exit"], 10.0, log, log)
    print("status %s after %.1f s; console %r" % (status, secs, console.decode()))
    return 0 if status == 0 and console.count(b"ran ") == 3 else 1


def check(substring: str = "") -> Iterator[Tuple[str, bool, str, float]]:
    name = "python/grade-typing"
    if substring not in name:
        return
    start = time.monotonic()
    r = subprocess.run([sys.executable, os.path.realpath(__file__), "--child"],
                       stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=60)
    said = r.stdout.decode(errors="replace")
    details = "" if r.returncode == 0 else \
        "run_qemu did not type every line after its prompt:\n" + said
    yield name, r.returncode == 0, details, time.monotonic() - start


if __name__ == "__main__":
    if sys.argv[1:] == ["--child"]:
        sys.exit(child())
    for n, ok, details, secs in check():
        print("%s %s (%.1fs)" % ("PASS" if ok else "FAIL", n, secs))
        print(details, end="")
