# program: /bin/gdbdemo
#
# handle SIGALRM nostop print: gdb says the signal came, as native gdb does, and goes
# on; the signal is passed, so the next stop is on_alarm.
handle SIGALRM nostop print
ubreak on_alarm
python check_output("continue", [r"^Program received signal SIGALRM, Alarm clock\.$"])
python check_output("frame", [r"^#0 +on_alarm \(sig=14\)"])
python native = native_gdb(["gdbdemo"], ["handle SIGALRM nostop print", "break on_alarm", "run"])
python check(re.search(r"^Program received signal SIGALRM, Alarm clock\.\n\nBreakpoint 1, on_alarm \(sig=14\)", native, re.M), "native gdb prints the same line, then stops in on_alarm")
python passed()
