# program: /bin/gdbdemo_segv
#
# As native gdb: the SIGSEGV of the store to 0x10 stops gdb with "Program received
# signal SIGSEGV, Segmentation fault." at the faulting instruction, in the user frame
# (the same three lines as native gdb on the same binary); $siginfo holds the siginfo,
# si_addr the address. With `handle SIGSEGV nopass` the signal is thrown away, so the
# store faults again, at the same pc, as natively.
python ours = check_output("continue", [r"^Program received signal SIGSEGV, Segmentation fault\.$", r"^0x[0-9a-f]{16} in store_through \(p=0x10, value=42\) at user/gdbdemo_segv\.c:\d+$", r"^\d+\t    \*p = value;$"])
python native = native_gdb(["gdbdemo_segv"], ["run", "print $_siginfo._sifields._sigfault.si_addr", "handle SIGSEGV nopass", "continue", "print $pc"])
python check_like_native(ours, native, r"^Program received signal", 3)
python check_output("x/i $pc", [r"^=> 0x[0-9a-f]+ <store_through\+\d+>:\s+mov\s+%edx,\(%rax\)"])
python check_output("print $siginfo.si_signo", [r"^\$\d+ = 11$"])
python check_output("print $siginfo.si_code", [r"^\$\d+ = 1$"])
python check(gdb.execute("print $siginfo.si_addr", False, True).split(" = ")[1].strip() == native.split("$1 = ")[1].splitlines()[0], "print $siginfo.si_addr shows what native gdb shows for $_siginfo._sifields._sigfault.si_addr: (void *) 0x10")
python check_output("bt", [r"^#0 +debugger_signal_stop ", r"^#1 +0x[0-9a-f]+ in store_through \(p=0x10, value=42\)", r"^#2 +0x[0-9a-f]+ in main "])
python fault_pc = int(gdb.parse_and_eval("$pc"))
handle SIGSEGV nopass
python again = check_output("continue", [r"^Program received signal SIGSEGV, Segmentation fault\.$", r" in store_through "])
python check(int(gdb.parse_and_eval("$pc")) == fault_pc, "after nopass the same store faults again at %#x" % fault_pc)
python check_like_native(again, native.split("$1 = ")[1], r"^Program received signal", 3)
python passed()
