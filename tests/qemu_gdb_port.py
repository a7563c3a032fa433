"""python/qemu-gdb-port, for tests/run_tests.py (host only, no QEMU started): make
qemu-gdb's port is honest (tools/gdb/qemu_gdb.py).

  - serve on a port something else listens on fails with status 2, says the port is
    taken, runs nothing and leaves build/gdb/session.gdb as it was;
  - when another uid holds the port, the message names that uid and the
    20000 + uid % 10000 collision;
  - check refuses a missing session file, and a session whose QEMU is gone.
"""

import contextlib
import importlib.util
import io
import os
import socket
import subprocess
import sys
import tempfile
import time
from typing import Any, Iterator, List, Tuple

ROOT = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
SCRIPT = os.path.join(ROOT, "tools", "gdb", "qemu_gdb.py")


def load() -> Any:
    spec = importlib.util.spec_from_file_location("qemu_gdb", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def serve_on_taken_port(module: Any) -> List[str]:
    problems = []
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]
    with tempfile.TemporaryDirectory() as d:
        module.SESSION = os.path.join(d, "session.gdb")
        marker = os.path.join(d, "ran")
        with open(module.SESSION, "w") as f:
            f.write("an older session\n")
        r = subprocess.run([sys.executable, "-B", SCRIPT, "serve", "--port", str(port),
                            "--program", "x", "--session", module.SESSION, "--",
                            "touch", marker],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=30)
        out = r.stdout.decode(errors="replace")
        if r.returncode != 2:
            problems.append("serve on a taken port: exit status %d, not 2" % r.returncode)
        if "port %d is taken" % port not in out or "GDBPORT=N" not in out:
            problems.append("serve on a taken port said: %r" % out)
        if os.path.exists(marker):
            problems.append("serve on a taken port ran its command anyway")
        with open(module.SESSION) as f:
            if f.read() != "an older session\n":
                problems.append("serve on a taken port rewrote the session file")
    listener.close()
    return problems


def collision_message(module: Any) -> List[str]:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]
    real = module.listeners
    module.listeners = lambda p: [(11000 + os.getuid(), 1)]   # another uid, same formula
    try:
        said = module.port_taken_message(port)
    finally:
        module.listeners = real
        listener.close()
    want = "taken by uid %d: 20000 + uid %% 10000 gives you" % (11000 + os.getuid())
    return [] if said and want in said else ["another uid's port: %r lacks %r" % (said, want)]


def check_refusals(module: Any) -> List[str]:
    problems = []
    with tempfile.TemporaryDirectory() as d, contextlib.redirect_stderr(io.StringIO()):
        module.SESSION = os.path.join(d, "session.gdb")

        class Opts:
            port = 20999
        if module.check(Opts) != 2:
            problems.append("check without a session file did not refuse")
        dead = subprocess.Popen(["true"])
        dead.wait()
        with open(module.SESSION, "w") as f:
            f.write(module.session_text(dead.pid, 20999, "x"))
        if module.check(Opts) != 2:
            problems.append("check of a session whose QEMU is gone did not refuse")
    return problems


def check(substring: str = "") -> Iterator[Tuple[str, bool, str, float]]:
    name = "python/qemu-gdb-port"
    if substring not in name:
        return
    start = time.monotonic()
    module = load()
    problems = serve_on_taken_port(module) + collision_message(module) + check_refusals(module)
    yield name, not problems, "".join(p + "\n" for p in problems), time.monotonic() - start
