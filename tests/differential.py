"""The differential tests of tests/run_tests.py: a program of user/tests/ (built with
musl and with glibc) or a script of tests/shell/ (run by bash and by busybox sh) runs
natively and in siglab, and passes iff both print the same bytes and end with the
same status (the details are in run_tests.py's doc)."""

import functools
import os
import re
import time

from testlib import (KRUN_CMD, NATIVE_TIMEOUT, ROOT, TEST_ENV, Result, indent, krun, not_built,
                     output_diff, program_options, run, show_status, test_name, text, timed,
                     truncated)

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
