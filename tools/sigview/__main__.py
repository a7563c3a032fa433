"""python3 tools/sigview LOG [-o OUT.html] [--title TITLE]: a sigtrace log as a page.

LOG is a kernel log (tools/krun --log, build/kernel.log): sigview picks out the sigtrace
lines. Boot with sigtrace=detail (tools/krun --trace-detail, or --html to skip this
step) for guest times and the frame's values; a plain sigtrace log still draws, in
trace order. A log sigview cannot read is refused with the line that is wrong (exit
status 1), never turned into a broken page.
"""

import argparse
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from sigview import page, tracelog  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(prog="tools/sigview",
                                     description="A sigtrace log as a timeline page.")
    parser.add_argument("log", help="the kernel log, or - for stdin")
    parser.add_argument("-o", "--output", help="the page to write (default: LOG.html)")
    parser.add_argument("--title", help="the page's title (default: the log's name)")
    opts = parser.parse_args()
    try:
        if opts.log == "-":
            text = sys.stdin.buffer.read().decode("utf-8", "replace")
        else:
            with open(opts.log, "rb") as f:
                text = f.read().decode("utf-8", "replace")
    except OSError as e:
        print("sigview: %s: %s" % (opts.log, e.strerror), file=sys.stderr)
        return 1
    try:
        events = tracelog.parse_log(text)
    except tracelog.TraceError as e:
        print("sigview: %s: %s" % (opts.log, e), file=sys.stderr)
        return 1
    out = opts.output or (opts.log if opts.log != "-" else "sigtrace") + ".html"
    with open(out, "w", encoding="utf-8") as f:
        f.write(page.render(events, opts.title or os.path.basename(opts.log)))
    print("sigview: %d events -> %s" % (len(events), out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
