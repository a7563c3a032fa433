"""The handout checks (docs/design.md section 5), run by tests/run_tests.py:

  handout/labN-upto   the handout with labs N..5 stubbed builds, boots, and scores full
                      marks on every lab before N and 0 on lab N (what a student who
                      reached lab N sees before writing any of it);
  handout/labN-only   the handout with only lab N stubbed scores 0 on lab N (no lab N
                      test passes on the strength of the other labs alone).

Each handout is cut once (tools/handout into build/ci/NAME, or $SIGLAB_CI_DIR/NAME), built once, and graded
once by its own grader (python3 -m grade) for all the labs it is checked on; lab 5's two checks
share one handout (labs 5..5 stubbed is lab 5 alone). Standalone:
python3 tests/handout/stubs.py [-j JOBS].
"""

import json
import os
import shutil
import subprocess
import sys
import time

import prebuilt   # (tests/handout/ is on sys.path: tests/autograder.py puts it there)

LABS = (1, 2, 3, 4, 5)


def plan():
    """[(handout name, stubbed labs, labs graded, [(check name, {lab: "full"/"zero"})])]"""
    out = []
    for n in LABS:
        want = {lab: "full" for lab in range(n)}
        want[n] = "zero"
        checks = [("handout/lab%d-upto" % n, want)]
        if n == LABS[-1]:
            checks.append(("handout/lab%d-only" % n, {n: "zero"}))
        out.append(("lab%d-upto" % n, list(range(n, LABS[-1] + 1)), sorted(want), checks))
    for n in LABS[:-1]:
        out.append(("lab%d-only" % n, [n], [n], [("handout/lab%d-only" % n, {n: "zero"})]))
    return out


def run(cmd, cwd, timeout):
    try:
        r = subprocess.run(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=timeout)
        return r.returncode, r.stdout.decode(errors="replace")
    except subprocess.TimeoutExpired:
        return None, "timed out after %d s" % timeout


def tail(text, n=30):
    return "\n".join(text.strip().splitlines()[-n:])


def judge(results, want):
    """Problems with a grading run's JSON against {lab: "full"/"zero"}."""
    problems = []
    labs = {l["lab"]: l for l in results["labs"]}
    for lab, how in sorted(want.items()):
        got = labs.get(lab)
        if got is None:
            problems.append("lab %d was not graded" % lab)
            continue
        if how == "full" and got["score"] != got["max"]:
            problems.append("lab %d scored %d/%d, expected full marks:" % (lab, got["score"], got["max"]))
            for t in got["tests"]:
                if t["verdict"] != "PASS":
                    problems.append("  %s %s" % (t["id"], t["verdict"]))
                    problems += ["      " + l for l in t["details"].splitlines()[:12]]
        if how == "zero" and got["score"] != 0:
            passed = [t["id"] for t in got["tests"] if t["verdict"] == "PASS"]
            problems.append("lab %d scored %d/%d with its code stubbed, expected 0; these "
                            "passed: %s" % (lab, got["score"], got["max"], " ".join(passed)))
    for t in results.get("prerequisites", []):
        if t["verdict"] != "PASS":
            problems.append("prerequisite %s: %s (the labs before are complete here)"
                            % (t["id"], t["verdict"]))
    return problems


def cut_and_build(root, entry, jobs):
    """Cut and build one handout of plan(): (its tree, problems, when it started).
    No QEMU: tests/run_tests.py runs this beside the QEMU work."""
    name = entry[0]
    start = time.monotonic()
    out = os.path.join(prebuilt.ci_dir(root), name)
    problems = []
    status, said = run([sys.executable, os.path.join(root, "tools", "handout"),
                        "--labs", " ".join(map(str, entry[1])), "--out", out], root, 120)
    if status != 0:
        problems.append("tools/handout failed:\n" + tail(said))
    if not problems:
        prebuilt.reuse_objects(root, out)
        status, said = run(["make", "-j%d" % jobs, "build/siglab.iso"], out, 600)
        if status != 0:
            problems.append("the handout does not build:\n" + tail(said))
    return out, problems, time.monotonic() - start


def grade_handout(entry, built, jobs, env_seed, scale):
    """Grade a handout cut_and_build made; its checks' (name, ok, details, seconds)."""
    _, _, graded, checks = entry
    out, problems, build_secs = built
    start = time.monotonic()
    results = None
    if not problems:
        result_file = os.path.join(out, "build", "grade", "ci.json")
        cmd = [sys.executable, "-S", "-B", "-m", "grade", "--format", "json",  # (cwd: out)
               "--output", result_file, "-j", str(jobs), "--seed", env_seed]
        for lab in graded:
            cmd += ["--lab", str(lab)]
        status, said = run(cmd, out, int(900 * scale))
        try:
            with open(result_file) as f:
                results = json.load(f)
        except (OSError, ValueError):
            problems.append("grading failed (status %s):\n%s" % (status, tail(said)))
    secs = build_secs + time.monotonic() - start
    done = []
    for check, want in checks:
        mine = list(problems)
        if results is not None:
            mine += judge(results, want)
        details = "\n".join(mine)
        if mine:
            details += "\nhandout: %s (seed %s; logs in build/grade/logs/)" % (out, env_seed)
        done.append((check, not mine, details, secs))
        secs = 0.0
    if results is not None and not problems:
        # Keep the logs of a failure; a passing handout's tree is only bulk.
        if all(not judge(results, want) for _, want in checks):
            shutil.rmtree(out, ignore_errors=True)
    return done


def handout_jobs(root, jobs=2, seed=None, scale=1.0, substring=""):
    """One job per handout, for the checks whose name contains substring: a pair of
    functions, (build, grade): build() cuts and builds the tree (no QEMU), grade(b)
    grades what build() returned and gives the checks' results. The handouts share
    nothing but root's objects, so the jobs can run at the same time; each grader
    runs jobs QEMUs at once."""
    env_seed = seed or str(int(time.time()))
    out = []
    for name, stubbed, graded, checks in plan():
        checks = [c for c in checks if substring in c[0]]
        if checks:
            entry = (name, stubbed, graded, checks)
            out.append((lambda entry=entry: cut_and_build(root, entry, jobs),
                        lambda built, entry=entry: grade_handout(entry, built, jobs, env_seed,
                                                                 scale)))
    return out


def check_handouts(root, jobs=2, seed=None, scale=1.0, substring=""):
    """Yields (check name, ok, details, seconds) as the checks complete, one handout
    after the other; only the checks whose name contains substring."""
    for build, grade in handout_jobs(root, jobs, seed, scale, substring):
        yield from grade(build())


def main():
    jobs = 2
    if len(sys.argv) == 3 and sys.argv[1] == "-j":
        jobs = int(sys.argv[2])
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
    failed = 0
    for name, ok, details, secs in check_handouts(root, jobs):
        failed += not ok
        print("%s %s (%.1fs)" % ("PASS" if ok else "FAIL", name, secs), flush=True)
        if details:
            print("    " + details.replace("\n", "\n    "), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
