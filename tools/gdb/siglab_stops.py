# siglab_stops.py: gdb support for siglab, part 3: stopping when a signal arrives, as
# native gdb does. Loaded by siglab.gdb after siglab_signals.py.
#
# Native gdb hears of every signal its program gets (ptrace's signal-delivery-stop) and,
# by its `handle` table, stops ("Program received signal SIGSEGV, Segmentation fault."),
# prints, and passes it on or not. QEMU's stub tells gdb nothing of the guest's signals,
# so the kernel has a function for gdb to break on, debugger_signal_stop
# (kern/signal/deliver.c), called in get_signal after a signal is dequeued. Here:
#
#   - a hidden breakpoint there, for the processes of the programs user-program loaded,
#     follows gdb's own `handle` table (`handle SIGALRM stop print`, `info signals`):
#     stop, print, pass (nopass: the kernel throws the signal away);
#   - at a stop, gdb prints what native gdb prints and selects frame 1: the user
#     instruction the signal interrupted (for a fault, the faulting one), with its
#     registers, from the kernel's trap frame. Frame 0 is the kernel, in
#     debugger_signal_stop; `continue` lets the kernel deliver the signal;
#   - $siginfo holds the siginfo of the last signal (type struct siglab_siginfo,
#     tools/gdb/siginfo.c): p $siginfo.si_addr, p $siginfo.si_pid.

import os
import re
import struct

import gdb
import gdb.unwinder

from siglab_gdb import BUILD, PROC_NAME_MAX, proc_name, run, user_programs
from siglab_signals import signame

HOOK = "debugger_signal_stop"
SIGINFO_TYPE_FILE = os.path.join(BUILD, "gdb", "siginfo_type.o")
SIGINFO_SIZE = 128

# the registers of struct trapframe (kern/trap/trapframe.h) gdb's user frame gets
TRAPFRAME_REGS = ["r15", "r14", "r13", "r12", "rbp", "rbx", "r11", "r10", "r9", "r8",
                  "rax", "rcx", "rdx", "rsi", "rdi", "orig_rax", "vector", "err",
                  "rip", "cs", "rflags", "rsp", "ss"]
GDB_NAME = {"rflags": "eflags"}
NOT_REGISTERS = ("orig_rax", "vector", "err")
# never touched by the kernel (-mgeneral-regs-only): the live values are the user's
FPU_REGS = ["xmm%d" % i for i in range(16)] + ["mxcsr"]


def u64(value):
    """A register as an unsigned 64-bit number (gdb's rdi, rip are signed)."""
    return int(value) & 0xffffffffffffffff


def hook_address():
    return int(gdb.parse_and_eval("(unsigned long)&%s" % HOOK))


def read_u64(addr):
    return struct.unpack("<Q", bytes(gdb.selected_inferior().read_memory(addr, 8)))[0]


def proc_tf_offset():
    for f in gdb.lookup_type("struct proc").fields():
        if f.name == "tf":
            return f.bitpos // 8
    raise gdb.GdbError("siglab: struct proc has no tf")


# ---- gdb's handle table ---------------------------------------------------------

def gdb_signal_name(sig):
    """gdb's name for Linux signal SIG (gdb calls real-time signals SIG34...)."""
    name = signame(sig)
    return name if not name.startswith("SIGRT") else "SIG%d" % sig


def handle_settings(sig):
    """(stop, print, pass, description) from gdb's `info signals` for SIG."""
    name = gdb_signal_name(sig)
    try:
        out = run("info signals " + name)
    except gdb.error:
        return True, True, True, name       # a signal gdb has no name for
    for line in out.splitlines():
        cols = line.split(None, 4)
        if cols and cols[0] == name:
            return cols[1] == "Yes", cols[2] == "Yes", cols[3] == "Yes", cols[4].strip()
    return True, True, True, name


# ---- $siginfo -------------------------------------------------------------------

def siginfo_type():
    try:
        return gdb.lookup_type("struct siglab_siginfo")
    except gdb.error:
        if not os.path.exists(SIGINFO_TYPE_FILE):
            return None
        run("add-symbol-file " + SIGINFO_TYPE_FILE)
        return gdb.lookup_type("struct siglab_siginfo")


def set_siginfo(info_addr):
    raw = bytes(gdb.selected_inferior().read_memory(info_addr, SIGINFO_SIZE))
    t = siginfo_type()
    if t is None:
        print("siglab: %s is missing (run make): no $siginfo" % SIGINFO_TYPE_FILE)
        return
    gdb.set_convenience_variable("siginfo", gdb.Value(raw, t))


# ---- the stop -------------------------------------------------------------------

class SignalStop(gdb.Breakpoint):
    """The hidden breakpoint on debugger_signal_stop(p, &sig, info)."""

    last = None             # (sig, description) of the stop being reported

    def __init__(self):
        super().__init__(HOOK, internal=True)
        self.silent = True

    def stop(self):
        frame = gdb.newest_frame()
        p = gdb.Value(u64(frame.read_register("rdi"))).cast(
            gdb.lookup_type("struct proc").pointer()).dereference()
        if proc_name(p) not in (key[:PROC_NAME_MAX] for key in user_programs):
            return False
        sig_addr, info_addr = u64(frame.read_register("rsi")), u64(frame.read_register("rdx"))
        sig = struct.unpack("<i", bytes(gdb.selected_inferior().read_memory(sig_addr, 4)))[0]
        stop, show, pass_on, description = handle_settings(sig)
        set_siginfo(info_addr)
        if stop:
            # Whether it passes is decided when the user resumes, as natively (handle
            # SIG nopass, typed at this stop, applies to this signal).
            SignalStop.last = (sig, description)
            PassDecision.at(read_u64(u64(frame.read_register("rsp"))), sig, sig_addr)
            return True
        if not pass_on:
            throw_away(sig_addr)
        if show:
            print("\nProgram received signal %s, %s." % (gdb_signal_name(sig), description))
        return False


def throw_away(sig_addr):
    """handle SIG nopass: debugger_signal_stop's caller carries on as if the signal
    never came."""
    gdb.selected_inferior().write_memory(sig_addr, struct.pack("<i", 0))


class PassDecision(gdb.Breakpoint):
    """A hidden breakpoint where debugger_signal_stop returns to get_signal: after a
    stop, the user has resumed, and gdb's handle table says whether to pass the signal."""

    the = None
    waiting = None          # (sig, address of get_signal's sig) of the stop resumed

    @classmethod
    def at(cls, return_address, sig, sig_addr):
        if cls.the is None:
            cls.the = cls("*%#x" % return_address)
        cls.waiting = (sig, sig_addr)

    def __init__(self, spec):
        super().__init__(spec, internal=True)
        self.silent = True

    def stop(self):
        if PassDecision.waiting is not None:
            sig, sig_addr = PassDecision.waiting
            PassDecision.waiting = None
            if not handle_settings(sig)[2]:
                throw_away(sig_addr)
        return False


def stop_location(frame):
    """The lines gdb prints for a stop at FRAME (level 1: the user frame).

gdb's own `frame` text, but for a caller gdb looks its pc - 1 up (a return address
follows the call); here pc is the very instruction the signal interrupted. Where pc
and pc - 1 are on the same line of the same function the text is the same, so it is
gdb's (which prints arguments its own way: x=<optimized out>, x@entry=1); else ours."""
    pc = frame.pc()
    here, before = gdb.find_pc_line(pc), gdb.find_pc_line(pc - 1)
    same = (here.symtab is not None and before.symtab is not None and here.line == before.line
            and here.symtab.fullname() == before.symtab.fullname()
            and gdb.block_for_pc(pc).function == gdb.block_for_pc(pc - 1).function)
    if same:
        text = gdb.execute("frame %d" % frame.level(), False, True)
        return [re.sub(r"^#\d+\s+", "", line, count=1) for line in text.splitlines()]
    where, sal = frame_location(frame)
    line = source_line(sal)
    return [where] + ([line] if line else [])


def frame_location(frame):
    """What gdb prints for a stop at FRAME, from its pc (not pc - 1, as for a caller:
    the signal interrupted this very instruction)."""
    pc = frame.pc()
    sal = gdb.find_pc_line(pc)
    block = gdb.block_for_pc(pc)
    while block is not None and block.function is None:
        block = block.superblock
    fn = block.function if block is not None else None
    if fn is None:
        return "%#018x in %s ()" % (pc, gdb.format_address(pc).split("<")[-1].split("+")[0]
                                    .rstrip(">") or "??"), None
    args = [argument_text(sym, frame) for sym in block if sym.is_argument]
    where = "%s (%s)" % (fn.name, ", ".join(args))
    if sal.symtab is not None:
        where += " at %s:%d" % (sal.symtab.filename, sal.line)
    if sal.pc != pc:
        where = "%#018x in %s" % (pc, where)
    return where, sal


def value_text(value):
    """An argument as gdb's frame lines show it (print frame-arguments scalars)."""
    if value.is_optimized_out:
        return "<optimized out>"
    if value.type.strip_typedefs().code in (gdb.TYPE_CODE_STRUCT, gdb.TYPE_CODE_UNION,
                                            gdb.TYPE_CODE_ARRAY):
        return "..."
    return str(value)


def argument_text(sym, frame):
    """name=value, with its value at the function's entry as gdb's default `print
    entry-values default` adds it: x=<optimized out>, x@entry=1, or x=x@entry=1."""
    try:
        actual = value_text(sym.value(frame))
    except gdb.error:
        actual = "<optimized out>"
    frame.select()
    try:
        entry = value_text(gdb.parse_and_eval("%s@entry" % sym.name))
    except gdb.error:
        entry = None
    if entry is None or entry == "<optimized out>":
        return "%s=%s" % (sym.name, actual)
    if entry == actual:
        return "%s=%s@entry=%s" % (sym.name, sym.name, actual)
    return "%s=%s, %s@entry=%s" % (sym.name, actual, sym.name, entry)


def source_line(sal):
    if sal is None or sal.symtab is None:
        return None
    try:
        with open(sal.symtab.fullname()) as f:
            lines = f.read().splitlines()
        return "%d\t%s" % (sal.line, lines[sal.line - 1])
    except (OSError, IndexError):
        return None


def on_stop(event):
    if not isinstance(event, gdb.BreakpointEvent) or SignalStop.last is None:
        return
    if not any(isinstance(bp, SignalStop) for bp in event.breakpoints):
        return
    sig, description = SignalStop.last
    SignalStop.last = None
    print("\nProgram received signal %s, %s." % (gdb_signal_name(sig), description))
    user = gdb.newest_frame().older()
    if user is None:
        return
    user.select()
    for line in stop_location(user):
        print(line)


# ---- the user frame under the hook ----------------------------------------------

class FrameId:
    """What gdb names a frame by (gdb wants gdb.Values)."""

    def __init__(self, sp, pc):
        self.sp, self.pc = gdb.Value(sp), gdb.Value(pc)


class UserUnderHook(gdb.unwinder.Unwinder):
    """In debugger_signal_stop, the caller gdb shows is the user code the signal
    interrupted, with the registers of the process's trap frame (p->tf, p being its
    first argument): the kernel frames in between are left out."""

    def __init__(self):
        super().__init__("siglab user frame under debugger_signal_stop")
        self.hook = None

    def __call__(self, pending):
        if self.hook is None:
            try:
                self.hook = hook_address()
            except gdb.error:
                return None
        if u64(pending.read_register("rip")) != self.hook:
            return None
        tf = read_u64(u64(pending.read_register("rdi")) + proc_tf_offset())
        raw = bytes(gdb.selected_inferior().read_memory(tf, 8 * len(TRAPFRAME_REGS)))
        values = dict(zip(TRAPFRAME_REGS, struct.unpack("<%dQ" % len(TRAPFRAME_REGS), raw)))
        # Named by the user rsp, not the kernel's: gdb stops a backtrace whose caller's
        # frame looks "inner" (below on the stack) to its callee's, and every user stack
        # address is below every kernel one.
        info = pending.create_unwind_info(FrameId(values["rsp"], self.hook))
        for name, value in values.items():
            if name in NOT_REGISTERS:
                continue
            reg = GDB_NAME.get(name, name)
            t = pending.read_register(reg).type
            info.add_saved_register(reg, gdb.Value(value.to_bytes(8, "little")[:t.sizeof], t))
        for reg in FPU_REGS:
            info.add_saved_register(reg, pending.read_register(reg))
        return info


SignalStop()
gdb.events.stop.connect(on_stop)
gdb.unwinder.register_unwinder(None, UserUnderHook(), replace=True)
