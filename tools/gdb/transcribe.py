#!/usr/bin/env python3
"""transcribe: run the gdb sessions the labs show, and paste what gdb printed into them.

usage: tools/gdb/transcribe.py [--check] [SCRIPT...]
       (make gdb-transcripts; default: every tools/gdb/transcripts/*.gdb)

A script is a gdb session, one command a line, with directives in comments:

    #@ doc labs/gdb-tour.md        the Markdown file its transcripts go into
    #@ program /bin/gdbdemo -k     what init runs (as make qemu-gdb INIT=...)
    #@ part NAME                   the commands from here on are transcript NAME
                                   (#@ part -: run them, show them nowhere)
    make gdb                       shows "$ make gdb" and connects as make gdb does
    # anything else after #        a comment, not run

In the document, each transcript sits between two lines

    <!-- transcript: NAME -->
    <!-- end transcript -->

and is replaced by a fenced block holding "(gdb) command" lines and what gdb printed,
exactly. The sessions run gdb in batch mode against QEMU started on a pipe, with
-icount shift=4,sleep=off, like the gdb tests, but booted through SeaBIOS and GRUB as
make qemu-gdb boots: the same code gives the same transcript. --check changes nothing and fails if a document is out of date.
"""

import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
SCRIPT_DIR = os.path.join(ROOT, "tools", "gdb", "transcripts")
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(ROOT, "tests", "gdb"))
import gdbtest  # noqa: E402  (qemu_pipe: QEMU on a pipe, as the tests start it)

PART = "@@TRANSCRIPT-PART %s@@"
END = "@@TRANSCRIPT-END@@"
TIMEOUT = 120


class Failure(Exception):
    pass


def gdb_echo(text):
    """A gdb `echo` command printing TEXT and a newline."""
    return "echo " + text.replace("\\", "\\\\") + "\\n"


def parse(script):
    doc, program, steps = None, "/bin/gdbdemo", []
    with open(script) as f:
        for line in f:
            line = line.rstrip("\n")
            m = re.match(r"#@\s*(\w+)\s*(.*)$", line)
            if m:
                key, value = m.groups()
                if key == "doc":
                    doc = value
                elif key == "program":
                    program = value
                elif key == "part":
                    steps.append(("part", value))
                else:
                    raise Failure("%s: unknown directive #@ %s" % (script, key))
            elif line.strip() and not line.lstrip().startswith("#"):
                steps.append(("cmd", line.strip()))
    if doc is None:
        raise Failure("%s: no #@ doc line" % script)
    return doc, program, steps


def gdb_file(program, steps, log_dir):
    """The command file gdb runs: every command echoed as if typed at the prompt."""
    name = os.path.basename(program.split()[0])
    lines = []
    for kind, value in steps:
        if kind == "part":
            lines.append(gdb_echo(PART % value))
        elif value == "make gdb":
            lines.append(gdb_echo("$ make gdb"))
            lines.append("user-program " + name)
            # Through GRUB, as make qemu-gdb boots: kmain's mbi_phys is where GRUB
            # put the boot information, as a student sees it.
            lines.append("siglab-connect " + gdbtest.qemu_pipe("quiet -- " + program, log_dir,
                                                               grub=True))
        else:
            # as if typed: from_tty is true (finish says "Run till exit...", etc.)
            lines.append(gdb_echo("(gdb) " + value))
            lines.append("python gdb.execute(%r, True)" % value)
    lines.append(gdb_echo(END))
    lines.append("kill")
    return "\n".join(lines) + "\n"


def run_session(script):
    doc, program, steps = parse(script)
    log_dir = os.path.join(ROOT, "build", "gdb", "transcripts",
                           os.path.splitext(os.path.basename(script))[0])
    os.makedirs(log_dir, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", suffix=".gdb", delete=False) as f:
        f.write(gdb_file(program, steps, log_dir))
    try:
        cmd = ["gdb", "-q", "-batch", "-nx", "-x", os.path.join("tools", "gdb", "siglab.gdb"),
               "-x", f.name]
        try:
            r = subprocess.run(cmd, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            raise Failure("%s: gdb timed out after %ds" % (script, TIMEOUT))
    finally:
        os.unlink(f.name)
    out = r.stdout.decode("utf-8", "replace")
    if END not in out:
        raise Failure("%s: the session stopped early; gdb printed:\n%s" % (script, out))
    parts = {}
    current = None
    for line in out[:out.index(END)].splitlines():
        m = re.match(r"^@@TRANSCRIPT-PART (\S+)@@$", line)
        if m:
            current = m.group(1)
            parts[current] = []
        elif current is not None:
            parts[current].append(line.rstrip())
    parts.pop("-", None)
    return doc, parts


def fill(doc_text, parts, doc):
    """DOC_TEXT with every transcript block replaced; error if one is missing."""
    used = set()

    def block(m):
        name = m.group(2)
        if name not in parts:
            raise Failure("%s: no session has a part %s" % (doc, name))
        used.add(name)
        lines = parts[name]
        while lines and not lines[-1]:
            lines = lines[:-1]
        return "%s\n```text\n%s\n```\n%s" % (m.group(1), "\n".join(lines), m.group(3))

    pattern = re.compile(r"^(<!-- transcript: (\S+) -->)\n.*?^(<!-- end transcript -->)$",
                         re.M | re.S)
    new = pattern.sub(block, doc_text)
    unused = set(parts) - used
    if unused:
        raise Failure("%s: no <!-- transcript: NAME --> block for %s" % (doc, ", ".join(sorted(unused))))
    return new


BLOCK = re.compile(r"^<!-- transcript: (\S+) -->\n(.*?)^<!-- end transcript -->$", re.M | re.S)


def stale_parts(old, new):
    """What changed between two versions of a document, transcript by transcript:
    (part name, the first line that differs in the old text, and in the new)."""
    old_blocks = dict(BLOCK.findall(old))
    changes = []
    for name, body in BLOCK.findall(new):
        was = old_blocks.get(name, "")
        if was == body:
            continue
        a, b = was.splitlines(), body.splitlines()
        i = next((k for k in range(max(len(a), len(b)))
                  if k >= len(a) or k >= len(b) or a[k] != b[k]), 0)
        changes.append((name, a[i] if i < len(a) else "(nothing)",
                        b[i] if i < len(b) else "(nothing)"))
    return changes


def report_stale(doc, old, new):
    """Say which transcripts of DOC are out of date; keep the fresh text in build/."""
    fresh = os.path.join(ROOT, "build", "gdb", "transcripts", os.path.basename(doc))
    with open(fresh, "w") as f:
        f.write(new)
    print("transcribe: %s is out of date (what gdb prints now: %s)"
          % (doc, os.path.relpath(fresh, ROOT)), file=sys.stderr)
    for name, was, now in stale_parts(old, new):
        print("  transcript %s differs first at:\n    doc: %s\n    gdb: %s" % (name, was, now),
              file=sys.stderr)


def main(argv):
    check = "--check" in argv
    scripts = [a for a in argv if a != "--check"] or sorted(
        os.path.join(SCRIPT_DIR, f) for f in os.listdir(SCRIPT_DIR) if f.endswith(".gdb"))
    by_doc = {}
    try:
        for script in scripts:
            doc, parts = run_session(script)
            by_doc.setdefault(doc, {}).update(parts)
            print("transcribe: %s: %d transcripts" % (os.path.relpath(script, ROOT), len(parts)))
        stale = []
        for doc, parts in by_doc.items():
            path = os.path.join(ROOT, doc)
            with open(path) as f:
                old = f.read()
            new = fill(old, parts, doc)
            if new == old:
                print("transcribe: %s is up to date" % doc)
            elif check:
                report_stale(doc, old, new)
                stale.append(doc)
            else:
                with open(path, "w") as f:
                    f.write(new)
                print("transcribe: %s updated" % doc)
    except Failure as e:
        print("transcribe: %s" % e, file=sys.stderr)
        return 1
    if stale:
        print("transcribe: out of date (run make gdb-transcripts): %s" % " ".join(stale),
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
