#!/usr/bin/env python3
"""qemu_gdb: the honest half of `make qemu-gdb` and `make gdb`.

usage: tools/gdb/qemu_gdb.py serve --port N --program NAME [--default-port] -- COMMAND...
       tools/gdb/qemu_gdb.py check --port N

serve (make qemu-gdb) runs COMMAND, `python3 -m grade.qemu ... --gdb tcp:localhost:N`
(QEMU is only ever started through grade/qemu.py), and writes build/gdb/session.gdb,
the file `make gdb` runs, only once its QEMU holds the port; it removes the file when
QEMU exits. (COMMAND with --print only prints QEMU's command line: it just runs.) A port someone else holds is an
error (exit status 2) with a message that says whose it is, and the file is left alone:
before, a second `make qemu-gdb` failed with "Address already in use", exited 0 and left
a session.gdb that sent gdb to the first QEMU with the second program's symbols.

check (make gdb, before gdb starts) refuses a session.gdb whose QEMU has gone, or whose
port is now held by another process.

The default port is 20000 + uid % 10000 (the Makefile's GDBPORT), so uids 1000 and 11000
get the same one: when the port is taken, the message names the uid that holds it.
"""

import argparse
import os
import re
import signal
import socket
import subprocess
import sys
import time
from typing import List, Optional, Tuple

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
SESSION = os.path.join(ROOT, "build", "gdb", "session.gdb")
LISTEN = "0A"                   # TCP_LISTEN in /proc/net/tcp's "st" column
WAIT_FOR_LISTEN = 10.0          # seconds QEMU gets to open its port


def listeners(port: int) -> List[Tuple[int, int]]:
    """(uid, socket inode) of every socket listening on PORT, from /proc/net/tcp{,6}."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as f:
                rows = f.read().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            cols = row.split()
            if int(cols[1].rsplit(":", 1)[1], 16) == port and cols[3] == LISTEN:
                found.append((int(cols[7]), int(cols[9])))
    return found


def socket_inodes(pid: int) -> set:
    """The inodes of the sockets process PID has open."""
    inodes = set()
    try:
        for fd in os.listdir("/proc/%d/fd" % pid):
            m = re.match(r"socket:\[(\d+)\]", os.readlink("/proc/%d/fd/%s" % (pid, fd)))
            if m:
                inodes.add(int(m.group(1)))
    except OSError:
        pass
    return inodes


def children(pid: int) -> List[int]:
    try:
        with open("/proc/%d/task/%d/children" % (pid, pid)) as f:
            return [int(c) for c in f.read().split()]
    except OSError:
        return []


def port_holder(pid: int, port: int) -> Optional[int]:
    """PID or the descendant of it (grade.qemu's QEMU) that listens on PORT, or None."""
    inodes = {inode for _, inode in listeners(port)}
    todo = [pid]
    while todo:
        p = todo.pop()
        if socket_inodes(p) & inodes:
            return p
        todo += children(p)
    return None


def holds_port(pid: int, port: int) -> bool:
    return port_holder(pid, port) is not None


def port_taken_message(port: int) -> Optional[str]:
    """Why QEMU could not listen on PORT, or None if the port is free."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)     # as QEMU does
    try:
        s.bind(("127.0.0.1", port))
        return None
    except OSError as e:
        why = e.strerror
    finally:
        s.close()
    owners = sorted({uid for uid, _ in listeners(port)})
    me = os.getuid()
    if not owners:
        return "port %d is not free (%s)" % (port, why)
    if owners == [me]:
        return ("port %d is taken by another of your processes (a make qemu-gdb still "
                "running?)" % port)
    return ("port %d is taken by uid %s: 20000 + uid %% 10000 gives you (uid %d) the "
            "same port" % (port, ", ".join(map(str, owners)), me))


def session_text(pid: int, port: int, program: str) -> str:
    return ("# written by make qemu-gdb (tools/gdb/qemu_gdb.py) once QEMU, pid %d, listened\n"
            "# on port %d; removed when that QEMU exits\n"
            "siglab-session %d %d\n"
            "user-program %s\n"
            "siglab-connect localhost:%d\n" % (pid, port, pid, port, program, port))


def serve(opts) -> int:
    if "--print" in opts.command:
        return subprocess.call(opts.command)
    taken = port_taken_message(opts.port)
    if taken:
        print("siglab: make qemu-gdb: %s.\nPick another with GDBPORT=N (give the same "
              "GDBPORT=N to make gdb)." % taken, file=sys.stderr)
        return 2
    signal.signal(signal.SIGINT, lambda sig, frame: None)  # Ctrl-C is the guest's
    proc = subprocess.Popen(opts.command)
    deadline = time.monotonic() + WAIT_FOR_LISTEN
    while True:
        qemu_pid = port_holder(proc.pid, opts.port)
        if qemu_pid is not None:
            break
        if proc.poll() is not None or time.monotonic() > deadline:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
            print("siglab: make qemu-gdb: QEMU did not listen on port %d (%s); "
                  "build/gdb/session.gdb not written" % (opts.port, port_taken_message(opts.port)
                                                       or "see its message above"),
                  file=sys.stderr)
            return 2
        time.sleep(0.05)
    text = session_text(qemu_pid, opts.port, opts.program)
    os.makedirs(os.path.dirname(SESSION), exist_ok=True)
    with open(SESSION, "w") as f:
        f.write(text)
    print("siglab: QEMU (pid %d) waits for gdb on port %d; run 'make gdb%s' in another "
          "terminal" % (qemu_pid, opts.port, "" if opts.default_port else
                        " GDBPORT=%d" % opts.port), flush=True)
    status = proc.wait()        # (grade.qemu says what QEMU's status means)
    remove_session(text)
    return status


def remove_session(text: str) -> None:
    """Remove session.gdb if it is still the one we wrote."""
    try:
        with open(SESSION) as f:
            if f.read() == text:
                os.unlink(SESSION)
    except OSError:
        pass


def check(opts) -> int:
    try:
        with open(SESSION) as f:
            text = f.read()
    except OSError:
        print("siglab: make gdb: no QEMU is waiting for gdb (build/gdb/session.gdb is "
              "missing).\nStart it first, in another terminal: make qemu-gdb INIT=/bin/PROG",
              file=sys.stderr)
        return 2
    m = re.search(r"^siglab-session (\d+) (\d+)$", text, re.M)
    if not m:
        print("siglab: make gdb: build/gdb/session.gdb is not make qemu-gdb's; rerun make "
              "qemu-gdb", file=sys.stderr)
        return 2
    pid, port = int(m.group(1)), int(m.group(2))
    if port != opts.port:
        print("siglab: make gdb: make qemu-gdb's QEMU waits on port %d, not %d: run make "
              "gdb GDBPORT=%d" % (port, opts.port, port), file=sys.stderr)
        return 2
    if not holds_port(pid, port):
        print("siglab: make gdb: the QEMU that build/gdb/session.gdb names (pid %d, port %d) "
              "is gone; %s" % (pid, port, "start make qemu-gdb again" if not listeners(port)
                               else port_taken_message(port)), file=sys.stderr)
        return 2
    return 0


def main(argv) -> int:
    global SESSION
    ap = argparse.ArgumentParser(prog="tools/gdb/qemu_gdb.py")
    ap.add_argument("action", choices=["serve", "check"])
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--default-port", action="store_true",
                    help="the port is the Makefile's default (say nothing about GDBPORT)")
    ap.add_argument("--program", default="sh", help="the user program gdb loads")
    ap.add_argument("--session", default=SESSION, help="the file make gdb runs (tests)")
    command = argv[argv.index("--") + 1:] if "--" in argv else []
    opts = ap.parse_args(argv[:len(argv) - len(command) - (1 if command else 0)])
    opts.command = command      # (serve: python3 -m grade.qemu ... --gdb tcp:...)
    SESSION = opts.session
    if opts.action == "serve" and not opts.command:
        ap.error("serve needs the grade.qemu command after --")
    return serve(opts) if opts.action == "serve" else check(opts)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
