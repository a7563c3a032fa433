"""The autograder's tests, all in one place: for each lab, what runs, for how many
points, and the console lines it must print, in order (other lines may come between).

For each test the grader builds its grade program (grade/progs/PROG.c) afresh, with
a new key, the nonce and the arguments sealed inside it (grade/auth.py), boots a fresh
QEMU with it as /graded/prog and "quiet -- /graded/prog" on the kernel command line:
init runs the program once, logs "init: exit status N" and powers off. A "shell" test
boots to /bin/sh instead and types its lines at the prompt. Each program prints what
it observed, every line tagged with a MAC under the run's key, and the lines below are
what Linux prints (check with `python3 -m grade --native`; tests marked
native=False depend on siglab's own choices, such as the 512-byte fxsave area). The
program's exit status is one more tagged line, "exit status N".

${...} is filled in per run: N is a random nonce, STATUS = 20 + N % 200, and pick()
draws the signals and sizes (see grade/gradelib.py). The values reach the program
sealed, come back only after they went through the kernel, and every line the test
counts must carry a valid tag: a kernel that prints expected lines without running
the program, or replays another run's, scores nothing.

A test needs (and a failing one turns into PREREQ) the first test of every earlier lab:
if lab 1 cannot even make a signal pending, lab 3's failures say so instead of
piling up.
"""

# Re("...") (unused so far) writes an expected line as a regular expression; Plain("...")
# one that the shell prints (untagged).
from typing import List

from .gradelib import (Lab, Test, Re, Plain, pick, sigs, TERMINATE, CORE, IGNORE, TTY_STOP,  # noqa: F401
                      REALTIME, SIG)

LABS = [
    Lab(0, "boot, system calls, the way back to user mode", []),
    Lab(1, "generation: the pending set", ["kern/signal/generate.c"]),
    Lab(2, "dequeue and default actions", ["kern/signal/deliver.c"]),
    Lab(3, "the signal frame", ["kern/signal/frame_x86_64.c", "kern/signal/deliver.c"]),
    Lab(4, "the trampoline and rt_sigreturn",
        ["kern/signal/trampoline.S", "kern/signal/sigreturn_x86_64.c"]),
    Lab(5, "system call restart", ["kern/signal/restart.c"]),
]

# The first test of each lab is the one later labs need.
CANARY = {0: "lab0/boot_args", 1: "lab1/kill_pending", 2: "lab2/dequeue_order",
          3: "lab3/handler_siginfo", 4: "lab4/handler_returns"}


def needs(lab: int) -> List[str]:
    return [CANARY[n] for n in range(lab)]


SIZES = list(range(16384, 65536 + 1, 1024))
WORDS = ["%s-%s" % (a, b) for a in ("amber", "birch", "cedar", "delta", "ember", "flint")
         for b in ("kite", "lark", "moth", "newt", "owl", "pike", "quail", "rook")]
LO = sigs("SIGHUP", "SIGINT", "SIGQUIT", "SIGUSR1")     # lower than every one in HI
HI = sigs("SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM")   # and lower than SIGCHLD
MXCSR = [0x3f80, 0x5f80, 0x7f80, 0x9f80]                # rounding modes; flush to zero
SYNC = sigs("SIGILL", "SIGTRAP", "SIGBUS", "SIGFPE", "SIGSEGV", "SIGSYS")   # fault signals
BELOW_SYNC = sigs("SIGHUP", "SIGINT", "SIGQUIT")        # lower than every one in SYNC
RESTART_CODES = [512, 513, 514, 516]    # ERESTARTSYS, ERESTARTNOINTR, ERESTARTNOHAND, _RESTARTBLOCK


TESTS = [
    # ---- lab 0: nothing to write; the kernel boots and runs programs ----
    Test(0, "boot_args", 20,
         values=pick(w1=WORDS, w2=WORDS),
         run="/grade/boot_args ${N} ${STATUS} ${w1} ${w2}", argv="${w1} ${w2}",
         status="${STATUS}",
         expect=["argc 3", "argv[1] ${w1}, as passed: yes", "argv[2] ${w2}, as passed: yes",
                 "argv[argc] is NULL: yes",
                 "AT_PAGESZ 4096", "AT_RANDOM points at 16 readable bytes: yes",
                 "AT_ENTRY is main's program: yes"]),
    Test(0, "syscalls", 20,
         run="/grade/syscalls ${N}",
         expect=["write to a pipe: 6 bytes", "read from the pipe: 6 bytes: ${N}",
                 "dup2 returns the new fd: yes", "a byte through the duplicate: yes",
                 "4 MiB of memory, summed: 534773760; its last word: ${N}",
                 "nanosleep(20 ms) returns 0, and 20 ms passed: yes",
                 "getpid() == gettid(): yes", "an unknown system call: -1 (ENOSYS 38)"]),
    Test(0, "fork_exec", 20,
         run="/grade/fork_exec ${N} ${STATUS}",
         expect=["fork returned a new pid: yes", "the exec'd echo wrote: exec ${N}",
                 "child 1 exited with 0",
                 "the parent's copy is untouched: ${N}", "child 2 exited with ${STATUS}",
                 "no child left: -1 (ECHILD 10)"]),
    Test(0, "preempt", 20,
         run="/grade/preempt ${STATUS}",
         expect=["the parent ran while the child spun: yes", "child exited with ${STATUS}"]),
    # The shell runs /graded/prog (shell_probe), then exits with its status ($?).
    Test(0, "shell", 20, native=False,
         run="/grade/shell_probe ${N} ${STATUS}",
         shell=["hello", "/graded/prog", "exit"], status="${STATUS}",
         expect=[Plain("$ hello"), Plain("hello, world"), Plain("$ /graded/prog"),
                 "started by the shell, nonce ${N}",
                 "its own process group, in the foreground: yes", Plain("$ exit")]),

    # ---- lab 1: generating signals (labs 2-5 may be stubs: nothing is delivered) ----
    Test(1, "kill_pending", 25, needs=needs(1),
         values=pick(s1=TERMINATE, s2=TERMINATE, rt=REALTIME),
         run="/grade/kill_pending ${s1} ${s2} ${rt} ${N}",
         expect=["pending at first: (none)", "kill(self, ${name(s1)}) = 0",
                 "tgkill(self, self, ${name(s2)}) = 0", "sigqueue(self, ${name(rt)}) = 0",
                 "pending: ${names(s1, s2, rt)}",
                 "pending after ${name(s1)} again: ${names(s1, s2, rt)}",
                 "kill(self, 0) = 0"]),
    Test(1, "kill_targets", 20, needs=needs(1),
         values=pick(a=TERMINATE, b=TERMINATE, c=TERMINATE, rt=REALTIME),
         run="/grade/kill_targets ${a} ${b} ${c} ${rt} ${N}",
         expect=["kill(child, ${name(a)}) = 0", "kill(0, ${name(b)}) = 0",
                 "kill(-child, ${name(c)}) = 0", "sigqueue(child, ${name(rt)}) = 0",
                 "kill(child, 0) = 0", "kill(a pid that is gone, ${name(a)}) = -1 (ESRCH 3)",
                 "kill(child, 65) = -1 (EINVAL 22)",
                 # the child reaped at the start left a SIGCHLD, blocked, so pending
                 "parent pending: ${names(b, SIGCHLD)}",
                 "child pending: ${names(a, c, rt)}", "child exited with 0"]),
    Test(1, "ignored_pending", 20, needs=needs(1),
         values=pick(ign=TERMINATE, dfl=IGNORE, caught=TERMINATE),
         run="/grade/ignored_pending ${ign} ${dfl} ${caught}",
         expect=["blocked, SIG_IGN: pending: ${name(ign)}",
                 "blocked, default action ignore: pending: ${name(dfl)}",
                 "blocked, with a handler: pending: ${name(caught)}",
                 "all pending: ${names(ign, dfl, caught)}",
                 "after SIG_IGN for ${name(caught)}: ${names(ign, dfl)}",
                 "after setting them again: (none)",
                 "blocked, SIG_IGN set before the kill: pending: ${name(caught)}"]),
    Test(1, "stop_cont_pending", 15, needs=needs(1),
         values=pick(stop=TTY_STOP, other=TTY_STOP),
         run="/grade/stop_cont_pending ${stop} ${other}",
         expect=["after SIGCONT: SIGCONT", "after ${name(stop)}: ${name(stop)}",
                 "after ${name(other)}: ${names(stop, other)}", "after SIGCONT again: SIGCONT",
                 "after SIGUSR1 and ${name(other)}: ${names(SIGUSR1, other)}"]),
    # native=False: Linux counts RLIMIT_SIGPENDING per user, across all processes
    Test(1, "sigqueue_limit", 10, needs=needs(1), native=False,
         values=pick(limit=range(3, 9), rt1=REALTIME, rt2=REALTIME),
         run="/grade/sigqueue_limit ${limit} ${rt1} ${rt2} ${N}",
         expect=["sigqueue(${name(rt1)}) ${limit} times: ${limit} succeeded",
                 "one more sigqueue(${name(rt1)}) = -1 (EAGAIN 11)",
                 "sigqueue(${name(rt2)}) = -1 (EAGAIN 11)", "kill(self, ${name(rt2)}) = 0",
                 "kill(self, SIGUSR2) = 0", "pending: ${names(SIGUSR2, rt1, rt2)}"]),
    Test(1, "wakeup", 10, needs=needs(1),
         values=pick(sig=TERMINATE, delay=range(20, 81)),
         run="/grade/wakeup ${sig} ${delay}",
         expect=["woken by ${name(sig)} before the timeout: yes", "child exited with 0"]),

    # ---- lab 2: dequeue and default actions (no handlers: labs 3-5 may be stubs) ----
    Test(2, "dequeue_order", 20, needs=needs(2),
         values=pick(lo=LO, hi=HI, rta=range(50, 65), rtb=range(35, 50)),
         run="/grade/dequeue_order ${lo} ${hi} ${rta} ${rtb} ${N}",
         expect=["pending: ${names(lo, hi, rta, rtb)}",
                 "dequeued ${name(lo)} (SI_USER, from ourselves)",
                 "dequeued ${name(hi)} (SI_USER, from ourselves)",
                 "dequeued ${name(rtb)} (SI_QUEUE, value ${N + 1})",
                 "${name(rtb)} still pending after the first: yes",
                 "dequeued ${name(rtb)} (SI_QUEUE, value ${N + 3})",
                 "dequeued ${name(rta)} (SI_QUEUE, value ${N})",
                 "dequeued ${name(rta)} (SI_QUEUE, value ${N + 2})",
                 "then: -1 (EAGAIN 11)", "pending at the end: (none)"]),
    Test(2, "siginfo_fields", 10, needs=needs(2),
         values=pick(tk=LO, k=HI, rt=REALTIME),
         run="/grade/siginfo_fields ${tk} ${k} ${rt} ${N} ${STATUS}",
         expect=["child exited with ${STATUS}",
                 "${name(tk)}: si_signo ${name(tk)}, SI_TKILL, from the child, uid ours",
                 "${name(k)}: si_signo ${name(k)}, SI_USER, from the child, uid ours",
                 "SIGCHLD: si_signo SIGCHLD, CLD_EXITED, from the child, status ${STATUS}",
                 "${name(rt)}: si_signo ${name(rt)}, SI_QUEUE, from the child, value ${N}, uid ours",
                 "then: -1 (EAGAIN 11)"]),
    Test(2, "sync_first", 10, needs=needs(2),
         values=pick(s1=SYNC, s2=SYNC, low=BELOW_SYNC, rt=REALTIME,
                     then=lambda v: {"first": min(v["s1"], v["s2"]), "second": max(v["s1"], v["s2"])}),
         run="/grade/sync_first ${s1} ${s2} ${low} ${rt} ${N}",
         expect=["pending: ${names(s1, s2, low, rt)}", "dequeued ${name(first)}",
                 "dequeued ${name(second)}", "dequeued ${name(low)}",
                 "dequeued ${name(rt)} (value ${N})", "pending at the end: (none)"]),
    Test(2, "default_actions", 20, needs=needs(2),
         values=pick(term=TERMINATE, core=CORE, ign=IGNORE),
         run="/grade/default_actions ${term} ${core} ${ign} ${STATUS}",
         expect=["${name(term)}: child killed by ${name(term)}",
                 "${name(core)} with RLIMIT_CORE 1 MiB: child killed by ${name(core)}, core dumped",
                 "${name(core)} with RLIMIT_CORE 0: child killed by ${name(core)}",
                 "SIGKILL, everything blocked: child killed by SIGKILL",
                 "${name(ign)} pending, then unblocked: child exited with ${STATUS}"]),
    Test(2, "stop_continue", 20, needs=needs(2),
         values=pick(stop=TTY_STOP + [SIG["SIGSTOP"]]),
         run="/grade/stop_continue ${stop} ${STATUS}",
         expect=["after ${name(stop)}: child stopped by ${name(stop)}",
                 "SIGCHLD: CLD_STOPPED, status ${name(stop)}",
                 "after SIGCONT: child continued", "SIGCHLD: CLD_CONTINUED, status SIGCONT",
                 "at last: child exited with ${STATUS}", "SIGCHLD: CLD_EXITED, status ${STATUS}"]),
    Test(2, "orphaned_pgrp", 10, needs=needs(2),
         values=pick(stop=TTY_STOP),
         run="/grade/orphaned_pgrp ${stop}",
         expect=["${name(stop)}, group not orphaned: child stopped by ${name(stop)}",
                 "${name(stop)}, group orphaned: grandchild kept running (ignored it)"]),
    Test(2, "fault_core", 10, needs=needs(2),
         values=pick(sig=sigs("SIGSEGV", "SIGILL", "SIGTRAP", "SIGFPE")),
         run="/grade/fault_core ${sig}",
         expect=["RLIMIT_CORE 1 MiB: child killed by ${name(sig)}, core dumped",
                 "RLIMIT_CORE 0: child killed by ${name(sig)}",
                 "signal blocked: child killed by ${name(sig)}"]),

    # ---- lab 3: the frame (handlers leave by siglongjmp or _exit: lab 4 may be a stub) ----
    Test(3, "handler_siginfo", 20, needs=needs(3),
         values=pick(rt=REALTIME, blocked=TERMINATE, plain=TERMINATE),
         run="/grade/handler_siginfo ${rt} ${blocked} ${plain} ${N}",
         expect=["handler: signal ${name(rt)}",
                 "siginfo: si_signo ${name(rt)}, si_code SI_QUEUE, value ${N}, from ourselves",
                 "uc_sigmask: ${name(blocked)}", "blocked in the handler: ${names(blocked, rt)}",
                 "back in main, blocked: ${name(blocked)}",
                 "plain handler: signal ${name(plain)}, blocked ${names(blocked, plain)}",
                 "back in main again, blocked: ${name(blocked)}"]),
    # native=False: Linux's fpstate is the larger xsave area, so the frame sits lower
    Test(3, "frame_layout", 20, needs=needs(3), native=False,
         values=pick(sig=TERMINATE),
         run="/grade/frame_layout ${sig} ${N} ${STATUS}", status="${STATUS}",
         expect=["handler: signal ${name(sig)}, rdi ${name(sig)}",
                 "rsp % 16 == 8 on entry: yes",
                 "frame where Linux puts it, below the red zone: yes",
                 "return address is sa_restorer: yes",
                 "rsi = rsp + 312 (the siginfo): yes", "rdx = rsp + 8 (the ucontext): yes",
                 "rax = 0: yes", "DF clear in the handler: yes", "uc_link NULL: yes",
                 "saved rip just after the syscall: yes", "saved rsp is the interrupted one: yes",
                 "saved rax (kill's result): 0",
                 "saved rbx ${N} rbp ${N + 1} r12 ${N + 2} r13 ${N + 3} r14 ${N + 4} r15 ${N + 5}",
                 "saved eflags: DF set yes, IF set yes", "saved cs 0x33 ss 0x2b",
                 "fpstate: the 64-byte aligned area above the frame: yes"]),
    Test(3, "handler_mask", 20, needs=needs(3),
         values=pick(blocked=TERMINATE, masked=TERMINATE, sig=TERMINATE, nodefer=TERMINATE,
                     reset=TERMINATE),
         run="/grade/handler_mask ${blocked} ${masked} ${sig} ${nodefer} ${reset}",
         expect=["${name(sig)} handler: blocked ${names(blocked, masked, sig)}; uc_sigmask ${name(blocked)}",
                 "back in main: blocked ${name(blocked)}",
                 "${name(nodefer)} handler: blocked ${name(blocked)}; uc_sigmask ${name(blocked)}",
                 "back in main: blocked ${name(blocked)}",
                 "${name(reset)} handler: blocked ${names(blocked, reset)}; uc_sigmask ${name(blocked)}",
                 "back in main: blocked ${name(blocked)}",
                 "${name(reset)} after SA_RESETHAND: SIG_DFL"]),
    # native=False: the frame's distance from the top depends on the fpstate's size
    Test(3, "altstack", 15, needs=needs(3), native=False,
         values=pick(sig=TERMINATE, size=SIZES),
         run="/grade/altstack ${sig} ${size}",
         expect=["${name(sig)} handler: on the alternate stack: yes",
                 "  sigaltstack says: SS_ONSTACK",
                 "  uc_stack: sp ours yes, size ${size}, flags 0",
                 "  frame at the top of the alternate stack: yes",
                 "${name(sig)} handler: on the alternate stack: no",
                 "  sigaltstack says: 0",
                 "${name(sig)} handler: on the alternate stack: yes",
                 "  sigaltstack says: SS_DISABLE",
                 "  uc_stack: sp ours yes, size ${size}, flags SS_AUTODISARM",
                 "  frame at the top of the alternate stack: yes",
                 "after siglongjmp out of it: SS_DISABLE, size 0"]),
    Test(3, "fpu_handler", 10, needs=needs(3),
         values=pick(sig=TERMINATE, mxcsr=MXCSR),
         run="/grade/fpu_handler ${sig} ${mxcsr} ${N} ${N + 1} ${N + 2} ${N + 3}",
         expect=["handler: signal ${name(sig)}", "saved mxcsr ${hex(mxcsr)}",
                 "saved xmm0 ${N} ${N + 1} ${N + 2} ${N + 3}", "mxcsr in the handler 0x1f80",
                 "xmm0 in the handler 0 0 0 0"]),
    Test(3, "fault_handler", 15, needs=needs(3),
         values=pick(page=range(1, 1 << 16), off=range(0, 4096, 8), sig=sigs("SIGILL", "SIGFPE"),
                     then=lambda v: {"addr": 0x100000000000 + v["page"] * 4096 + v["off"],
                                     "code": 2 if v["sig"] == SIG["SIGILL"] else 1,
                                     "trapno": 6 if v["sig"] == SIG["SIGILL"] else 0}),
         run="/grade/fault_handler ${addr} ${sig}",
         expect=["SIGSEGV: si_code 1, si_addr right: yes, rip at the fault: yes, trapno 14, "
                 "err 4, cr2 = si_addr: yes, si_addr ${hex(addr)}",
                 "SIGSEGV: si_code 2, si_addr right: yes, rip at the fault: yes, trapno 14, "
                 "err 7, cr2 = si_addr: yes",
                 "${name(sig)}: si_code ${code}, si_addr right: yes, rip at the fault: yes, "
                 "trapno ${trapno}",
                 "done"]),

    # ---- lab 4: the trampoline and rt_sigreturn (handlers return; lab 5 may be a stub) ----
    Test(4, "handler_returns", 15, needs=needs(4),
         values=pick(rt=REALTIME, outer=TERMINATE),
         run="/grade/handler_returns ${rt} ${outer} ${N} ${STATUS}", status="${STATUS}",
         expect=["back in main after 3 handlers; values summed: ${3 * N + 3}",
                 "  ${name(outer)} handler: raising ${name(rt)}",
                 "  ${name(rt)} handler, nested 1 deep",
                 "  ${name(outer)} handler: back from the nested handler, returning",
                 "back in main after the nested handlers; 4 calls",
                 "blocked at the end: (none)"]),
    Test(4, "sigreturn_registers", 20, needs=needs(4),
         values=pick(sig=TERMINATE, mxcsr=MXCSR),
         run="/grade/sigreturn_registers ${sig} ${N} ${N // 3} ${mxcsr}",
         expect=["rax (sigqueue's result): 0", "rbx: ${N}", "rbp: ${N + 1}", "r8: ${N + 2}",
                 "r9: ${N + 3}", "r10: ${N + 4}", "r12: ${N + 5}", "r14: ${N + 7}",
                 "r15: ${N + 8}", "r13, set by the handler: ${3 * (N // 3)}",
                 "rdi, rsi, rdx (the syscall's arguments) kept: yes",
                 "rcx is the address after the syscall: yes",
                 "xmm0: ${7 * N} ${7 * N + 1} ${7 * N + 2} ${7 * N + 3}",
                 "xmm1, set by the handler: ${N // 3} ${N // 3 + 1} ${N // 3 + 2} ${N // 3 + 3}",
                 "mxcsr: ${hex(mxcsr)}"]),
    Test(4, "async_registers", 15, needs=needs(4),
         run="/grade/async_registers ${N} 5",
         expect=["timer signals taken: at least 5: yes", "every register intact",
                 "rbx at the end: ${N + 1}, r15 at the end: ${N + 14}"]),
    Test(4, "sigreturn_mask", 15, needs=needs(4),
         values=pick(blocked=TERMINATE, masked=TERMINATE, extra=TERMINATE, sig=TERMINATE,
                     size=SIZES, newsize=SIZES),
         run="/grade/sigreturn_mask ${blocked} ${masked} ${extra} ${sig} ${size} ${newsize}",
         expect=["  ${name(sig)} handler: blocked ${names(blocked, masked, sig)}",
                 "after the handler returned: blocked ${name(blocked)}",
                 "after it added ${name(extra)}, SIGKILL and SIGSTOP to uc_sigmask: "
                 "blocked ${names(blocked, extra)}",
                 "  handler on the alternate stack: yes",
                 "alternate stack after the return: ours yes, size ${newsize}, SS_AUTODISARM yes"]),
    # native=False: Linux refuses handlers without SA_RESTORER (siglab's fallback)
    Test(4, "kernel_trampoline", 10, needs=needs(4), native=False,
         values=pick(sig=TERMINATE),
         run="/grade/kernel_trampoline ${sig} ${N}",
         expect=["  handler returns to a page boundary: yes",
                 "  bytes there: 48 c7 c0 0f 00 00 00 0f 05",
                 "back in main; the handler saw ${N}"]),
    Test(4, "sigreturn_state", 15, needs=needs(4),
         values=pick(sig=TERMINATE, sig2=TERMINATE, restart=RESTART_CODES,
                     mxcsr=MXCSR + [0x1fc0, 0x1f40]),
         run="/grade/sigreturn_state ${sig} ${sig2} ${restart} ${mxcsr}",
         expect=["handler of the second signal ran: 1 time(s)",
                 "rax after rt_sigreturn, a signal delivered on the way out: -${restart}",
                 "reserved MXCSR bit in fpstate: child killed by SIGSEGV",
                 "fpstate 8 bytes off its alignment: child killed by SIGSEGV",
                 "  mxcsr after the return: ${hex(mxcsr)}",
                 "a valid MXCSR in fpstate: child exited with 0"]),
    Test(4, "forged_frames", 10, needs=needs(4),
         values=pick(sig=TERMINATE),
         run="/grade/forged_frames ${sig}",
         expect=["  eflags after the return: IOPL 0, IF on, AC on",
                 "IOPL 3 and IF off in uc eflags: child exited with 0",
                 "kernel cs in uc: child killed by SIGSEGV",
                 "non-canonical rip in uc: child killed by SIGSEGV",
                 "rt_sigreturn with an unreadable frame: child killed by SIGSEGV"]),

    # ---- lab 5: system call restart ----
    Test(5, "restart_read", 25, needs=needs(5),
         values=pick(s1=TERMINATE, s2=TERMINATE),
         run="/grade/restart_read ${s1} ${s2} ${N}",
         expect=["SA_RESTART: read = 6, data ${N}; handler ran 1 time(s)",
                 "no SA_RESTART: read = -1 (EINTR 4); handler ran 1 time(s)",
                 "read again: 6, data ${N + 1}"]),
    Test(5, "restart_nohandler", 20, needs=needs(5),
         run="/grade/restart_nohandler ${N} ${STATUS}",
         expect=["read, stopped and continued: 6, data ${N}",
                 "waitpid, stopped and continued: the child, child exited with ${STATUS}"]),
    Test(5, "nanosleep_restart", 20, needs=needs(5),
         values=pick(ms=range(200, 401, 10), sig=TERMINATE),
         run="/grade/nanosleep_restart ${ms} ${sig}",
         expect=["nanosleep(${ms} ms), stopped and continued: 0",
                 "it ended when due (${ms} ms), not ${ms} ms after the SIGCONT: yes",
                 "nanosleep(${ms} ms) with an SA_RESTART handler: -1 (EINTR 4)",
                 "time left in *rem is about ${ms - 50} ms: yes"]),
    Test(5, "restart_kinds", 20, needs=needs(5),
         values=pick(sig=TERMINATE, ms=range(150, 301, 10)),
         run="/grade/restart_kinds ${sig} ${STATUS} ${ms}",
         expect=["waitpid, SA_RESTART handler: the child, child exited with ${STATUS}; "
                 "handler ran 1 time(s)",
                 "pause, SA_RESTART handler: -1 (EINTR 4)",
                 "sigsuspend, SA_RESTART handler: -1 (EINTR 4)",
                 "poll(${ms} ms), SA_RESTART handler: -1 (EINTR 4)",
                 "poll(${ms} ms), stopped and continued: 0, ended when due: yes"]),
    Test(5, "restart_only_syscalls", 15, needs=needs(5),
         values=pick(sig=TERMINATE, restart=RESTART_CODES),
         run="/grade/restart_only_syscalls ${sig} ${restart} ${N}",
         expect=["read with an SA_RESTART handler: 6, data ${N}; handler ran 1 time(s)",
                 "timer signals while rax = -${restart} in user code: at least 5: yes",
                 "rax and rip untouched by them: yes"]),
]
