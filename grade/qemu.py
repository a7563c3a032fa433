"""The one place siglab's QEMU command line is built, and what QEMU's exit status means.

Everything that boots siglab goes through command(): `make qemu` and `make qemu-gdb`
(through the command line below), tools/krun, the grader (grade/runner.py), the console
tests (tests/console/console.py) and the gdb tests (tests/gdb/gdbtest.py). It lives in
grade/ because the grader ships in every student handout and needs it too.

The machine (docs/design.md section 3): 128 MiB, no network, no display, and
-nodefaults: without the default VGA card there is no VGA BIOS to emulate (the kernel
needs only the serial ports). Two ways to boot the image:
  direct (the default)  QEMU's minimal firmware (qboot) and its own multiboot 1 loader
                        (-kernel, -initrd) start the kernel and initrd the ISO holds,
                        from the tree make builds it from (build/iso/boot/): the program
                        prints its first byte about 0.1 s after QEMU starts
  grub=True             SeaBIOS boots the ISO from a CD-ROM and GRUB loads them
                        (multiboot2), as on a real PC and in `make qemu`: about 2 s more,
                        most of it GRUB reading the initrd through the BIOS
An ISO without that tree beside it (a copy, like a grading bundle's reference.iso)
boots through GRUB.
COM1 is the console, COM2 the kernel log. isa-debug-exit at port 0xf4 is how init
powers off with a status (and panic() with another). Two fw_cfg files change a run
without rebuilding the ISO: opt/siglab/cmdline (the kernel command line) and
opt/siglab/initrd (a second cpio archive, how krun and the grader bring programs in).

Time: -icount shift=4,sleep=off by default (guest time follows guest instructions and
idle time is skipped, so a timer fires at the same point of a program however loaded
the host is). The environment can change every run the same way:
  KRUN_ICOUNT      another -icount setting (`make bench` uses shift=0,sleep=off)
  KVM=1            -enable-kvm -cpu host instead of -cpu qemu64,+umip -icount (icount
                   is TCG-only)
  KRUN_QEMU_EXTRA  more QEMU arguments, split as a shell would, added at the end
  KRUN_EXEC_LOG    FILE: log every translation block QEMU translates and runs there
                   (-d in_asm,exec,nochain), only at the addresses KRUN_EXEC_FILTER
                   names (-dfilter START..END,...): what tools/kprofile counts

usage: python3 -m grade.qemu [--print] [--iso ISO] [--grub] [--cmdline=TEXT] [--initrd FILE]
                             [--console SERIAL] [--kernel-log FILE] [--icount SETTING|none]
                             [--gdb DEVICE]
Runs QEMU in the foreground (or --print: prints its command line, shell-quoted) and
exits 0 when the machine powered off or reset, else with QEMU's status, saying why.
"""

import argparse
import os
import shlex
import signal
import subprocess
import sys
from typing import List, Mapping, Optional, Sequence

QEMU = "qemu-system-x86_64"
ICOUNT = "shift=4,sleep=off"
ROOT = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
ISO = os.path.join(ROOT, "build", "siglab.iso")

# QEMU's exit status: isa-debug-exit turns a guest write of V into (V << 1) | 1.
POWER_OFF = 1       # init wrote 0: a clean shutdown
PANIC = 3           # panic() wrote 1
RESET = 0           # with -no-reboot: the machine reset (a triple fault), or the
                    # user left with Ctrl-A X

CMDLINE_FILE = "opt/siglab/cmdline"
INITRD_FILE = "opt/siglab/initrd"


CPU = ["-cpu", "qemu64,+umip"]

# qboot (QEMU's own firmware for -kernel boots, in Debian's qemu-system-data) where it
# is installed; elsewhere SeaBIOS, QEMU's default, runs the same -kernel boot (slower).
QBOOT_PLACES = ["/usr/share/qemu/qboot.rom", "/usr/local/share/qemu/qboot.rom"]


def qboot() -> Optional[str]:
    return next((p for p in QBOOT_PLACES if os.path.exists(p)), None)


def boot_files(iso: str) -> Optional[List[str]]:
    """[kernel, initrd] as make put them into the ISO (the tree grub-mkrescue made it
    from, build/iso/boot/ beside build/siglab.iso), or None if that tree is missing or
    was staged after the ISO was last made (its grub-mkrescue failed)."""
    staged = [os.path.join(os.path.dirname(iso), "iso", "boot", f)
              for f in ("kernel.elf", "initrd.cpio")]
    try:
        made = os.path.getmtime(iso)
        if all(os.path.getmtime(f) <= made for f in staged):
            return staged
    except OSError:
        pass
    return None


def boot(iso: str, grub: bool = False) -> List[str]:
    """The arguments that boot the image (see the top of this file)."""
    files = None if grub else boot_files(iso)
    if files is None:
        return ["-cdrom", iso]
    firmware = qboot()
    return (["-bios", firmware] if firmware else []) + \
        ["-kernel", files[0], "-initrd", fw_cfg_value(files[1])]


def fw_cfg_value(text: str) -> str:
    """Inside one -fw_cfg option "," separates keys: a literal comma is ",,"."""
    return text.replace(",", ",,")


def timing(env: Mapping[str, str], icount: Optional[str] = ICOUNT) -> List[str]:
    """-enable-kvm with KVM=1, else -icount (KRUN_ICOUNT overrides the default; None:
    real time, for a person at the console)."""
    if env.get("KVM") == "1":
        return ["-enable-kvm", "-cpu", "host"]
    if icount == ICOUNT:
        icount = env.get("KRUN_ICOUNT") or ICOUNT
    # QEMU's default CPU with UMIP, which TCG emulates: user mode may not read the
    # kernel's descriptor tables (kern/trap/umip_x86_64.c answers as Linux does).
    return CPU + (["-icount", icount] if icount else [])


def exec_log(env: Mapping[str, str]) -> List[str]:
    """tools/kprofile's instruction log: each block's instructions when it is translated
    (in_asm) and each run of a block (exec; nochain makes every run go through the
    logger). Without a filter the firmware's and GRUB's millions of blocks fill it."""
    log = env.get("KRUN_EXEC_LOG")
    if not log:
        return []
    cmd = ["-d", "in_asm,exec,nochain", "-D", log]
    if env.get("KRUN_EXEC_FILTER"):
        cmd += ["-dfilter", env["KRUN_EXEC_FILTER"]]
    return cmd


def command(console: str, kernel_log: str, cmdline: Optional[str] = None,
            initrd: Optional[str] = None, iso: str = ISO, icount: Optional[str] = ICOUNT,
            gdb: Optional[str] = None, env: Mapping[str, str] = os.environ,
            grub: bool = False) -> List[str]:
    """QEMU's argv. console is COM1 as -serial takes it ("stdio", "mon:stdio",
    "file:PATH"); kernel_log the file COM2 writes. cmdline replaces the kernel command
    line, initrd adds an archive (None: neither). gdb ("stdio", "tcp:HOST:PORT") has
    QEMU wait for gdb there before the first instruction (-S). grub: boot through
    SeaBIOS and GRUB, not directly (see boot())."""
    cmd = [QEMU, "-nodefaults"] + boot(iso, grub) + ["-display", "none", "-no-reboot",
           "-nic", "none", "-m", "128M", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
           "-serial", console, "-serial", "file:" + kernel_log]
    if not console.startswith("mon:"):
        cmd += ["-monitor", "none"]     # (a "mon:" console carries the monitor: Ctrl-A C)
    if cmdline is not None:
        cmd += ["-fw_cfg", "name=%s,string=%s" % (CMDLINE_FILE, fw_cfg_value(cmdline))]
    if initrd is not None:
        cmd += ["-fw_cfg", "name=%s,file=%s" % (INITRD_FILE, fw_cfg_value(initrd))]
    cmd += timing(env, icount)
    cmd += exec_log(env)
    if gdb is not None:
        cmd += ["-S", "-gdb", gdb]
    cmd += shlex.split(env.get("KRUN_QEMU_EXTRA", ""))
    return cmd


def status_meaning(status: Optional[int]) -> str:
    """QEMU's exit status in words, for messages."""
    if status is None:
        return "killed at the deadline"
    return {POWER_OFF: "clean power-off", PANIC: "kernel panic",
            RESET: "the machine reset (a triple fault)"}.get(
                status, "QEMU failed (status %d)" % status)


# ---- make qemu, make qemu-gdb ------------------------------------------------------

def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python3 -m grade.qemu",
                                 description="Boot siglab in QEMU (see grade/qemu.py).")
    ap.add_argument("--print", action="store_true", help="print the command, do not run it")
    ap.add_argument("--iso", default=ISO)
    ap.add_argument("--grub", action="store_true", help="boot through SeaBIOS and GRUB")
    ap.add_argument("--cmdline", help="the kernel command line (default: GRUB's)")
    ap.add_argument("--initrd", help="a second cpio archive")
    ap.add_argument("--console", default="mon:stdio", help="COM1, as -serial takes it")
    ap.add_argument("--kernel-log", default=os.path.join(ROOT, "build", "kernel.log"))
    ap.add_argument("--icount", default=ICOUNT, help='-icount setting, or "none": real time')
    ap.add_argument("--gdb", help="wait for gdb on this device (tcp:localhost:PORT)")
    return ap.parse_args(argv)


def main(argv: Sequence[str]) -> int:
    opts = parse_args(argv)
    cmd = command(opts.console, opts.kernel_log, opts.cmdline, opts.initrd, opts.iso,
                  None if opts.icount == "none" else opts.icount, opts.gdb, grub=opts.grub)
    if opts.print:
        print(shlex.join(cmd))
        return 0
    # The terminal's Ctrl-C belongs to the guest (QEMU's raw mode sends it there); if
    # one reaches us anyway, QEMU decides. (A handler, unlike SIG_IGN, is not inherited.)
    signal.signal(signal.SIGINT, lambda sig, frame: None)
    try:
        status = subprocess.call(cmd)
    except FileNotFoundError:
        print("siglab: %s not found: run tools/deps.sh" % QEMU, file=sys.stderr)
        return 127
    if status in (POWER_OFF, RESET):
        return 0
    print("siglab: QEMU exited with status %d (%s)" % (status, status_meaning(status)))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
