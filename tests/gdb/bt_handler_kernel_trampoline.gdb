# program: /bin/gdbdemo -k
#
# In a handler that returns through the kernel's trampoline page (no SA_RESTORER),
# bt shows the handler, <signal handler called>, then the interrupted function and
# main; info frame at the signal level lists where the registers were saved, and
# sigframe decodes the same frame.
ubreak on_alarm
continue
python check_output("bt", [r"^#0 +on_alarm \(sig=14\)", r"^#1 +<signal handler called>$", r"^#2 +(0x[0-9a-f]+ in )?compute ", r"^#3 +0x[0-9a-f]+ in main "])
frame 1
python check_output("info frame", [r"rip = 0x7ffffffff000 in trampoline_page; saved rip = 0x[0-9a-f]+", r"Saved registers:", r"rax at 0x[0-9a-f]+, rbx at .* rip at 0x[0-9a-f]+, eflags at .* xmm0 at 0x[0-9a-f]+, .* mxcsr at 0x[0-9a-f]+$"])
python check(int(gdb.parse_and_eval("$pc")) == 0x7ffffffff000, "the <signal handler called> frame's pc is the trampoline page, 0x7ffffffff000")
python check_output("sigframe", [r"^rt_sigframe at 0x[0-9a-f]+ \(the <signal handler called> frame, level 1\)", r"\+0 +pretcode +0x7ffffffff000 <trampoline_page> +\(the kernel's trampoline page: mov \$15,%rax; syscall\)", r"\+176 +rip +0x[0-9a-f]+ <compute\+\d+>", r"\+304 +uc_sigmask +0x0 \(none\)"])
python passed()
