# program: /bin/gdbdemo
#
# In a handler installed by musl's sigaction (SA_RESTORER: it returns through musl's
# __restore_rt), bt shows the handler, <signal handler called>, then the interrupted
# function and main.
ubreak on_alarm
continue
python check_output("bt", [r"^#0 +on_alarm \(sig=14\)", r"^#1 +<signal handler called>$", r"^#2 +(0x[0-9a-f]+ in )?compute ", r"^#3 +0x[0-9a-f]+ in main "])
frame 1
python check_output("info frame", [r"rip = 0x[0-9a-f]+ in __restore_rt; saved rip = 0x[0-9a-f]+", r"Saved registers:", r"rax at 0x[0-9a-f]+, rbx at .* rip at 0x[0-9a-f]+, eflags at"])
python check_output("sigframe", [r"\+0 +pretcode +0x[0-9a-f]+ <__restore_rt> +\(sa_restorer: mov \$15,%rax; syscall\)"])
python passed()
