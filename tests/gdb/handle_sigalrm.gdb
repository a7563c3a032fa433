# program: /bin/gdbdemo
#
# gdb's handle table decides, as natively: SIGALRM is nostop noprint by default, so
# ubreak on_alarm is the first stop; with `handle SIGALRM stop print` gdb stops where
# the timer interrupted compute(), saying what native gdb says (the instruction a timer
# interrupts differs between the two, so its address, line and x are masked); $siginfo
# is the timer's (si_code SI_KERNEL, from setitimer). continue delivers it: on_alarm.
handle SIGALRM stop print
python ours = check_output("continue", [r"^Program received signal SIGALRM, Alarm clock\.$", r"^(0x[0-9a-f]{16} in )?compute \(x=[^,]*, x@entry=1\) at user/gdbdemo\.c:\d+$"])
python native = native_gdb(["gdbdemo"], ["handle SIGALRM stop print", "run", "print $_siginfo.si_signo", "print $_siginfo.si_code"])
python check_like_native(ours, native, r"^Program received signal", 2, masks=[r"^(0x[0-9a-f]{16} in )?", r"\(x=[^,]*,", r":\d+$"])
python check_output("print $siginfo.si_signo", [r"^\$\d+ = 14$"])
python check_output("print $siginfo.si_code", [r"^\$\d+ = 128$"])
python check_output("frame", [r"^#1 +0x[0-9a-f]+ in compute "])
ubreak on_alarm
continue
python check_output("frame", [r"^#0 +on_alarm \(sig=14\)"])
python passed()
