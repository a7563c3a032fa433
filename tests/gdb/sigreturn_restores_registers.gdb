# program: /bin/gdbdemo -k
#
# Record the user registers when the kernel starts building the frame (the timer
# interrupted compute(): they are in cpu.proc->tf), let the handler run, step into
# rt_sigreturn from the trampoline, through sys_rt_sigreturn and restore_sigcontext,
# and back to user mode: every general register, eflags and the pc must be as before.
break setup_rt_frame if $_siglab_proc("gdbdemo")
continue
python record_user_regs()
delete
ubreak on_alarm
continue
finish
stepi
python check_output("x/i $pc", [r"^=> 0x7ffffffff007 <trampoline_page\+7>:\s+syscall"])
python check(int(gdb.parse_and_eval("$rax")) == 15, "rax is 15 (rt_sigreturn) at the syscall")
break sys_rt_sigreturn
break restore_sigcontext
stepi
python check(not siglab_gdb.in_user_mode(), "stepi over syscall enters the kernel")
continue
python check_output("bt 2", [r"^#0 .*sys_rt_sigreturn \(\) at "])
continue
python check_output("bt 2", [r"^#0 +restore_sigcontext ", r"^#1 +sys_rt_sigreturn "])
finish
finish
to-user
python check_regs_recorded()
python check_output("bt", [r"^#0 +(0x[0-9a-f]+ in )?compute ", r"^#1 +0x[0-9a-f]+ in main "])
python passed()
