# program: /bin/gdbdemo_segv -r
#
# sigreturn-step at __restore_rt steps over rt_sigreturn as native stepi does: it
# lands on the instruction the signal interrupted (here the faulting store, which
# on_segv returns to once) and prints the same lines as native gdb's stepi over the
# syscall, on the same binary. A plain stepi there enters the kernel (the gdb test
# sigreturn_restores_registers walks that way).
python check_output("continue", [r"^Program received signal SIGSEGV"])
python fault_pc = int(gdb.parse_and_eval("$pc"))
handle SIGSEGV nostop noprint
ubreak on_segv
continue
finish
python check_output("x/2i $pc", [r"^=> 0x[0-9a-f]+ <__restore_rt>:\s+mov\s+\$0xf,%rax$"])
python ours = check_output("sigreturn-step", [r"^0x[0-9a-f]{16} in store_through \(p=0x10, value=42\) at user/gdbdemo_segv\.c:\d+$", r"^\d+\t    \*p = value;$"])
python check(int(gdb.parse_and_eval("$pc")) == fault_pc and siglab_gdb.in_user_mode(), "sigreturn-step landed on the faulting store, %#x, in user mode" % fault_pc)
python native = native_gdb(["gdbdemo_segv", "-r"], ["handle SIGSEGV nostop noprint", "break on_segv", "run", "finish", "stepi", "echo @@after-mov\\n", "stepi"])
python check_like_native(ours, native.split("@@after-mov")[1], r" in store_through ", 2)
python check_error("sigreturn-step", r"^siglab: not at rt_sigreturn's syscall \(pc 0x[0-9a-f]+ <store_through\+\d+>, rax \d+\): use stepi$")
python check_error("sigreturn-step now", r"^usage: sigreturn-step")
python passed()
