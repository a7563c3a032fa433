#!/usr/bin/env python3
"""pictures: the sigview pictures labs/ shows, made by the tool itself.

usage: python3 tools/sigview/pictures.py [--check]      (make sigview-pictures)

For each picture below: tools/krun --html runs a test program, headless Chromium
screenshots the page (with an event's panel open, for a frame) into
labs/pictures/NAME.png, and the lab page gets, between

    <!-- sigview: NAME -->
    <!-- end sigview -->

the image and a caption that ends with a digest of what the picture shows: the
program's sigtrace (times and addresses left out, as the trace tests compare it) and
sigview's own sources. --check reruns each program and fails if a digest is not the
page's (the picture is stale) or a picture is missing; it does not compare pixels,
which change with Chromium's version and fonts, and needs no browser.
"""

import hashlib
import os
import re
import subprocess
import sys
import tempfile
from typing import List, NamedTuple, Optional

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(ROOT, "tools"))
from sigview import tracelog  # noqa: E402

PICTURE_DIR = os.path.join(ROOT, "labs", "pictures")
TOOL_SOURCES = ["sigview.js", "sigview.css", "page.py", "story.py", "tracelog.py"]
ADDRESS = re.compile(r"\b(0x4[0-9a-f]{5}|0x7fff[0-9a-f]{8}|00007fff[0-9a-f]{8})\b")


class Picture(NamedTuple):
    name: str
    page: str               # the lab page it goes into, relative to ROOT
    program: str            # build/user/tests/PROGRAM
    open_kind: Optional[str]    # open the panel of the first event of this kind
    size: str               # Chromium's window, WIDTHxHEIGHT
    caption: str


PICTURES = [
    Picture("lab2-stop-continue", "labs/lab2.md", "default_stop_continue", None, "1900,420",
            "default_stop_continue: each stop signal (SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU) is "
            "generated (white), dequeued (blue) and stops pid 3 (brown, then the shaded "
            "span) until a SIGCONT's \"continued\"; a SIGTERM ends it, and the parent's "
            "SIGCHLD (CLD_KILLED) says so."),
    Picture("lab4-frame", "labs/lab4.md", "restart_pipe_read", "frame", "1400,1450",
            "restart_pipe_read's first frame, clicked: the rt_sigframe on the stack, "
            "highest address first (red zone, alignment gap, fpstate, siginfo, ucontext, "
            "pretcode), then the registers the kernel saved, the handler's at sigreturn, "
            "and what sigreturn restored (rax: -4, -EINTR)."),
    Picture("lab5-restart", "labs/lab5.md", "restart_pipe_read", None, "1300,380",
            "restart_pipe_read: the same SIGUSR1 twice; without SA_RESTART the read "
            "returns EINTR, with it the read restarts. Each handler's run is the bar "
            "from its frame (diamond) to its sigreturn (green)."),
]


def story_of(log: str) -> str:
    """The trace as the trace tests compare it: no times, no sigdetail, no addresses."""
    out = []
    for ev in tracelog.parse_log(log):
        out.append(ADDRESS.sub("ADDR", ev.text))
        out += [ADDRESS.sub("ADDR", l) for l in ev.picture]
    return "\n".join(out) + "\n"


def digest(pic: Picture, log: str) -> str:
    h = hashlib.sha256(repr(pic).encode() + story_of(log).encode())
    for name in TOOL_SOURCES:
        with open(os.path.join(ROOT, "tools", "sigview", name), "rb") as f:
            h.update(f.read())
    return h.hexdigest()[:16]


def run_program(pic: Picture, html: str, log: str) -> None:
    exe = os.path.join(ROOT, "build", "user", "tests", pic.program)
    r = subprocess.run([os.path.join(ROOT, "tools", "krun"), "--log", log, "--html", html, exe],
                       cwd=os.path.dirname(exe), capture_output=True, timeout=180)
    if r.returncode != 0:
        sys.exit("pictures: %s: krun status %d\n%s" % (pic.program, r.returncode,
                                                       r.stderr.decode(errors="replace")))


def screenshot(pic: Picture, html: str, log: str, png: str, profile: str) -> None:
    frag = ""
    if pic.open_kind:
        with open(log, encoding="utf-8", errors="replace") as f:
            events = tracelog.parse_log(f.read())
        frag = "#event=%d" % next(e.index for e in events if e.kind == pic.open_kind)
    cmd = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
           "--user-data-dir=" + profile, "--hide-scrollbars", "--window-size=" + pic.size,
           "--virtual-time-budget=5000", "--screenshot=" + png, "file://" + html + frag]
    subprocess.run(cmd, capture_output=True, timeout=120, cwd=profile)
    if not os.path.exists(png):
        sys.exit("pictures: chromium made no %s (tools/deps.sh installs chromium)" % png)


def block(pic: Picture, stamp: str) -> str:
    return ("<!-- sigview: %s -->\nAs a picture: `tools/krun --html /tmp/t.html "
            "build/user/tests/%s` writes the timeline page; open it in a browser and click "
            "the marks.\n\n![%s](pictures/%s.png)\n\n*%s (Drawn by tools/sigview; `make "
            "sigview-pictures` redraws it. Digest %s.)*\n<!-- end sigview -->" % (
                pic.name, pic.program, pic.program, pic.name, pic.caption, stamp))


def page_with(text: str, pic: Picture, new_block: str) -> Optional[str]:
    """The page with pic's block replaced, or None if the page has no place for it."""
    rx = re.compile(r"<!-- sigview: %s -->\n.*?<!-- end sigview -->" % re.escape(pic.name), re.S)
    if not rx.search(text):
        return None
    return rx.sub(lambda m: new_block, text)


def main(argv: List[str]) -> int:
    check = argv[1:] == ["--check"]
    stale: List[str] = []
    os.makedirs(PICTURE_DIR, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sigview-pictures-") as tmp:
        for pic in PICTURES:
            html, log = os.path.join(tmp, pic.name + ".html"), os.path.join(tmp, pic.name + ".log")
            run_program(pic, html, log)
            with open(log, encoding="utf-8", errors="replace") as f:
                new_block = block(pic, digest(pic, f.read()))
            path = os.path.join(ROOT, pic.page)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            updated = page_with(text, pic, new_block)
            png = os.path.join(PICTURE_DIR, pic.name + ".png")
            if updated is None:
                stale.append("%s has no <!-- sigview: %s --> ... <!-- end sigview --> block"
                             % (pic.page, pic.name))
            elif check:
                if updated != text or not os.path.exists(png):
                    stale.append("%s: labs/pictures/%s.png is stale or missing" % (pic.page, pic.name))
            else:
                screenshot(pic, html, log, png, tmp)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(updated)
                print("pictures: %s -> %s" % (pic.name, os.path.relpath(png, ROOT)))
    for s in stale:
        print("pictures: " + s)
    if stale and check:
        print("(run `make sigview-pictures` and commit the pictures and pages it updates)")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
