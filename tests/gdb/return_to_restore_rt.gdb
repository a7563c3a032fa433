# program: /bin/gdbdemo
#
# When the handler returns, the pc sits on musl's __restore_rt: the same
# mov $0xf,%rax; syscall, and gdb still sees the interrupted function above it.
ubreak on_alarm
continue
finish
python check(int(gdb.parse_and_eval("$pc")) == int(gdb.parse_and_eval("(unsigned long)&__restore_rt")), "after finish the pc is __restore_rt")
python check_output("x/2i $pc", [r"^=> 0x[0-9a-f]+ <__restore_rt>:\s+mov\s+\$0xf,%rax$", r"^\s+0x[0-9a-f]+ <__restore_rt\+7>:\s+syscall"])
python check_output("bt", [r"^#0 +<signal handler called>$", r"^#1 +(0x[0-9a-f]+ in )?compute ", r"^#2 +0x[0-9a-f]+ in main "])
python passed()
