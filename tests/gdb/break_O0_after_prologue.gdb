# program: /bin/gdbdemo_segv -h
#
# gdbdemo_segv is built -O0. ubreak on_segv, set before the program runs (its pages
# hold nothing yet), must land after the prologue, where native gdb puts it, so that
# the stop shows the handler's real arguments: sig=11, si and uc pointers on the
# stack, and si_addr (musl: si->__si_fields.__sigfault.si_addr) the fault address.
python out = check_output("ubreak on_segv", [r"^Breakpoint \d+ at 0x[0-9a-f]+: file user/gdbdemo_segv\.c, line \d+\.$"])
python native = native_gdb(["gdbdemo_segv", "-h"], ["break on_segv", "handle SIGSEGV nostop noprint", "run", "frame", "print si->__si_fields.__sigfault.si_addr"])
python check(re.search(r"Breakpoint \d+ at (0x[0-9a-f]+: file \S+, line \d+)\.", out).group(1) == re.search(r"Breakpoint 1 at (0x[0-9a-f]+: file \S+, line \d+)\.", native).group(1), "the breakpoint is where native gdb puts it")
handle SIGSEGV nostop noprint
continue
python check_output("frame", [r"^#0 +on_segv \(sig=11, si=0x7ff[0-9a-f]+, uc=0x7ff[0-9a-f]+\) at user/gdbdemo_segv\.c:\d+$"])
python check_output("print si->__si_fields.__sigfault.si_addr", [r"^\$\d+ = \(void \*\) 0x10$"])
python check_output("bt", [r"^#0 +on_segv \(sig=11, ", r"^#1 +<signal handler called>$", r"^#2 +0x[0-9a-f]+ in store_through \(p=0x10, value=42\)", r"^#3 +0x[0-9a-f]+ in main "])
python passed()
