# checks.py: what a tests/gdb/NAME.gdb file can check, from `python` lines inside it.
# tests/gdb/gdbtest.py loads this before the test file.
#
#   check_output(cmd, patterns)   run cmd, print its output, and require a line
#                                 matching each regex, in this order; returns the output
#   native_gdb(argv, commands)    run gdb natively on build/user/ARGV[0] (a host process,
#                                 the reference for gdb's wording); returns its output
#   check_like_native(ours, native, pattern, n)
#                                 the N lines from the first matching PATTERN must be
#                                 the same in both outputs (a regex per line, or exact)
#   check(condition, what)        require condition
#   check_error(cmd, pattern)     cmd must fail with a one-line gdb error matching
#                                 pattern (a siglab command's own, not a Python traceback)
#   record_user_regs()            remember the running process's user registers as
#                                 the kernel saved them (*cpu.proc->tf)
#   check_regs_recorded()         require gdb's registers (in user mode) to equal them
#   passed()                      the last line of every test: prints the marker the
#                                 runner looks for
#
# A failed check raises a gdb error: gdb stops reading the test file, the marker never
# appears, and the runner reports the test as failed with gdb's output.

import os
import re
import subprocess
from typing import Dict, List, Optional, Sequence

import gdb

from siglab_gdb import ROOT, current_proc, in_user_mode

PASSED_MARKER = "GDBTEST PASSED"
GENERAL_REGS = ["rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp",
                "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rip"]
recorded: Dict[str, int] = {}     # register -> value (record_user_regs)


def fail(what):
    print("CHECK FAILED: " + what)
    raise gdb.GdbError("check failed: the test stops here")


def check(condition, what):
    if not condition:
        fail(what)
    print("check: " + what)


def check_output(cmd, patterns):
    print("(gdb) " + cmd)
    out = gdb.execute(cmd, False, True)
    print(out, end="" if out.endswith("\n") else "\n")
    lines = out.splitlines()
    at = 0
    for pattern in patterns:
        while at < len(lines) and not re.search(pattern, lines[at]):
            at += 1
        if at == len(lines):
            fail("%r: no line matching %r (after the earlier patterns)" % (cmd, pattern))
        at += 1
    print("check: %r printed lines matching %s" % (cmd, ", ".join(repr(p) for p in patterns)))
    return out


def check_error(cmd: str, pattern: str) -> None:
    print("(gdb) " + cmd)
    try:
        out = gdb.execute(cmd, False, True)
    except gdb.error as e:
        message = str(e)
        print(message)
        if message.startswith("Error occurred in Python") or "\n" in message.strip():
            fail("%r failed with a Python exception, not a one-line error: %s" % (cmd, message))
        if not re.search(pattern, message):
            fail("%r: the error %r does not match %r" % (cmd, message, pattern))
        print("check: %r is refused: %s" % (cmd, message))
        return
    fail("%r did not fail; it printed: %s" % (cmd, out))


def native_gdb(argv: Sequence[str], commands: Sequence[str]) -> str:
    """gdb -batch on the host, on the same static binary siglab runs."""
    root = ROOT
    program = os.path.join(root, "build", "user", argv[0])
    cmd = ["gdb", "-q", "-batch", "-nx"]
    for c in commands:
        cmd += ["-ex", c]
    r = subprocess.run(cmd + ["--args", program] + list(argv[1:]), cwd=root,
                       stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=60, start_new_session=True)
    out = r.stdout.decode("utf-8", "replace")
    print("native gdb (%s):\n%s" % (" ".join(commands), out), end="" if out.endswith("\n") else "\n")
    return out


def lines_from(out: str, pattern: str, n: int) -> Optional[List[str]]:
    lines = out.splitlines()
    for i, line in enumerate(lines):
        if re.search(pattern, line):
            return lines[i:i + n]
    return None


def check_like_native(ours: str, native: str, pattern: str, n: int,
                      masks: Sequence[str] = ()) -> None:
    """The N lines from PATTERN on must be the same in siglab's and native gdb's output;
    each regex in MASKS is blanked out of both first (what may differ, like the
    instruction a timer interrupts)."""
    found_a, found_b = lines_from(ours, pattern, n), lines_from(native, pattern, n)
    if found_a is None or found_b is None:
        fail("no line matching %r in %s" % (pattern, "siglab's gdb" if found_a is None
                                             else "native gdb"))
    a, b = found_a or [], found_b or []
    for mask in masks:
        a = [re.sub(mask, "<...>", line) for line in a]
        b = [re.sub(mask, "<...>", line) for line in b]
    if a != b:
        fail("siglab's gdb printed %r, native gdb %r" % (a, b))
    print("check: %d lines from %r are as native gdb prints them:\n  %s"
          % (n, pattern, "\n  ".join(a)))


def record_user_regs():
    if in_user_mode():
        fail("record_user_regs() wants the kernel, with the user registers in cpu.proc->tf")
    tf = current_proc()["tf"].dereference()
    recorded.clear()
    for reg in GENERAL_REGS + ["rflags"]:
        recorded[reg] = int(tf[reg]) & 0xffffffffffffffff
    print("recorded the user registers from cpu.proc->tf: " +
          " ".join("%s=%#x" % (r, v) for r, v in recorded.items()))


def check_regs_recorded():
    if not recorded:
        fail("check_regs_recorded() before record_user_regs()")
    if not in_user_mode():
        fail("check_regs_recorded() wants user mode")
    wrong = []
    for reg in GENERAL_REGS:
        now = int(gdb.parse_and_eval("$" + reg)) & 0xffffffffffffffff
        if now != recorded[reg]:
            wrong.append("%s is %#x, was %#x" % (reg, now, recorded[reg]))
    eflags = int(gdb.parse_and_eval("$eflags"))
    if eflags != recorded["rflags"]:
        wrong.append("eflags is %#x, was %#x" % (eflags, recorded["rflags"]))
    if wrong:
        fail("registers differ from before the signal: " + "; ".join(wrong))
    print("check: rip and all 16 general registers and eflags are as before the signal")


def passed():
    print(PASSED_MARKER)
