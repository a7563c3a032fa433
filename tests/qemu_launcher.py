"""python/qemu-launcher, for tests/run_tests.py (host only, no QEMU started): every
QEMU command line comes from grade/qemu.py, so the copies cannot drift again.

  - grade/qemu.py's command is exactly the one docs/design.md section 3 describes:
    -nodefaults, the kernel and initrd of make's ISO tree booted directly (-kernel,
    -initrd) or the ISO through GRUB, commas doubled inside -fw_cfg, -cpu qemu64,+umip -icount shift=4,sleep=off, or KVM=1's
    -enable-kvm (no -icount), KRUN_ICOUNT, KRUN_QEMU_EXTRA last, -S -gdb for gdb;
  - each user (tools/krun, grade/runner.py, tests/console/console.py,
    tests/gdb/gdbtest.py, make qemu, make qemu-gdb) builds its command with it: under
    KVM=1 and a KRUN_QEMU_EXTRA every one has -nodefaults, -enable-kvm and the extra
    arguments at the end, and boots directly (make qemu and qemu-gdb: through GRUB);
  - no other file spells the isa-debug-exit device, the sign of a copied command line.
"""

import importlib.machinery
import importlib.util
import os
import shlex
import subprocess
import sys
import tempfile
import time
from typing import Any, Dict, Iterator, List, Tuple

ROOT = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)
from grade import qemu  # noqa: E402
from testlib import environ_set  # noqa: E402  (tests/testlib.py)

EXTRA = "-name 'siglab check'"          # KRUN_QEMU_EXTRA for the users' commands
EXTRA_ARGS = ["-name", "siglab check"]
CHECK_ENV = {"KVM": "1", "KRUN_QEMU_EXTRA": EXTRA}

EXPECTED = ["qemu-system-x86_64", "-nodefaults", "-cdrom", "x.iso", "-display", "none",
            "-no-reboot", "-nic", "none", "-m", "128M",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
            "-serial", "stdio", "-serial", "file:k.log", "-monitor", "none",
            "-fw_cfg", "name=opt/siglab/cmdline,string=quiet a,,b -- /bin/x",
            "-fw_cfg", "name=opt/siglab/initrd,file=in,,rd.cpio",
            "-cpu", "qemu64,+umip", "-icount", "shift=4,sleep=off"]


def launcher_problems() -> List[str]:
    """grade/qemu.py's own command lines."""
    problems = []

    def want(what: str, got: List[str], expected: List[str]) -> None:
        if got != expected:
            problems.append("%s:\n  got  %s\n  want %s" % (what, shlex.join(got), shlex.join(expected)))

    def cmd(env: Dict[str, str], **kw: Any) -> List[str]:
        return qemu.command("stdio", "k.log", "quiet a,b -- /bin/x", "in,rd.cpio", "x.iso",
                            env=env, **kw)

    base, tcg = EXPECTED[:-4], EXPECTED[-4:-2]
    want("the default", cmd({}), EXPECTED)
    want("KVM=1", cmd({"KVM": "1"}), base + ["-enable-kvm", "-cpu", "host"])
    want("KRUN_ICOUNT", cmd({"KRUN_ICOUNT": "shift=0,sleep=off"}),
         base + tcg + ["-icount", "shift=0,sleep=off"])
    want("KRUN_QEMU_EXTRA", cmd({"KRUN_QEMU_EXTRA": EXTRA}), EXPECTED + EXTRA_ARGS)
    want("icount=None (real time)", cmd({}, icount=None), base + tcg)
    want("gdb", cmd({}, gdb="stdio"), EXPECTED + ["-S", "-gdb", "stdio"])
    want("KRUN_EXEC_LOG (tools/kprofile)",
         cmd({"KRUN_EXEC_LOG": "x.log", "KRUN_EXEC_FILTER": "0x1..0x2"}),
         EXPECTED + ["-d", "in_asm,exec,nochain", "-D", "x.log", "-dfilter", "0x1..0x2"])
    problems += direct_boot_problems()
    mon = qemu.command("mon:stdio", "k.log", env={})
    if "-monitor" in mon or mon[mon.index("-serial") + 1] != "mon:stdio":
        problems.append("a mon:stdio console must carry the monitor: %s" % shlex.join(mon))
    if "-fw_cfg" in mon:
        problems.append("no cmdline, no initrd: no -fw_cfg: %s" % shlex.join(mon))
    return problems


def direct_boot_problems() -> List[str]:
    """An ISO with make's tree beside it (DIR/iso/boot/, staged before the ISO was
    made) boots that tree's kernel and initrd directly, unless grub=True; a tree staged
    after the ISO (grub-mkrescue failed) is not used."""
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        iso = os.path.join(tmp, "x.iso")
        staged = [os.path.join(tmp, "iso", "boot", f) for f in ("kernel.elf", "initrd.cpio")]
        os.makedirs(os.path.dirname(staged[0]))
        for path in staged + [iso]:
            open(path, "w").close()
        then = time.time() - 10
        for path in staged:
            os.utime(path, (then, then))
        firmware = qemu.qboot()
        want = ["-nodefaults"] + (["-bios", firmware] if firmware else []) + \
            ["-kernel", staged[0], "-initrd", staged[1], "-display"]
        got = qemu.command("stdio", "k.log", iso=iso, env={})
        if got[1:len(want) + 1] != want:
            problems.append("direct boot:\n  got  %s\n  want %s ..." % (shlex.join(got), shlex.join(want)))
        if qemu.command("stdio", "k.log", iso=iso, env={}, grub=True)[1:4] != ["-nodefaults", "-cdrom", iso]:
            problems.append("grub=True must boot the ISO from the CD-ROM")
        os.utime(staged[0], None)
        if "-cdrom" not in qemu.command("stdio", "k.log", iso=iso, env={}):
            problems.append("a kernel staged after the ISO was made must not be booted")
    return problems


def load_script(name: str) -> Any:
    """tools/NAME (no .py suffix), imported by path."""
    path = os.path.join(ROOT, "tools", name)
    loader = importlib.machinery.SourceFileLoader("launcher_check_" + name, path)
    spec = importlib.util.spec_from_loader(loader.name, loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def make_commands() -> List[Tuple[str, List[str]]]:
    """What make qemu and make qemu-gdb run, as `make -n` shows it, with --print. INIT
    is given too: a CMDLINE on make's command line must not drop it."""
    out = []
    for target in ("qemu", "qemu-gdb"):
        r = subprocess.run(["make", "-n", "-s", "--no-print-directory", target,
                            "CMDLINE=quiet a,b", "INIT=/bin/x"], cwd=ROOT, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           env=dict(os.environ, **CHECK_ENV))
        line = [l for l in r.stdout.decode(errors="replace").splitlines() if "grade.qemu" in l]
        if not line:
            out.append(("make " + target, ["(no grade.qemu in make -n's output)"]))
            continue
        shown = subprocess.run(line[-1].replace("; true", "") + " --print", shell=True, cwd=ROOT,
                               stdout=subprocess.PIPE, env=dict(os.environ, **CHECK_ENV))
        out.append(("make " + target, shlex.split(shown.stdout.decode())))
    return out


def users_problems() -> List[str]:
    """Each user's command, under KVM=1 and KRUN_QEMU_EXTRA."""
    with environ_set(CHECK_ENV):
        sys.path[:0] = [os.path.join(ROOT, "tests", "console"), os.path.join(ROOT, "tests", "gdb")]
        import console
        import gdbtest
        from grade import runner
        pipe = gdbtest.qemu_pipe("quiet a,b", "/tmp/x")
        users = [("tools/krun", load_script("krun").qemu_command("/tmp/x", "quiet a,b")),
                 ("grade/runner.py", runner.qemu_command(qemu.ISO, "quiet a,b", "k.log", "i.cpio")),
                 ("tests/console/console.py", console.qemu_command("/tmp/x", "quiet a,b")),
                 ("tests/gdb/gdbtest.py", shlex.split(pipe[len("| exec "):pipe.rindex(" 2>")]))]
    problems = []
    for who, cmd in users + make_commands():
        want = "name=opt/siglab/cmdline,string=quiet a,,b" + (
            " -- /bin/x" if who.startswith("make") else "")
        # make qemu boots through GRUB, as a PC does; everything else directly.
        boots = ["-cdrom"] if who.startswith("make") else ["-kernel", "-initrd"]
        missing = [a for a in ["-nodefaults", "-enable-kvm", want] + boots if a not in cmd]
        if missing or cmd[-2:] != EXTRA_ARGS or "-icount" in cmd:
            problems.append("%s: %s\n  (want -nodefaults, %s, KVM=1's -enable-kvm and no -icount, "
                            "the doubled comma, %s last)" % (who, shlex.join(cmd), " ".join(boots), EXTRA))
    return problems


def copies() -> List[str]:
    """Files other than grade/qemu.py that spell out the isa-debug-exit device."""
    found = []
    for dirpath, dirnames, files in os.walk(ROOT):
        dirnames[:] = [d for d in dirnames if d not in (".git", "build", "__pycache__")]
        for f in files:
            path = os.path.join(dirpath, f)
            rel = os.path.relpath(path, ROOT)
            if rel == os.path.join("grade", "qemu.py") or rel == os.path.join("tests", "qemu_launcher.py"):
                continue
            try:
                with open(path, errors="replace") as fh:
                    if "isa-debug-exit,iobase" in fh.read():
                        found.append("%s builds a QEMU command line of its own" % rel)
            except OSError:
                pass
    return found


def check(substring: str = "") -> Iterator[Tuple[str, bool, str, float]]:
    name = "python/qemu-launcher"
    if substring not in name:
        return
    start = time.monotonic()
    problems = launcher_problems() + users_problems() + copies()
    yield name, not problems, "".join(p + "\n" for p in problems), time.monotonic() - start
