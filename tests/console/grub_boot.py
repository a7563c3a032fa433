"""make qemu's way in: SeaBIOS boots build/siglab.iso from the CD-ROM, GRUB
(boot/grub.cfg) loads the kernel with multiboot2 and the initrd as a module, and the
shell comes up on the console. Every other test boots the same kernel and initrd
directly (QEMU's multiboot 1 loader, grade/qemu.py), so this one keeps GRUB's path,
the multiboot2 header and its parser (kern/multiboot.c) tested. The command line is
GRUB's own: grub.cfg gives none, so the kernel is not quiet and there is no
opt/siglab/cmdline to read.
"""

import re

GRUB = True
CMDLINE = None
NL = r"\r?\n"


def session(con):
    con.expect(r"\$ ")
    con.send("echo booted by grub\n")
    con.expect(r"booted by grub" + NL + r"\$ ")
    log = con.kernel_log()
    assert 'siglab: booting, command line ""' in log, log
    assert re.search(r"^initrd: boot module: \d+ files\r?$", log, re.M), log
