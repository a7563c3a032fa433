# siglab_step.py: gdb support for siglab, part 5: getting back to user mode as native
# gdb would. Loaded by siglab.gdb.
#
# QEMU's stub shows the whole machine, so stepping over the instruction that enters
# the kernel (syscall) goes into the kernel, and stepping over the one that leaves it
# (iretq, sysretq) lands in user code that gdb's `next` then treats as the middle of
# a line to finish. Native gdb sees neither. Here:
#
#   to-user          continue until the kernel returns to user mode; stop at the
#                    first user instruction
#   sigreturn-step   at a restorer (mov $15,%rax; syscall), step over rt_sigreturn as
#                    native stepi does: to the instruction the signal interrupted
#   next, step       across return_to_user's iretq/sysretq they stop at the first user
#                    instruction, the interrupted one after rt_sigreturn

from typing import List

import gdb

from siglab_gdb import (RESTORER_BYTES, current_proc, in_user_mode, proc_name,
                        return_instructions, run)


def continue_to_exit(resume):
    """resume() (a continue) with a hidden, silent breakpoint on each of the kernel's
    return-to-user instructions; True if gdb stopped on one of them."""
    exits = return_instructions()
    bps = []
    for addr in exits:
        bp = gdb.Breakpoint("*%#x" % addr, internal=True)
        bp.silent = True
        bps.append(bp)
    try:
        resume()
    finally:
        for bp in bps:
            bp.delete()
    return int(gdb.parse_and_eval("$pc")) in exits


class ToUser(gdb.Command):
    """Continue until the kernel returns to user mode; stop at the first user instruction.

Stops at the iretq or sysretq at the end of return_to_user (kern/trap/entry.S) and
steps over it. Handy after sys_rt_sigreturn: you land on the interrupted instruction,
with the registers rt_sigreturn restored. From user mode (at a syscall instruction,
say), stepi into the kernel first: an interrupt could come before the syscall."""

    def __init__(self):
        super().__init__("to-user", gdb.COMMAND_RUNNING)

    def invoke(self, arg, from_tty):
        if in_user_mode():
            raise gdb.GdbError("siglab: already in user mode (stepi into the kernel first)")
        if not continue_to_exit(lambda: gdb.execute("continue", from_tty)):
            return      # stopped elsewhere first (a breakpoint, Ctrl-C): gdb said where
        pc = int(gdb.parse_and_eval("$pc"))
        insn = gdb.selected_frame().architecture().disassemble(pc)[0]["asm"].split()[0]
        print("to-user: stepping over the %s at %s" % (insn, gdb.format_address(pc)))
        gdb.execute("stepi", from_tty)
        if not in_user_mode():
            raise gdb.GdbError("siglab: still in the kernel after %s" % insn)
        p = current_proc()
        print("to-user: in user mode, pid %d (%s)" % (int(p["pid"]), proc_name(p)))



def frame_lines():
    """What gdb prints when a step lands in a new function: frame 0's location and
    source line (`frame` without its "#0  ")."""
    text = run("frame 0")
    return "\n".join(line[4:] if i == 0 and line.startswith("#0  ") else line
                     for i, line in enumerate(text.splitlines()))


RT_SIGRETURN = 15
SYSCALL = bytes.fromhex("0f05")


class SigreturnStep(gdb.Command):
    """Step over rt_sigreturn as native gdb's stepi does: sigreturn-step.

At a restorer (musl's __restore_rt or the kernel's trampoline page: mov $15,%rax;
syscall), stepi on the syscall would enter the kernel (QEMU's stub shows the whole
machine). sigreturn-step steps to the syscall if need be, into the kernel, and on
until the kernel returns to user mode: you land on the instruction the signal
interrupted, with the registers rt_sigreturn restored, and gdb prints where, as native
stepi does."""

    def __init__(self):
        super().__init__("sigreturn-step", gdb.COMMAND_RUNNING)

    def invoke(self, arg, from_tty):
        if arg.strip():
            raise gdb.GdbError("usage: sigreturn-step   (no arguments)")
        if not in_user_mode():
            raise gdb.GdbError("siglab: sigreturn-step is for user mode, at a restorer; "
                               "in the kernel, to-user returns to user mode")
        pc = int(gdb.parse_and_eval("$pc")) & 0xffffffffffffffff
        inferior = gdb.selected_inferior()
        if bytes(inferior.read_memory(pc, len(RESTORER_BYTES))) == RESTORER_BYTES:
            run("stepi")                        # mov $15,%rax
            pc = int(gdb.parse_and_eval("$pc")) & 0xffffffffffffffff
        if (bytes(inferior.read_memory(pc, 2)) != SYSCALL
                or int(gdb.parse_and_eval("$rax")) != RT_SIGRETURN):
            raise gdb.GdbError("siglab: not at rt_sigreturn's syscall (pc %s, rax %d): "
                               "use stepi" % (gdb.format_address(pc),
                                              int(gdb.parse_and_eval("$rax"))))
        run("stepi")                            # into the kernel: syscall_entry
        if continue_to_user():
            print(frame_lines())


def continue_to_user():
    """Continue to the kernel's return to user mode and step over it. True if we got
    there (False: something else stopped gdb first, and gdb said what)."""
    if not continue_to_exit(lambda: run("continue")):
        return False
    run("stepi")
    return in_user_mode()


# ---- next and step across iretq/sysretq ----------------------------------------------

class ReturnToUser(gdb.Breakpoint):
    """Hidden, on each return-to-user instruction, armed only while `next` or `step`
    runs from the kernel: where the instruction goes (iretq: the rip on the stack;
    sysretq: rcx) gets a breakpoint, so the step stops at that first user instruction
    instead of running on to the end of its line."""

    armed: List[gdb.Breakpoint] = []
    landing: List[gdb.Breakpoint] = []
    targets: List[int] = []            # where the landing breakpoints are (temporary: they go)

    def __init__(self, addr):
        super().__init__("*%#x" % addr, internal=True)
        self.silent = True

    def stop(self):
        plant_landing(gdb.newest_frame())
        return False


def plant_landing(frame):
    """A breakpoint where the iretq or sysretq at FRAME's pc goes."""
    insn = frame.architecture().disassemble(frame.pc())[0]["asm"].split()[0]
    if insn == "iretq":
        rsp = int(frame.read_register("rsp")) & 0xffffffffffffffff
        target = int.from_bytes(bytes(gdb.selected_inferior().read_memory(rsp, 8)), "little")
    else:
        target = int(frame.read_register("rcx")) & 0xffffffffffffffff
    landing = gdb.Breakpoint("*%#x" % target, internal=True, temporary=True)
    landing.silent = True
    ReturnToUser.landing.append(landing)
    ReturnToUser.targets.append(target)


def arm_return_to_user():
    """Before next/step (siglab.gdb's hook-next, hook-step): in the kernel, arm."""
    disarm_return_to_user(quiet=True)
    if in_user_mode():
        return
    exits = return_instructions()
    ReturnToUser.armed = [ReturnToUser(addr) for addr in exits]
    frame = gdb.newest_frame()
    if frame.pc() in exits:
        plant_landing(frame)    # (a breakpoint where a step starts is not hit)


def disarm_return_to_user(quiet=False):
    """After next/step (hookpost-next, hookpost-step): if the step ended on a landing
    breakpoint, say where, as gdb does after a step into another function."""
    landed = (not quiet and ReturnToUser.targets and in_user_mode()
              and int(gdb.parse_and_eval("$pc")) in ReturnToUser.targets)
    for bp in ReturnToUser.armed + ReturnToUser.landing:
        if bp.is_valid():
            bp.delete()
    ReturnToUser.armed, ReturnToUser.landing, ReturnToUser.targets = [], [], []
    if landed:
        print(frame_lines())


ToUser()
SigreturnStep()
