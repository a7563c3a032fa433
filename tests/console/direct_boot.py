"""The tests' way in, with nothing added: QEMU's multiboot 1 loader (-kernel, -initrd;
grade/qemu.py) starts the kernel with the initrd as a module and no opt/siglab/cmdline.
QEMU puts the kernel's file name first on a multiboot 1 command line; the kernel skips
it (kern/multiboot.c), so it reads the command line as GRUB's multiboot2 one reads in
tests/console/grub_boot.py: empty.
"""

import re

CMDLINE = None
NL = r"\r?\n"


def session(con):
    con.expect(r"\$ ")
    con.send("echo booted directly\n")
    con.expect(r"booted directly" + NL + r"\$ ")
    log = con.kernel_log()
    assert 'siglab: booting, command line ""' in log, log
    assert re.search(r"^initrd: boot module: \d+ files\r?$", log, re.M), log
