# program: /bin/gdbdemo_segv -r
#
# In the kernel, `next` over return_to_user's iretq stops at the first user
# instruction, which after rt_sigreturn is the one the signal interrupted (the
# faulting store, mid-line), and prints where, as after a step into a function.
# Without siglab's hook gdb would step on to finish that line: the store faults again
# and `next` ends somewhere in the kernel's fault entry.
python check_output("continue", [r"^Program received signal SIGSEGV"])
python fault_pc = int(gdb.parse_and_eval("$pc"))
handle SIGSEGV nostop noprint
ubreak on_segv
continue
delete
break sys_rt_sigreturn
continue
delete
break iret_to_user if $_siglab_proc("gdbdemo_segv")
continue
python check_output("x/i $pc", [r"^=> 0x[0-9a-f]+ <iret_to_user>:\s+iretq"])
python check_output("next", [r"^0x[0-9a-f]{16} in store_through \(p=0x10, value=42\) at user/gdbdemo_segv\.c:\d+$", r"^\d+\t    \*p = value;$"])
python check(int(gdb.parse_and_eval("$pc")) == fault_pc and siglab_gdb.in_user_mode(), "next stopped at the interrupted instruction, %#x" % fault_pc)
python passed()
