"""sigview's tests, for tests/run_tests.py.

Host only (with the unit tests):
  sigview/parser     every tests/trace/*.expected read: one event per sigtrace line,
                     every frame's picture attached, no line left over, every kind of
                     line the kernel writes recognised (the timer line, which no trace
                     test shows, from a line written here)
  sigview/story      what joins the events, on known traces: generation to delivery,
                     frame to sigreturn, stop to continue, restart and EINTR labels
  sigview/malformed  broken and cut-off logs: each refused with the right line number,
                     by the parser and by `python3 tools/sigview` (exit 1, no page)
  sigview/diff       the first difference of two traces: none when only addresses move
  sigview/grade-timeline  grade/timeline.py's page for a (made-up) failing lab 3 test,
                     with a copy of this tree's image as the reference: both runs on one
                     page, and the details say they agree
In siglab (after the trace tests), for two test programs:
  sigview/PROG       tools/krun --html; headless Chromium's DOM after the page's script
                     ran has one mark per event and, for #event=N (a frame), the
                     frame's fields at Linux's offsets and the registers around its
                     sigreturn; its screenshot is a PNG that is not blank. Skipped,
                     saying so, only if Chromium cannot start.
"""

import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from typing import Dict, Iterator, List, Optional, Set, Tuple

ROOT = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
from sigview import page, story, tracelog  # noqa: E402

Check = Tuple[str, bool, str, float]
TRACE_DIR = os.path.join(ROOT, "tests", "trace")
PAGE_PROGRAMS = ["sigreturn_bad_rip", "restart_pipe_read", "grade-timeline"]

# Linux x86-64's rt_sigframe (asm/sigframe.h, uapi/asm/sigcontext.h): field -> offset.
FRAME_OFFSETS = {"pretcode": 0, "uc.uc_flags": 8, "uc.uc_link": 16, "uc.uc_stack.ss_sp": 24,
                 "uc.uc_stack.ss_flags": 32, "uc.uc_stack.ss_size": 40,
                 "uc_mcontext.r8": 48, "uc_mcontext.rdi": 112, "uc_mcontext.rax": 152,
                 "uc_mcontext.rsp": 168, "uc_mcontext.rip": 176, "uc_mcontext.eflags": 184,
                 "uc_mcontext.cs": 192, "uc_mcontext.err": 200, "uc_mcontext.trapno": 208,
                 "uc_mcontext.oldmask": 216, "uc_mcontext.cr2": 224,
                 "uc_mcontext.fpstate": 232, "uc.uc_sigmask": 304, "info.si_signo": 312,
                 "info.si_errno": 316, "info.si_code": 320}


def expected_files() -> List[str]:
    return sorted(os.path.join(TRACE_DIR, f) for f in os.listdir(TRACE_DIR)
                  if f.endswith(".expected"))


def parser_problems() -> List[str]:
    problems: List[str] = []
    kinds: Set[str] = set()
    for path in expected_files():
        name = os.path.basename(path)
        with open(path) as f:
            lines = f.read().splitlines()
        try:
            events = tracelog.parse_log("\n".join(lines) + "\n")
        except tracelog.TraceError as e:
            problems.append("%s: %s" % (name, e))
            continue
        sigtrace = [l for l in lines if l.startswith("sigtrace: ")]
        pictures = sum(len(ev.picture) for ev in events)
        if len(events) != len(sigtrace):
            problems.append("%s: %d events from %d sigtrace lines" % (name, len(events),
                                                                       len(sigtrace)))
        if len(sigtrace) + pictures != len(lines):
            problems.append("%s: %d lines, but %d events and %d picture lines" % (
                name, len(lines), len(events), pictures))
        for ev in events:
            kinds.add(ev.kind)
            if ev.kind == "frame" and len(ev.picture) != tracelog.PICTURE_LINES:
                problems.append("%s line %d: frame without its picture" % (name, ev.line_no))
            if ev.pid() is None:
                problems.append("%s line %d: no pid for %s" % (name, ev.line_no, ev.kind))
    timer = "sigtrace: timer     SIGALRM for pid 2 (t): POSIX timer 0 expired, overrun 0\n"
    kinds |= {ev.kind for ev in tracelog.parse_log(timer)}
    missing = {kind for kind, _ in tracelog.FORMS} - kinds
    if missing:
        problems.append("kinds of line never parsed: %s" % ", ".join(sorted(missing)))
    return problems


def events_of(name: str) -> List[tracelog.Event]:
    with open(os.path.join(TRACE_DIR, name + ".expected")) as f:
        return tracelog.parse_log(f.read())


def story_problems() -> List[str]:
    problems: List[str] = []

    def expect(what: str, got: object, want: object) -> None:
        if got != want:
            problems.append("%s: got %r, want %r" % (what, got, want))
    rpr = events_of("restart_pipe_read")
    expect("restart_pipe_read links", story.deliveries(rpr), {0: 1, 6: 7})
    expect("restart_pipe_read handlers", story.handler_runs(rpr), {3: 4, 9: 10})
    expect("restart_pipe_read restarts", [story.restart_label(e) for e in rpr
                                          if e.kind == "restart"], ["read: EINTR", "read: restart"])
    expect("restart_pipe_read restart pids", [e.pid() for e in rpr if e.kind == "restart"], [2, 2])
    dsc = events_of("default_stop_continue")
    expect("default_stop_continue stops", story.stops(dsc),
           [(3, 2, 6), (3, 8, 12), (3, 14, 18), (3, 20, 24)])
    expect("default_stop_continue exits", story.exits(dsc), [(3, 26, "CLD_KILLED"),
                                                             (2, 27, "CLD_EXITED")])
    rtq = events_of("rt_signal_queue")       # three queued: first in, first out
    expect("rt_signal_queue links", story.deliveries(rtq), {0: 3, 1: 4, 2: 5})
    bad = events_of("sigreturn_bad_rip")     # handlers that never return
    expect("sigreturn_bad_rip unfinished handlers",
           sorted(i for i, r in story.handler_runs(bad).items() if r is None), [14, 30])
    return problems


TIMED = ("sigtrace: [0.000100000 pid 2] generate  SIGUSR1  -> pid 2 (p) from pid 2, si_code 0 "
         "(SI_USER): pending\n")
FRAME = ("sigtrace: frame     SIGUSR1  in pid 2 (p): handler 0x401000, flags SA_RESTORER, on "
         "the process stack\n")
PICTURE_LINE = "    00007fffffffe000  +--------------------------------+\n"

# (what, log, the line sigview must name)
MALFORMED: List[Tuple[str, str, int]] = [
    ("an unknown line", "boot\nsigtrace: generate  SIGUSR1  -> pid 2 (p)\n", 2),
    ("a line cut off", "sigtrace: dequeue   SIGUSR1  in pid 2 (p), still pending 0, blo", 1),
    ("a picture cut off at the end", "x\n" + FRAME + PICTURE_LINE * 5, 2),
    ("a picture cut off by a line", FRAME + PICTURE_LINE * 3 + TIMED.replace(
        "[0.000100000 pid 2] ", ""), 1),
    ("times on some lines only", TIMED + "sigtrace: dequeue   SIGUSR1  in pid 2 (p), still "
     "pending 0, blocked 0\n", 2),
    ("time going back", TIMED + TIMED.replace("0.000100000", "0.000000001"), 2),
    ("a sigdetail cut off", TIMED + FRAME.replace("sigtrace: ", "sigtrace: [0.1 pid 2] ")
     .replace("[0.1 ", "[0.000200000 ") + PICTURE_LINE * 14 +
     "sigdetail: frame pid 2: frame 0x7fffffffe000 size 440\n", 17),
    ("a sigdetail with no frame", "sigdetail: ucontext pid 2: pretcode 0 uc_flags 0 uc_link 0 "
     "ss_sp 0 ss_flags 0 ss_size 0 uc_sigmask 0\n", 1),
    ("a restart with no process", "sigtrace: restart   syscall 0 returned -ERESTARTSYS: "
     "handler: EINTR\n", 1),
]


def malformed_problems() -> List[str]:
    problems: List[str] = []
    tmp = tempfile.mkdtemp(prefix="sigview-")
    try:
        for what, log, line in MALFORMED:
            try:
                events = tracelog.parse_log(log)
                problems.append("%s: accepted (%d events)" % (what, len(events)))
                continue
            except tracelog.TraceError as e:
                if e.line_no != line or not str(e).startswith("line %d: " % line):
                    problems.append("%s: %s (want line %d)" % (what, e, line))
            path, out = os.path.join(tmp, "k.log"), os.path.join(tmp, "k.html")
            with open(path, "w") as f:
                f.write(log)
            run = subprocess.run([sys.executable, os.path.join(ROOT, "tools", "sigview"), path,
                                  "-o", out], capture_output=True, text=True, timeout=60)
            if run.returncode != 1 or "line %d: " % line not in run.stderr or os.path.exists(out):
                problems.append("%s: tools/sigview exit %d, said %r%s" % (
                    what, run.returncode, run.stderr.strip(),
                    ", and wrote a page" if os.path.exists(out) else ""))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return problems


def host_checks(substring: str = "") -> Iterator[Check]:
    for name, fn in (("sigview/parser", parser_problems), ("sigview/story", story_problems),
                     ("sigview/malformed", malformed_problems), ("sigview/diff", diff_problems)):
        if substring not in name:
            continue
        start = time.monotonic()
        try:
            problems = fn()
        except Exception as e:      # a crash is a failure with its reason
            problems = ["%s: %r" % (name, e)]
        yield name, not problems, "".join(p + "\n" for p in problems), time.monotonic() - start


# ---- the page in a real browser ---------------------------------------------------

def chromium() -> Optional[str]:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def browse(url: str, profile: str, extra: List[str]) -> "subprocess.CompletedProcess[bytes]":
    exe = chromium()
    assert exe
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
           "--user-data-dir=" + profile, "--hide-scrollbars", "--window-size=1400,900",
           "--virtual-time-budget=5000"] + extra + [url]
    return subprocess.run(cmd, capture_output=True, timeout=120, cwd=profile)


def png_pixels(data: bytes) -> Tuple[int, int, Set[bytes]]:
    """(width, height, distinct colours) of an 8-bit RGB or RGBA PNG, by hand (zlib)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, width, height, ctype = 8, b"", 0, 0, 0
    while pos < len(data):
        size, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + size]
        if kind == b"IHDR":
            width, height, depth, ctype = struct.unpack(">IIBB", body[:10])
            if depth != 8 or ctype not in (2, 6):
                raise ValueError("PNG depth %d colour type %d" % (depth, ctype))
        elif kind == b"IDAT":
            idat += body
        pos += 12 + size
    bpp = 3 if ctype == 2 else 4
    raw, stride = zlib.decompress(idat), width * bpp
    prev, colours = bytearray(stride), set()  # type: Tuple[bytearray, Set[bytes]]
    for y in range(height):
        filt, row = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = row[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if filt == 1:
                row[i] = (row[i] + a) & 255
            elif filt == 2:
                row[i] = (row[i] + b) & 255
            elif filt == 3:
                row[i] = (row[i] + (a + b) // 2) & 255
            elif filt == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                row[i] = (row[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        if y % 4 == 0:
            colours.update(bytes(row[i:i + 3]) for i in range(0, stride, bpp * 4))
        prev = row
    return width, height, colours


def dom_problems(dom: str, events: List[tracelog.Event], frame: int) -> List[str]:
    problems: List[str] = []
    marks = len(re.findall(r'<g class="ev ev-', dom))
    if marks != len(events):
        problems.append("%d event marks in the DOM, the trace has %d events" % (marks, len(events)))
    if 'data-ready="yes"' not in dom:
        problems.append("the page's script did not finish")
    if not re.search(r'<div id="panel" class="panel" data-event="%d"' % frame, dom):
        problems.append("#event=%d did not open the panel" % frame)
    offsets = dict((f, int(o)) for o, f in re.findall(
        r'<tr class="field [a-z]+" data-offset="(\d+)" data-size="\d+" data-field="([^"]+)"', dom))
    for field, want in FRAME_OFFSETS.items():
        if offsets.get(field) != want:
            problems.append("frame panel: %s at offset %s, not %d" % (field, offsets.get(field), want))
    geo = story.frame_geometry(events[frame])
    rsp, fr = geo["rsp"], geo["frame"]
    if rsp is None or fr is None or \
            'class="region redzone" data-offset="%d" data-size="128"' % (rsp - 128 - fr) not in dom:
        problems.append("frame panel: no 128-byte red zone just below the interrupted rsp")
    for region in ("fpstate", "caller"):
        if 'class="region %s"' % region not in dom:
            problems.append("frame panel: no %s region" % region)
    regs = len(re.findall(r"<tr (?:class=\"changed\" )?data-reg=", dom))
    if regs != 20:
        problems.append("frame panel: %d register rows, not 20" % regs)
    return problems


def page_test(prog: str) -> Tuple[str, bool, str]:
    """sigview/PROG: (name, ok, details); ok with a "skipped" detail if no Chromium.
    sigview/grade-timeline: the grader's page (no browser needed)."""
    name = "sigview/" + prog
    if prog == "grade-timeline":
        work = tempfile.mkdtemp(prefix="sigview-grade-")
        try:
            problems = grade_timeline_test(work)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return name, not problems, "".join(p + "\n" for p in problems)
    exe = os.path.join(ROOT, "build", "user", "tests", prog)
    if not os.access(exe, os.X_OK):
        return name, False, "%s was not built (did `make all` succeed?)\n" % exe
    if chromium() is None:
        return name, True, "skipped: no chromium (tools/deps.sh installs it)\n"
    out_dir = os.path.join(ROOT, "build", "sigview")
    os.makedirs(out_dir, exist_ok=True)
    html, log = os.path.join(out_dir, prog + ".html"), os.path.join(out_dir, prog + ".log")
    run = subprocess.run([os.path.join(ROOT, "tools", "krun"), "--log", log, "--html", html,
                          exe], capture_output=True, timeout=180, cwd=out_dir)
    if run.returncode != 0 or not os.path.exists(html):
        return name, False, "krun --html: status %d\n%s" % (run.returncode, run.stderr.decode())
    with open(log, encoding="utf-8", errors="replace") as f:
        events = tracelog.parse_log(f.read())
    frame = next((ev.index for ev in events if ev.kind == "frame"), None)
    if frame is None:
        return name, False, "the trace has no frame (lab 3 not done yet?); log: %s\n" % log
    profile = tempfile.mkdtemp(prefix="sigview-chromium-")
    try:
        url = "file://%s#event=%d" % (html, frame)
        dom = browse(url, profile, ["--dump-dom"])
        if dom.returncode != 0 or b"<html" not in dom.stdout:
            why = dom.stderr.decode(errors="replace").strip().splitlines()[-3:]
            return name, True, "skipped: chromium cannot start (%s)\n" % " / ".join(why)
        problems = dom_problems(dom.stdout.decode("utf-8", "replace"), events, frame)
        png = os.path.join(out_dir, prog + ".png")
        shot = browse(url, profile, ["--screenshot=" + png])
        try:
            with open(png, "rb") as f:
                width, height, colours = png_pixels(f.read())
            if (width, height) != (1400, 900) or len(colours) < 8:
                problems.append("screenshot %s: %dx%d with %d colours: blank?" % (
                    png, width, height, len(colours)))
        except (OSError, ValueError, zlib.error) as e:
            problems.append("screenshot %s (chromium status %d): %s" % (png, shot.returncode, e))
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return name, not problems, "".join(p + "\n" for p in problems) + \
        ("page: %s\n" % os.path.relpath(html, ROOT) if problems else "")


# ---- the grader's timelines --------------------------------------------------------

def diff_problems() -> List[str]:
    """diff.first_difference on a trace and copies of it changed at a known event."""
    from sigview import diff
    problems: List[str] = []
    with open(os.path.join(TRACE_DIR, "restart_pipe_read.expected")) as f:
        text = f.read()
    base = tracelog.parse_log(text)
    moved = tracelog.parse_log(text.replace("ADDR", "0x401234"))    # addresses move: the same
    eintr = tracelog.parse_log(text.replace("without SA_RESTART: EINTR", "restart", 1))
    cases = [("the same trace", base, None), ("only addresses differ", moved, None),
             ("a restart instead of EINTR", eintr, 2), ("cut short", base[:5], 5)]
    for what, other, want in cases:
        got = diff.first_difference(base, other)
        if got != want:
            problems.append("first_difference, %s: %s, want %s" % (what, got, want))
    return problems


def grade_timeline_test(work: str) -> List[str]:
    """grade/timeline.attach for a lab 3 test, against a copy of this tree's image as
    the reference: two timelines on one page, which agree, and the details say so."""
    sys.path.insert(0, ROOT)
    from grade import core, runner, timeline
    _, tests = core.load_tests()
    test = next(t for t in tests if t.id == "lab3/handler_siginfo")
    iso = os.path.join(ROOT, "build", "siglab.iso")
    reference = os.path.join(work, "reference.iso")
    shutil.copyfile(iso, reference)
    result = runner.Result(test, runner.FAIL, 0.0, "made up", os.path.join(work, "t.log"))
    timeline.attach(result, 123456, iso, reference, 1.0)
    problems: List[str] = []
    if result.timeline != os.path.join(work, "t.timeline.html"):
        problems.append("timeline at %s" % result.timeline)
        return problems
    with open(result.timeline) as f:
        html = f.read()
    for want in ("your kernel: lab3/handler_siginfo (nonce 123456)",
                 "reference kernel: lab3/handler_siginfo (nonce 123456)"):
        if want not in html:
            problems.append("the page has no %r" % want)
    if "the signal events are the same on both kernels" not in result.details:
        problems.append("details: %r" % result.details)
    return problems
