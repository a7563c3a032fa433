# siglab_check.py: gdb support for siglab, part 4: does gdb have the symbols of the code
# that runs? Loaded by siglab.gdb.
#
# With the wrong symbols every ubreak silently never fires (issue 14): a stale
# build/gdb/session.gdb, a QEMU of another tree on a shared port, a program rebuilt
# since. So, once connected:
#   - the kernel's code at kmain must be build/kernel.elf's;
#   - the program the kernel command line runs must be one user-program loaded;
#   - each exec of a loaded program: its code at the ELF entry point must be the
#     file's, compared when the process first returns to user mode (mapped by then).
# A mismatch prints a loud warning and stops there.

import os
import struct
from typing import List

import gdb

from siglab_gdb import (PROC_NAME_MAX, ROOT, connected_hooks, current_proc, kernel_objfile,
                        loud, proc_name, read_elf64, return_instructions, run, user_programs)
import siglab_gdb


def guest_bytes(addr, n):
    """N bytes of guest memory at ADDR, as the CPU sees them now, not the ELF file's
    copy (trust-readonly-sections off), or None if not mapped."""
    trusted = run("show trust-readonly-sections").rstrip().endswith("on.")
    run("set trust-readonly-sections off")
    try:
        return bytes(gdb.selected_inferior().read_memory(addr, n))
    except gdb.MemoryError:
        return None
    finally:
        if trusted:
            run("set trust-readonly-sections on")


def elf_bytes_at(path, addr, n):
    """N bytes of PATH's loadable segments at run-time address ADDR (None: not there)."""
    data = read_elf64(path)
    phoff, = struct.unpack_from("<Q", data, 32)
    phentsize, phnum = struct.unpack_from("<HH", data, 54)
    for i in range(phnum):
        p_type, _, p_offset, p_vaddr, _, p_filesz = struct.unpack_from(
            "<IIQQQQ", data, phoff + i * phentsize)
        if p_type == 1 and p_vaddr <= addr and addr + n <= p_vaddr + p_filesz:
            return data[p_offset + addr - p_vaddr:p_offset + addr - p_vaddr + n]
    return None


def elf_entry(path):
    return struct.unpack_from("<Q", read_elf64(path), 24)[0]


CHECK_BYTES = 64        # compared at the entry point: code, so it differs between programs


def check_kernel():
    """Does the kernel QEMU runs match build/kernel.elf? (A QEMU of another tree, on a
    port two users share, would not.)"""
    path = kernel_objfile().filename
    addr = int(gdb.parse_and_eval("(unsigned long)&kmain"))
    want, got = elf_bytes_at(path, addr, CHECK_BYTES), guest_bytes(addr, CHECK_BYTES)
    if got is not None and want != got:
        loud(["the kernel QEMU runs is not %s (its code at kmain differs)." % path,
              "This gdb is connected to another build's QEMU%s: breakpoints will not "
              "stop where you think." % (" (session %s)" % siglab_gdb.session if siglab_gdb.session else "")])


def check_program(p):
    """P has just exec'd a program named like one user-program loaded: compare its
    code at the ELF entry point with the file's. True if they match."""
    name = proc_name(p)
    for key, (path, _) in user_programs.items():
        if key[:PROC_NAME_MAX] != name:
            continue
        entry = elf_entry(path)
        want, got = elf_bytes_at(path, entry, CHECK_BYTES), guest_bytes(entry, CHECK_BYTES)
        if want == got:
            print("siglab: pid %d runs %s (the code at its entry point %#x matches)"
                  % (int(p["pid"]), os.path.relpath(path, ROOT), entry))
            return True
        loud(["pid %d (%s) does not run %s: its code at the entry point %#x differs."
              % (int(p["pid"]), name, os.path.relpath(path, ROOT), entry),
              "gdb has the symbols of another program (a stale build, or another tree's):",
              "breakpoints there will not stop. Rebuild (make), or load the right file",
              "with user-program PATH."])
        return False
    return True


def check_command_line():
    """Warn when the kernel command line runs a program whose symbols are not loaded:
    then no ubreak can ever stop (gdb was given another session's program). True if
    all is well."""
    sym = gdb.lookup_static_symbol("cmdline")
    if sym is None or not user_programs:
        return True
    words = sym.value().string(errors="replace").split()
    if "--" not in words or words.index("--") + 1 >= len(words):
        return True
    program = os.path.basename(words[words.index("--") + 1])
    if program not in user_programs and "sh" not in user_programs:
        loud(["the kernel runs /bin/%s (command line \"%s\")," % (program, " ".join(words)),
              "but gdb has the symbols of %s: ubreak there will never stop."
              % ", ".join(sorted(user_programs)),
              "Load the right ones with user-program %s, or restart make qemu-gdb." % program])
        return False
    return True


class ExecWatch(gdb.Breakpoint):
    """Hidden breakpoints that check each exec of a loaded program (never stopping,
    unless the code differs): one on exec_into notes which process execs what; one on
    each return-to-user instruction compares the code once that process is about to
    run it (the image is mapped by then)."""

    watching = None         # the ExecWatch on exec_into
    returns: List[gdb.Breakpoint] = []            # the ones on iretq/sysretq, enabled while a check waits
    pending_pid = None
    checked_command_line = False

    @classmethod
    def start(cls):
        if cls.watching is not None:
            return
        cls.watching = cls("exec_into")
        cls.returns = [cls("*%#x" % a) for a in return_instructions()]
        for bp in cls.returns:
            bp.enabled = False

    def __init__(self, spec):
        super().__init__(spec, internal=True)
        self.silent = True

    def stop(self):
        p = current_proc()
        if p is None:
            return False
        if self is ExecWatch.watching:
            ExecWatch.pending_pid = int(p["pid"])
            for bp in ExecWatch.returns:
                bp.enabled = True
            if not ExecWatch.checked_command_line:
                ExecWatch.checked_command_line = True
                return not check_command_line()     # stop there if it is wrong
            return False
        if int(p["pid"]) != ExecWatch.pending_pid:
            return False
        ExecWatch.pending_pid = None
        for bp in ExecWatch.returns:
            bp.enabled = False
        return not check_program(p)


def start_checks():
    check_kernel()
    ExecWatch.start()


connected_hooks.append(start_checks)
