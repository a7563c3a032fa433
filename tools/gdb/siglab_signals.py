# siglab_signals.py: gdb support for siglab, part 2: looking at signal state.
# Loaded by siglab.gdb after siglab_gdb.py.
#
#   procs                   the process table: pid, state, name, pending, blocked
#   sigsets [PID]           a process's pending and blocked sets by signal name, and
#                           the queue of siginfo behind the pending set
#   sigactions [-a] [PID]   its sigaction table (-a: all 64, not just the non-default)
#   sigframe [ADDR]         decode a struct rt_sigframe on the user stack field by
#                           field; without ADDR, the frame of the signal being handled
#
# PID defaults to the running process (cpu.proc). The frame layout below is written
# out from docs/design.md section 4, not read from the kernel's types, so that sigframe is
# a second opinion on what kern/signal/frame_x86_64.c writes.

import struct

import gdb

from siglab_gdb import (RESTORER_BYTES, TRAMPOLINE_ADDR, current_proc, in_user_mode,
                        kvar, proc_name)

NSIG = 64
SIGRTMIN = 32
SIGNAL_NAMES = [None, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
                "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE",
                "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP",
                "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ",
                "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"]

SA_FLAGS = [(0x00000001, "SA_NOCLDSTOP"), (0x00000002, "SA_NOCLDWAIT"),
            (0x00000004, "SA_SIGINFO"), (0x04000000, "SA_RESTORER"),
            (0x08000000, "SA_ONSTACK"), (0x10000000, "SA_RESTART"),
            (0x40000000, "SA_NODEFER"), (0x80000000, "SA_RESETHAND")]
UC_FLAGS = [(0x1, "UC_FP_XSTATE"), (0x2, "UC_SIGCONTEXT_SS"), (0x4, "UC_STRICT_RESTORE_SS")]
SS_FLAGS = [(1, "SS_ONSTACK"), (2, "SS_DISABLE"), (1 << 31, "SS_AUTODISARM")]
SI_CODES = {0: "SI_USER", 0x80: "SI_KERNEL", -1: "SI_QUEUE", -2: "SI_TIMER", -3: "SI_MESGQ",
            -4: "SI_ASYNCIO", -5: "SI_SIGIO", -6: "SI_TKILL"}
SI_USER, SI_KERNEL, SI_TIMER, SI_SIGIO = 0, 0x80, -2, -5
# si_code > 0 means "the kernel says why", in each signal's own terms (<asm-generic/siginfo.h>)
SIGNAL_CODES = {
    4: ["ILL_ILLOPC", "ILL_ILLOPN", "ILL_ILLADR", "ILL_ILLTRP", "ILL_PRVOPC", "ILL_PRVREG",
        "ILL_COPROC", "ILL_BADSTK"],
    5: ["TRAP_BRKPT", "TRAP_TRACE", "TRAP_BRANCH", "TRAP_HWBKPT"],
    7: ["BUS_ADRALN", "BUS_ADRERR", "BUS_OBJERR", "BUS_MCEERR_AR", "BUS_MCEERR_AO"],
    8: ["FPE_INTDIV", "FPE_INTOVF", "FPE_FLTDIV", "FPE_FLTOVF", "FPE_FLTUND", "FPE_FLTRES",
        "FPE_FLTINV", "FPE_FLTSUB"],
    11: ["SEGV_MAPERR", "SEGV_ACCERR", "SEGV_BNDERR", "SEGV_PKUERR"],
    17: ["CLD_EXITED", "CLD_KILLED", "CLD_DUMPED", "CLD_TRAPPED", "CLD_STOPPED", "CLD_CONTINUED"],
    29: ["POLL_IN", "POLL_OUT", "POLL_MSG", "POLL_ERR", "POLL_PRI", "POLL_HUP"],
    31: ["SYS_SECCOMP"],
}
FAULT_SIGNALS = (4, 5, 7, 8, 11)       # SIGILL SIGTRAP SIGBUS SIGFPE SIGSEGV
SIGCHLD, SIGPOLL, SIGSYS = 17, 29, 31
USER_CS, USER_SS = 0x33, 0x2b
EFLAGS = [(0x1, "CF"), (0x4, "PF"), (0x10, "AF"), (0x40, "ZF"), (0x80, "SF"), (0x100, "TF"),
          (0x200, "IF"), (0x400, "DF"), (0x800, "OF"), (0x10000, "RF"), (0x40000, "AC")]
PROC_STATES = ["UNUSED", "EMBRYO", "RUNNABLE", "RUNNING", "SLEEPING", "STOPPED", "ZOMBIE"]

# struct rt_sigframe (440 bytes), docs/design.md section 4
FRAME_SIZE = 440
UC = 8                              # struct ucontext
UC_MCONTEXT = UC + 40               # struct sigcontext, 256 bytes
UC_SIGMASK = UC + 296
SIGINFO = 312
SIGCONTEXT_REGS = ["r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rdi", "rsi",
                   "rbp", "rbx", "rdx", "rax", "rcx", "rsp", "rip"]    # 8 bytes each
SC_EFLAGS = 136
SC_SEGMENTS = 144                   # cs, gs, fs, ss: 16 bits each
SC_TAIL = [("err", 152), ("trapno", 160), ("oldmask", 168), ("cr2", 176), ("fpstate", 184)]
RT_SIGRETURN = 15


def signame(sig):
    return SIGNAL_NAMES[sig] if 0 < sig < SIGRTMIN else "SIGRT%d" % sig


def set_names(mask):
    names = [signame(s) for s in range(1, NSIG + 1) if mask >> (s - 1) & 1]
    return " ".join(names) if names else "(none)"


def flag_names(value, table):
    names = [name for bit, name in table if value & bit]
    rest = value & ~sum(bit for bit, _ in table)
    if rest:
        names.append("%#x" % rest)
    return "|".join(names) if names else "0"


def si_code_name(signo, code):
    names = SIGNAL_CODES.get(signo, [])
    if 0 < code <= len(names):
        return names[code - 1]
    return SI_CODES.get(code, str(code))


def siginfo_layout(signo, code):
    """Which union member of siginfo_t the kernel filled in, as Linux's siginfo_layout()
    decides it: by si_code first (who sent it), then by the signal."""
    if SI_USER < code < SI_KERNEL:
        if signo in FAULT_SIGNALS:
            return "fault"
        return {SIGCHLD: "chld", SIGPOLL: "poll", SIGSYS: "sys"}.get(signo, "kill")
    if code == SI_TIMER:
        return "timer"
    if code == SI_SIGIO:
        return "poll"
    return "rt" if code < 0 else "kill"     # SI_USER, SI_KERNEL: pid and uid


def siginfo_fields(raw):
    """siginfo_t's fields, decoded as the kernel wrote them: a list of (name, text)."""
    i32 = lambda off: struct.unpack_from("<i", raw, off)[0]
    u32 = lambda off: struct.unpack_from("<I", raw, off)[0]
    u64 = lambda off: struct.unpack_from("<Q", raw, off)[0]
    i64 = lambda off: struct.unpack_from("<q", raw, off)[0]
    signo, code = i32(0), i32(8)
    fields = [("si_signo", "%d%s" % (signo, " (%s)" % signame(signo) if 0 < signo <= NSIG else "")),
              ("si_errno", "%d" % i32(4)),
              ("si_code", "%d (%s)" % (code, si_code_name(signo, code)))]
    layout = siginfo_layout(signo, code)
    if layout == "fault":
        fields += [("si_addr", address(u64(16)) if u64(16) else "0x0")]
    elif layout == "chld":
        fields += [("si_pid", "%d" % i32(16)), ("si_uid", "%d" % u32(20)),
                   ("si_status", "%d" % i32(24)), ("si_utime", "%d" % i64(32)),
                   ("si_stime", "%d" % i64(40))]
    elif layout == "poll":
        fields += [("si_band", "%#x" % i64(16)), ("si_fd", "%d" % i32(24))]
    elif layout == "sys":
        fields += [("si_call_addr", address(u64(16))), ("si_syscall", "%d" % i32(24)),
                   ("si_arch", "%#x" % u32(28))]
    elif layout == "timer":
        fields += [("si_timerid", "%d" % i32(16)), ("si_overrun", "%d" % i32(20)),
                   ("si_value", "%#x" % u64(24))]
    else:
        fields += [("si_pid", "%d" % i32(16)), ("si_uid", "%d" % u32(20))]
        if layout == "rt":
            fields += [("si_value", "%#x" % u64(24))]
    return fields


def proc_by_pid(pid):
    table = kvar("proc_table")
    for i in range(table.type.range()[1] + 1):
        p = table[i]
        if int(p["state"]) != 0 and int(p["pid"]) == pid:
            return p
    raise gdb.GdbError("siglab: no process with pid %d" % pid)


def chosen_proc(argv):
    """The process PID names (the last argument), or the running one."""
    if len(argv) > 1:
        raise gdb.GdbError("siglab: one PID at most, not %s" % " ".join(argv))
    if argv:
        try:
            return proc_by_pid(int(argv[-1], 0))
        except ValueError:
            raise gdb.GdbError("siglab: not a pid: %s" % argv[-1])
    p = current_proc()
    if p is None:
        raise gdb.GdbError("siglab: no process is running (cpu.proc is NULL); give a PID")
    return p


def describe(p):
    return "pid %d (%s)" % (int(p["pid"]), proc_name(p))


def address(value):
    """An address with its symbol, if gdb knows one."""
    return gdb.format_address(value) if value else "0"


# ---- procs, sigsets, sigactions ------------------------------------------------

class Procs(gdb.Command):
    """List the processes: procs."""

    def __init__(self):
        super().__init__("procs", gdb.COMMAND_STATUS)

    def invoke(self, arg, from_tty):
        if arg.strip():
            raise gdb.GdbError("usage: procs   (no arguments)")
        table = kvar("proc_table")
        running = current_proc()
        print("  pid ppid state     name             pending / blocked")
        for i in range(table.type.range()[1] + 1):
            p = table[i]
            state = int(p["state"])
            if state == 0:
                continue
            parent = p["parent"]
            mark = "*" if running is not None and int(p.address) == int(running.address) else " "
            print("%s%4d %4d %-9s %-16s %s / %s" % (
                mark, int(p["pid"]), int(parent["pid"]) if int(parent) else 0,
                PROC_STATES[state] if state < len(PROC_STATES) else state, proc_name(p),
                set_names(all_pending(p["sig"])),
                set_names(int(p["sig"]["blocked"]))))


def all_pending(sig):
    """Both pending sets of a struct signal_state, as one mask (sigpending(2))."""
    return int(sig["pending"]["signal"]) | int(sig["shared_pending"]["signal"])


def queue_entries(pending, mark):
    """One line per struct sigqueue of a struct sigpending."""
    lines, q = [], pending["head"]
    while int(q) and len(lines) < 1000:     # (a cycle would be a kernel bug; do not hang)
        info = q["info"]
        code = int(info["si_code"])
        lines.append("  queue    %-9s si_code %s, from pid %d, value %d%s" % (
            signame(int(info["si_signo"])), SI_CODES.get(code, str(code)),
            int(info["kill"]["pid"]), int(info["kill"]["value"]), mark))
        q = q["next"]
    return lines


class SigSets(gdb.Command):
    """Print a process's pending and blocked signals by name: sigsets [PID].

Also the siginfo queues behind the two pending sets (one entry per standard signal,
one per instance of a real-time signal): the thread's private set (raise, tkill,
faults; marked "thread") and the process's shared one (kill, sigqueue, SIGCHLD).
PID defaults to the running process."""

    def __init__(self):
        super().__init__("sigsets", gdb.COMMAND_STATUS)

    def invoke(self, arg, from_tty):
        p = chosen_proc(gdb.string_to_argv(arg))
        sig = p["sig"]
        pending = all_pending(sig)
        blocked = int(sig["blocked"])
        private = int(sig["pending"]["signal"])
        print("%s:" % describe(p))
        print("  pending  %#018x  %s" % (pending, set_names(pending)))
        print("  blocked  %#018x  %s" % (blocked, set_names(blocked)))
        if private:
            print("  thread   %#018x  %s" % (private, set_names(private)))
        entries = queue_entries(sig["pending"], " (thread)") + queue_entries(sig["shared_pending"], "")
        if not entries:
            print("  queue    (empty)")
        for line in entries:
            print(line)


class SigActions(gdb.Command):
    """Print a process's sigaction table: sigactions [-a] [PID].

Without -a, only the signals whose action is not SIG_DFL. PID defaults to the
running process. Handler and restorer addresses are named from the symbols loaded
(user-program NAME)."""

    def __init__(self):
        super().__init__("sigactions", gdb.COMMAND_STATUS)

    def invoke(self, arg, from_tty):
        argv = gdb.string_to_argv(arg)
        show_all = "-a" in argv
        p = chosen_proc([a for a in argv if a != "-a"])
        print("%s: %s" % (describe(p), "all actions" if show_all else "actions other than SIG_DFL"))
        for s in range(1, NSIG + 1):
            ka = p["sig"]["action"][s - 1]
            handler = int(ka["handler"])
            if handler == 0 and not show_all:
                continue
            what = {0: "SIG_DFL", 1: "SIG_IGN"}.get(handler) or address(handler)
            line = "  %-9s %s" % (signame(s), what)
            if handler > 1:
                flags, mask = int(ka["flags"]), int(ka["mask"])
                line += "\n            flags %s, mask %s" % (flag_names(flags, SA_FLAGS),
                                                           set_names(mask))
                if flags & 0x04000000:
                    line += "\n            restorer %s" % address(int(ka["restorer"]))
            print(line)


# ---- sigframe ------------------------------------------------------------------

def find_frame_address():
    """Where the frame of the signal being handled is, and how we know."""
    if in_user_mode():
        # from the selected frame outwards: in a nested handler, `frame N; sigframe`
        # decodes the signal frame of that level
        f = gdb.selected_frame()
        while f is not None:
            if f.type() == gdb.SIGTRAMP_FRAME:
                # the trampoline runs with rsp just above pretcode
                return (int(f.read_register("rsp")) - 8,
                        "the <signal handler called> frame, level %d" % f.level())
            f = f.older()
        return int(gdb.parse_and_eval("$rsp")), "the user rsp (no signal frame on the stack)"
    p = current_proc()
    if p is None:
        raise gdb.GdbError("siglab: no process is running; give the frame's address")
    tf = p["tf"].dereference()
    if int(tf["orig_rax"]) == RT_SIGRETURN:
        return int(tf["rsp"]) - 8, "the user rsp - 8 (in rt_sigreturn: ret popped pretcode)"
    return int(tf["rsp"]), "the user rsp saved in cpu.proc->tf"


class SigFrame(gdb.Command):
    """Decode a struct rt_sigframe field by field: sigframe [ADDR].

Without ADDR: in user mode, the frame of the first <signal handler called> level at
or above the selected frame (so with nested handlers, `frame N; sigframe` decodes
that level's); in the kernel, the frame at the user rsp of the running process
(minus 8 inside rt_sigreturn, whose caller's ret popped pretcode). siginfo is decoded
as the kernel wrote it, by si_code and si_signo (si_addr for a fault, si_pid and
si_uid for kill...). A warning says when the bytes do not look like a frame the kernel
built (pretcode not a restorer, unknown uc_flags, segments not the user's...)."""

    def __init__(self):
        super().__init__("sigframe", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        if arg.strip():
            base, how = address_argument(arg), "the address given"
        else:
            base, how = find_frame_address()
        try:
            raw = bytes(gdb.selected_inferior().read_memory(base, FRAME_SIZE))
        except gdb.MemoryError:
            raise gdb.GdbError("siglab: cannot read %d bytes at %#x" % (FRAME_SIZE, base))
        u64 = lambda off: struct.unpack_from("<Q", raw, off)[0]
        i32 = lambda off: struct.unpack_from("<i", raw, off)[0]
        u16 = lambda off: struct.unpack_from("<H", raw, off)[0]

        print("rt_sigframe at %#x (%s):" % (base, how))
        doubts = implausible(raw, base)
        if doubts:
            print("siglab: WARNING: this does not look like a signal frame: %s. The fields "
                  "below are whatever is there." % "; ".join(doubts))
        pretcode = u64(0)
        print("  +0    pretcode       %s  %s" % (address(pretcode), restorer_check(pretcode)))
        print("  +8    uc_flags       %#x %s" % (u64(UC), flag_names(u64(UC), UC_FLAGS)))
        print("  +16   uc_link        %#x" % u64(UC + 8))
        print("  +24   uc_stack       ss_sp %#x, ss_flags %s, ss_size %d" % (
            u64(UC + 16), flag_names(i32(UC + 24) & 0xffffffff, SS_FLAGS), u64(UC + 32)))
        print("  +48   uc_mcontext    (struct sigcontext: the interrupted registers)")
        for i, reg in enumerate(SIGCONTEXT_REGS):
            off = UC_MCONTEXT + 8 * i
            value = u64(off)
            shown = address(value) if reg == "rip" else "%#x" % value
            print("  +%-4d   %-7s      %s" % (off, reg, shown))
        eflags = u64(UC_MCONTEXT + SC_EFLAGS)
        names = flag_names(eflags & ~0x2, EFLAGS).replace("|", " ")    # bit 1 is always 1
        print("  +%-4d   eflags       %#x [ %s ]" % (UC_MCONTEXT + SC_EFLAGS, eflags, names))
        seg = UC_MCONTEXT + SC_SEGMENTS
        print("  +%-4d   cs gs fs ss  %#x %#x %#x %#x" % (seg, u16(seg), u16(seg + 2),
                                                       u16(seg + 4), u16(seg + 6)))
        for name, off in SC_TAIL:
            print("  +%-4d   %-7s      %#x" % (UC_MCONTEXT + off, name, u64(UC_MCONTEXT + off)))
        mask = u64(UC_SIGMASK)
        print("  +%-4d uc_sigmask     %#x %s   (blocked again by rt_sigreturn)" % (
            UC_SIGMASK, mask, set_names(mask)))
        signo = i32(SIGINFO)
        print("  +%-4d siginfo        %s" % (SIGINFO, ", ".join(
            "%s %s" % f for f in siginfo_fields(raw[SIGINFO:SIGINFO + 128]))))
        if signo == 0 and not doubts:
            print("                       (all zero: the handler lacks SA_SIGINFO, so the "
                  "kernel did not write siginfo)")


def address_argument(arg):
    """sigframe's one argument, an address expression; a one-line error otherwise."""
    try:
        value = gdb.parse_and_eval(arg)
    except gdb.error as e:
        words = gdb.string_to_argv(arg)
        if len(words) > 1:
            raise gdb.GdbError("usage: sigframe [ADDR]: one address expression, not %d "
                               "arguments (%s)" % (len(words), e))
        raise gdb.GdbError("sigframe: %s" % e)
    code = value.type.strip_typedefs().code
    if code not in (gdb.TYPE_CODE_INT, gdb.TYPE_CODE_PTR):
        raise gdb.GdbError("sigframe: %s is not an address (its type is %s)" % (arg.strip(), value.type))
    return int(value) & 0xffffffffffffffff


def implausible(raw, base):
    """Why the 440 bytes at BASE are not a frame the kernel built (empty: they may be)."""
    u64 = lambda off: struct.unpack_from("<Q", raw, off)[0]
    doubts = []
    if "NOT" in restorer_check(u64(0)) or "unreadable" in restorer_check(u64(0)):
        doubts.append("pretcode %#x is not a restorer (mov $15,%%rax; syscall)" % u64(0))
    if u64(UC) & ~sum(bit for bit, _ in UC_FLAGS):
        doubts.append("uc_flags %#x has unknown bits" % u64(UC))
    if u64(UC + 8):
        doubts.append("uc_link is %#x, not 0" % u64(UC + 8))
    seg = UC_MCONTEXT + SC_SEGMENTS
    cs, ss = struct.unpack_from("<HxxxxH", raw, seg)
    if cs != USER_CS or ss != USER_SS:
        doubts.append("cs %#x, ss %#x are not the user segments %#x, %#x" % (cs, ss, USER_CS, USER_SS))
    fpstate = u64(UC_MCONTEXT + 184)
    if fpstate and not base + FRAME_SIZE <= fpstate < base + FRAME_SIZE + 4096 + 64:
        doubts.append("fpstate %#x is not just above the frame" % fpstate)
    signo = struct.unpack_from("<i", raw, SIGINFO)[0]
    if not 0 <= signo <= NSIG:
        doubts.append("si_signo %d is no signal" % signo)
    return doubts


def restorer_check(pretcode):
    """Does pretcode point at mov $15,%rax; syscall?"""
    try:
        code = bytes(gdb.selected_inferior().read_memory(pretcode, len(RESTORER_BYTES)))
    except gdb.MemoryError:
        return "(unreadable: returning there would fault)"
    where = "the kernel's trampoline page" if pretcode == TRAMPOLINE_ADDR else "sa_restorer"
    if code == RESTORER_BYTES:
        return "(%s: mov $15,%%rax; syscall)" % where
    return "(%s, but NOT mov $15,%%rax; syscall: %s)" % (where, code.hex(" "))


Procs()
SigSets()
SigActions()
SigFrame()
