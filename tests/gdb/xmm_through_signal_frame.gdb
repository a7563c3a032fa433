# program: /bin/gdbdemo_segv -h
#
# store_through() puts 0x1122334455667788 in xmm0 just before its store faults;
# on_segv puts 0x0123456789abcdef there. Stopped in on_segv after that, frame 0's
# xmm0 is the handler's, and frame 2 (the interrupted store_through, beyond
# <signal handler called>) must show the value from before the signal: the signal
# frame's CFI (tools/gdb/sigtramp.S) finds it in the fxsave image fpstate points to.
# info frame at <signal handler called> lists xmm0-15 and mxcsr at fpstate + 160... and
# fpstate + 24 (musl's __restore_rt here: SA_RESTORER; the kernel trampoline page has
# the same rules, tests/gdb/bt_handler_kernel_trampoline.gdb).
handle SIGSEGV nostop noprint
python line = [i + 1 for i, l in enumerate(open("user/gdbdemo_segv.c")) if 'printf("gdbdemo_segv: signal' in l][0]
python gdb.execute("ubreak user/gdbdemo_segv.c:%d" % line)
continue
python check_output("bt", [r"^#0 +on_segv ", r"^#1 +<signal handler called>$", r"^#2 +0x[0-9a-f]+ in store_through "])
python check_output("print/x $xmm0.v2_int64[0]", [r"^\$\d+ = 0x123456789abcdef$"])
frame 2
python check_output("print/x $xmm0.v2_int64[0]", [r"^\$\d+ = 0x1122334455667788$"])
frame 1
python fpstate = int(gdb.parse_and_eval("*(unsigned long *)($sp + 40 + 184)"))
python check_output("info frame", [r"Saved registers:", r"xmm0 at 0x%x, .*xmm15 at 0x%x, mxcsr at 0x%x" % (fpstate + 160, fpstate + 160 + 15 * 16, fpstate + 24)])
frame 2
python check(int(gdb.parse_and_eval("$mxcsr")) == int(gdb.parse_and_eval("*(unsigned int *)%d" % (fpstate + 24))), "frame 2's mxcsr is the one saved at fpstate + 24")
python passed()
