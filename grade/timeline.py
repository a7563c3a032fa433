"""For a test that did not pass: the program's signal story on the student's kernel
beside the reference kernel's, as one sigview page (tools/sigview), with the first
event where they differ highlighted.

Both runs are extra boots with "sigtrace=detail", the same program and the same values
(nonce) as the graded run, which itself runs untraced: tracing costs guest time and
must not change a verdict. The reference kernel is an image built from the solutions
(--reference-iso, or GRADE_REFERENCE_ISO; with --submission, this tree's own image).
"""

import os
import sys
import tempfile
from typing import List, Optional, Tuple

from . import runner
from .gradelib import Test
from .runner import Result

ROOT = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
if os.path.join(ROOT, "tools") not in sys.path:
    sys.path.insert(0, os.path.join(ROOT, "tools"))
from sigview import diff, page, tracelog  # noqa: E402


def traced_log(test: Test, nonce: int, iso: str, scale: float) -> str:
    """The kernel log of the test's program run once more, with sigtrace=detail."""
    values = test.bind(nonce)
    with tempfile.TemporaryDirectory(prefix="grade-trace-") as work:
        _, initrd = runner.graded_initrd(test, values, work)
        cmdline = "quiet sigtrace=detail -- " + " ".join(test.command(values, "/graded/prog"))
        kernel_log, qemu_out = os.path.join(work, "k.log"), os.path.join(work, "qemu.out")
        cmd = runner.qemu_command(iso, cmdline, kernel_log, initrd)
        runner.run_qemu(cmd, test.typed_lines(values), test.timeout * scale, kernel_log, qemu_out)
        return runner._read(kernel_log).decode("utf-8", "replace")


def read_trace(log: str, who: str) -> Tuple[List[tracelog.Event], str]:
    events, error = tracelog.parse_prefix(log)
    if error is None:
        return events, ""
    return events, "%s's trace stops making sense at %s (shown up to there)" % (who, error)


def difference_text(i: Optional[int], mine: List[tracelog.Event],
                    ref: List[tracelog.Event]) -> str:
    if i is None:
        return "the signal events are the same on both kernels"
    n = i

    def at(evs: List[tracelog.Event]) -> str:
        return repr(diff.comparable(evs[n])) if n < len(evs) else "(the trace has ended)"
    return "first difference at event #%d:\n    yours:     %s\n    reference: %s" % (
        i, at(mine), at(ref))


def attach(result: Result, nonce: int, iso: str, reference_iso: Optional[str],
           scale: float) -> None:
    """Write LOG.timeline.html beside the test's log and say where in its details."""
    test = result.test
    mine, note = read_trace(traced_log(test, nonce, iso, scale), "your kernel")
    traces = [page.Trace("your kernel: %s (nonce %d)" % (test.id, nonce), mine, None, note)]
    said = "timeline of your kernel"
    if reference_iso and not os.path.exists(reference_iso):
        said += " (no reference kernel to compare with: %s does not exist)" % reference_iso
    elif reference_iso and os.path.realpath(reference_iso) != os.path.realpath(iso):
        ref, ref_note = read_trace(traced_log(test, nonce, reference_iso, scale),
                                   "the reference kernel")
        first = diff.first_difference(mine, ref)
        traces[0].first_difference = first
        traces.append(page.Trace("reference kernel: %s (nonce %d)" % (test.id, nonce), ref,
                                 first, ref_note))
        said = "timelines, yours and the reference's: " + difference_text(first, mine, ref)
    assert result.log is not None
    path = os.path.splitext(result.log)[0] + ".timeline.html"
    with open(path, "w", encoding="utf-8") as f:
        f.write(page.render_many(traces, "%s: %s" % (test.id, result.verdict)))
    result.timeline = path
    result.details = (result.details.rstrip("\n") + "\n" if result.details else "") + \
        "sigview %s" % said
