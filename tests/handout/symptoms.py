"""The "Common mistakes" of labs/lab1.md, shown as a student at the lab 1 stage sees
them: each mistake is made for real in the reference generate.c of a handout whose
labs 2-5 are still stubs, lab 1 is graded with a fixed seed, and what `make grade-lab1`
prints for it goes into the page between

    <!-- symptom: NAME -->
    ```text
    ...
    ```
    <!-- end symptom -->

`make lab-symptoms` rewrites those blocks; `make test` (handout/lab1-symptoms) makes
them again into build/ and fails, naming the block, when the page differs.
Standalone: python3 tests/handout/symptoms.py [--write]
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

import prebuilt   # (tests/handout/ is on sys.path: tests/autograder.py puts it there)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
PAGE = os.path.join(ROOT, "labs", "lab1.md")
SEED = "1"
FILE = "kern/signal/generate.c"

# name: (text in the reference generate.c, what the mistake puts there)
MISTAKES = {
    "recalc-ignores-blocked": (
        "p->sig.sigpending = (all_pending(&p->sig) & ~p->sig.blocked) ||",
        "p->sig.sigpending = (all_pending(&p->sig)) ||"),
    "ignored-forgets-blocked": (
        "    if (sigismember(p->sig.blocked, sig) || sigismember(p->sig.real_blocked, sig))\n"
        "        return false;\n", ""),
    "complete-wakes-blocked": (
        "    if (sigismember(p->sig.blocked, sig))\n        return;\n"
        "    if (p->state == STOPPED && sig != SIGKILL)", "    if (p->state == STOPPED && sig != SIGKILL)"),
    "wake-up-only-flag": (
        "    p->sig.sigpending = true;\n    if (p->state == SLEEPING) {",
        "    p->sig.sigpending = true;\n    if (0) {"),
    "sigcont-keeps-stops": (
        "        flush_sigqueue_mask(p, STOP_SIGNALS);\n", ""),
    "eagain-for-every-rt": (
        "} else if (sig >= SIGRTMIN && info->si_code != SI_USER) {",
        "} else if (sig >= SIGRTMIN) {"),
    "merging-rt": (
        "return sig < SIGRTMIN && sigismember(pending->signal, sig);",
        "return sigismember(pending->signal, sig);"),
}

TIMES = re.compile(r"\s+\d+\.\ds$|\b\d+\.\d+ s\b|in \d+ s;")


def run(cmd, cwd, timeout=900):
    r = subprocess.run(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=timeout)
    return r.returncode, r.stdout.decode(errors="replace")


def lab1_stage(tmp):
    """A handout with labs 2-5 stubbed and lab 1 solved (the reference), built."""
    tree = os.path.join(tmp, "stage")
    status, out = run([sys.executable, os.path.join(ROOT, "tools", "handout"), "--labs",
                       "2 3 4 5", "--out", tree], ROOT)
    if status != 0:
        raise RuntimeError("tools/handout failed:\n" + out)
    prebuilt.reuse_objects(ROOT, tree)
    status, out = run(["make", "-j2", "build/siglab.iso"], tree)
    if status != 0:
        raise RuntimeError("the lab 1 stage does not build:\n" + out[-3000:])
    return tree


def symptom(stage, tmp, name):
    """What make grade-lab1 prints with mistake NAME made: the failing tests' lines."""
    old, new = MISTAKES[name]
    tree = os.path.join(tmp, name)
    shutil.copytree(stage, tree, symlinks=True)
    path = os.path.join(tree, FILE)
    with open(path) as f:
        text = f.read()
    if text.count(old) != 1:
        raise RuntimeError("%s: the reference %s no longer holds %r" % (name, FILE, old))
    with open(path, "w") as f:
        f.write(text.replace(old, new))
    status, out = run(["make", "-j2", "build/siglab.iso"], tree)
    if status != 0:
        raise RuntimeError("%s does not build:\n%s" % (name, out[-3000:]))
    _, out = run([sys.executable, "-S", "-B", "-m", "grade", "--lab", "1", "--seed", SEED], tree)
    shutil.rmtree(tree)
    return summarize(out)


def summarize(out):
    """What a student reads first in make grade-lab1's output: each test that did not
    pass with its MISSING lines and the console lines nothing expected ("?"), and the
    lab's score. Times and log paths are left out, so the page does not change from
    run to run."""
    keep, mine = [], None
    for line in out.splitlines():
        m = re.match(r"^  (\w+)\s+(\d+)/(\d+)\s+(\w+)", line)
        if m:
            mine = [] if m.group(4) != "PASS" else None
            if mine is not None:
                keep.append("%-22s %s/%s %s" % (m.group(1), m.group(2), m.group(3), m.group(4)))
            continue
        if line.startswith("lab1:"):
            keep.append(line)
            mine = None
        elif mine is not None and WORTH_SHOWING.search(line) and len(mine) < 4:
            mine.append(line)
            keep.append("    " + TIMES.sub("", line.strip()))
    return keep


# The lines of a failure report that say what went wrong.
WORTH_SHOWING = re.compile(r"MISSING|^\s+\?|exit status \d+.*expected|no exit status|"
                           r"still running|panic|not run")

BLOCK = re.compile(r"(<!-- symptom: ([\w-]+) -->\n```text\n)(.*?)(```\n<!-- end symptom -->)", re.S)


def render(page, symptoms):
    def one(m):
        return m.group(1) + "".join(l + "\n" for l in symptoms[m.group(2)]) + m.group(4)
    return BLOCK.sub(one, page)


def make_all():
    with tempfile.TemporaryDirectory(prefix="siglab-symptoms-") as tmp:
        stage = lab1_stage(tmp)
        return {name: symptom(stage, tmp, name) for name in MISTAKES}


def check(substring=""):
    """Yields (name, ok, details, seconds): is labs/lab1.md up to date?"""
    import time
    name = "handout/lab1-symptoms"
    if substring not in name:
        return
    start = time.monotonic()
    with open(PAGE) as f:
        page = f.read()
    on_page = {m.group(2) for m in BLOCK.finditer(page)}
    problems = ["labs/lab1.md has no block for %s" % n for n in sorted(set(MISTAKES) - on_page)]
    problems += ["labs/lab1.md has a block for unknown mistake %s" % n
                 for n in sorted(on_page - set(MISTAKES))]
    try:
        symptoms = make_all()
    except RuntimeError as e:
        yield name, False, str(e), time.monotonic() - start
        return
    fresh = render(page, symptoms)
    out = os.path.join(ROOT, "build", "lab1-symptoms.md")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w") as f:
        f.write(fresh)
    for m_old, m_new in zip(BLOCK.finditer(page), BLOCK.finditer(fresh)):
        if m_old.group(3) != m_new.group(3):
            problems.append("symptom %s is stale; it is now:\n%s(make lab-symptoms rewrites the page)"
                            % (m_old.group(2), m_new.group(3)))
    yield name, not problems, "\n".join(problems), time.monotonic() - start


if __name__ == "__main__":
    if "--write" in sys.argv:
        with open(PAGE) as f:
            page = f.read()
        with open(PAGE, "w") as f:
            f.write(render(page, make_all()))
        print("symptoms: labs/lab1.md rewritten")
        sys.exit(0)
    bad = 0
    for n, ok, details, secs in check():
        print("%s %s (%.1fs)" % ("PASS" if ok else "FAIL", n, secs))
        if details:
            print(details)
        bad += not ok
    sys.exit(1 if bad else 0)
