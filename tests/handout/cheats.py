"""Cheating submissions, graded as a student would submit them: each must score 0.

  grade/cheat-replay        a lab 1 submission whose lab code is still the handout's
                            stub, plus code in kern/signal/generate.c that, on the
                            program's first kill/tgkill/sigqueue, prints every line the
                            lab 1 tests expect for this very seed (computed from
                            grade/tests.py), then the tagged lines a reference run
                            printed, writes "init: exit status 0" to the kernel log and
                            powers off. Graded twice: as submitted (the source check
                            must refuse it, naming file and line) and with the source
                            check off (the tags must make it worthless: 0 points).
  grade/cheat-fixed-text    the same printing, but from a kernel that reads nothing:
                            no command line, one fixed text (here with the lines of a
                            different seed), with the source check off.

  grade/each-lab-alone      not a cheat: a submission whose lab 1 is the reference and
                            whose lab 2 file does not compile, graded for labs 1 and 2
                            at once, must score as grade-lab1 and grade-lab2 would: 100
                            on lab 1 (graded with the handout's stubs after it), 0 on
                            lab 2, and the table and total printed all the same.

Standalone: python3 tests/handout/cheats.py [NAME]
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
GRADE = [sys.executable, "-S", "-B", "-m", "grade"]   # run from ROOT (run); -S: no .pth hooks
HOOKED = ("sys_kill", "sys_tkill", "sys_tgkill", "sys_rt_sigqueueinfo")

CHEAT = r'''
/* ---- a cheat: print what the grader wants, then power off ---- */
#include "kern/serial.h"
#include "kern/fwcfg.h"
#include "kern/x86.h"
#include "kern/printk.h"
static const char *const cheat_lines[] = {
%s
    0
};
static void cheat_now(void)
{
    char cmdline[256];
    long n = fwcfg_file_size("opt/siglab/cmdline");
    if (READ_CMDLINE && n > 0 && n < (long)sizeof cmdline)
        fwcfg_read_file("opt/siglab/cmdline", cmdline, n);
    for (int i = 0; cheat_lines[i]; i++) {
        for (const char *c = cheat_lines[i]; *c; c++)
            serial_putc(COM1, *c);
        serial_putc(COM1, '\n');
    }
    printk("init: exit status 0\n");
    outb(0xf4, 0);
}
'''


def run(cmd, timeout=900):
    r = subprocess.run(cmd, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=timeout)
    return r.returncode, r.stdout.decode(errors="replace")


def expected_lines(seed):
    """Every line the lab 1 tests expect under seed, untagged, as the grader computes them."""
    if ROOT not in sys.path:
        sys.path.insert(0, ROOT)
    from grade import core
    labs, tests = core.load_tests()
    lines = []
    for t in tests:
        if t.lab == 1:
            values = t.bind(core.nonce_for(seed, t))
            lines += [shown for shown, _, _ in t.expected(values)] + ["exit status 0"]
    return lines


def replayed_lines(seed, logdir):
    """The console lines (tags and all) of a real lab 1 run of the reference."""
    run(GRADE + ["--lab", "1", "--seed", seed, "--logdir", logdir])
    lines = []
    for fn in sorted(os.listdir(os.path.join(logdir, "lab1"))):
        if fn.endswith(".log"):
            with open(os.path.join(logdir, "lab1", fn), errors="replace") as f:
                text = f.read()
            console = text.split("---- console (COM1)\n", 1)[-1].split("\n---- kernel log", 1)[0]
            lines += [l for l in console.split("\n") if "  ~" in l]
    return lines


def c_string(s):
    return '"%s"' % s.replace("\\", "\\\\").replace('"', '\\"')


def cheating_generate_c(stub_text, lines, read_cmdline):
    """The handout's stubbed generate.c with the cheat added and called first thing in
    each of HOOKED."""
    text = stub_text
    for fn in HOOKED:
        text, n = re.subn(r"(\n\w[^\n]*\b%s\([^)]*\)\n\{\n)" % fn, r"\1    cheat_now();\n", text)
        if n != 1:
            raise RuntimeError("cannot find %s in the handout's generate.c" % fn)
    body = CHEAT % "\n".join("    %s," % c_string(l) for l in lines)
    head, sep, rest = text.partition("\n\n")      # after the file's first paragraph
    return head + sep + "#define READ_CMDLINE %d\n" % read_cmdline + body + "\n" + rest


def grade_submission(sub, seed, extra, result_file):
    status, out = run(GRADE + ["--submission", sub, "--lab", "1", "--seed", seed,
                       "--format", "json", "--output", result_file] + extra)
    try:
        with open(result_file) as f:
            return json.load(f), out
    except (OSError, ValueError):
        return None, out


def judge(results, out, want_source_check):
    """Problems with how a cheat was graded."""
    if results is None:
        return ["grading failed:\n" + out[-3000:]]
    problems = []
    for lab in results["labs"]:
        if lab["score"] != 0:
            passed = [t["id"] for t in lab["tests"] if t["verdict"] == "PASS"]
            problems.append("lab %d scored %d/%d; passed: %s"
                            % (lab["lab"], lab["score"], lab["max"], " ".join(passed)))
    refused = "the source check failed" in out
    if want_source_check and not (refused and re.search(r"generate\.c:\d+: uses serial_putc", out)):
        problems.append("the source check did not refuse it naming generate.c and serial_putc:\n"
                        + out[-2000:])
    if not want_source_check and refused:
        problems.append("the source check ran although it was turned off")
    return problems


def each_lab_alone(tmp, seed):
    """Problems with grading labs 1 and 2 of a submission whose lab 2 does not build."""
    d = os.path.join(tmp, "broken2", "kern", "signal")
    os.makedirs(d)
    for name in ("generate.c", "deliver.c"):
        with open(os.path.join(ROOT, "kern", "signal", name)) as f:
            text = f.read()
        with open(os.path.join(d, name), "w") as f:
            f.write(text + ("\nthis line is not C\n" if name == "deliver.c" else ""))
    status, out = run(GRADE + ["--submission", os.path.dirname(os.path.dirname(d)),
                       "--lab", "1", "--lab", "2", "--seed", seed])
    problems = []
    for want in ("lab1: 100/100", "lab2: 0/100", "total: 100/200"):
        if want not in out:
            problems.append("no %r in the output" % want)
    if out.count("the kernel did not build:") != 1 or "this line is not C" not in out:
        problems.append("the build log is not shown exactly once")
    return problems + (["output:\n" + out[-3000:]] if problems else [])


NAMES = ("grade/cheat-replay", "grade/cheat-fixed-text", "grade/each-lab-alone")


def _handout_stub(tmp):
    """generate.c as a fresh handout has it (the lab 1 stub), or None."""
    status, _ = run([sys.executable, os.path.join(ROOT, "tools", "handout"),
                     "--out", os.path.join(tmp, "handout")])
    if status != 0:
        return None
    with open(os.path.join(tmp, "handout", "kern", "signal", "generate.c")) as f:
        return f.read()


def _submission(tmp, name, stub, lines, read_cmdline):
    d = os.path.join(tmp, name, "kern", "signal")
    os.makedirs(d)
    with open(os.path.join(d, "generate.c"), "w") as f:
        f.write(cheating_generate_c(stub, lines, read_cmdline))
    return os.path.join(tmp, name)


def cheat_replay(tmp, seed, stub):
    replay = expected_lines(seed) + replayed_lines(seed, os.path.join(tmp, "logs"))
    sub = _submission(tmp, "replay", stub, replay, 1)
    problems = []
    for extra, want in (([], True), (["--no-source-check"], False)):
        results, out = grade_submission(sub, seed, extra, os.path.join(tmp, "r.json"))
        problems += judge(results, out, want)
    return problems


def cheat_fixed_text(tmp, seed, stub):
    sub = _submission(tmp, "fixed", stub, expected_lines(str(int(seed) + 1)), 0)
    results, out = grade_submission(sub, seed, ["--no-source-check"], os.path.join(tmp, "f.json"))
    return judge(results, out, False)


def check_cheats(substring=""):
    """Yields (name, ok, details, seconds) for the checks whose name contains
    substring, one after the other in one scratch directory: the two cheats share one
    cut of the handout (its lab 1 stub), and running them at once would gain nothing,
    for grade --submission grades one submission at a time per checkout."""
    seed = str(int(time.time()))
    checks = [(name, fn) for name, fn in zip(NAMES, (cheat_replay, cheat_fixed_text, None))
              if substring in name]
    with tempfile.TemporaryDirectory(prefix="siglab-cheats-") as tmp:
        start = time.monotonic()
        stub = _handout_stub(tmp) if any(fn for _, fn in checks) else None
        for name, fn in checks:
            if fn is None:
                problems = each_lab_alone(tmp, seed)
            elif stub is None:
                problems = ["tools/handout failed"]
            else:
                problems = fn(tmp, seed, stub)
            yield name, not problems, "\n".join(problems), time.monotonic() - start
            start = time.monotonic()


if __name__ == "__main__":
    bad = 0
    for name, ok, details, secs in check_cheats(sys.argv[1] if len(sys.argv) > 1 else ""):
        print("%s %s (%.1fs)" % ("PASS" if ok else "FAIL", name, secs))
        if details:
            print(details)
        bad += not ok
    sys.exit(1 if bad else 0)
