# program: /bin/gdbdemo_segv -n
#
# sigframe decodes siginfo as the kernel wrote it, per si_signo and si_code: a SIGSEGV
# shows si_code SEGV_MAPERR and si_addr, a kill()ed SIGUSR1 si_code SI_USER and the
# sender's pid and uid. Nested frames: on_usr1 runs on top of on_segv; sigframe in frame 0
# decodes SIGUSR1's frame, and in on_segv's frame SIGSEGV's. Where no signal frame is,
# it warns; bad or extra arguments get a one-line error.
handle SIGSEGV nostop noprint
handle SIGUSR1 nostop noprint
ubreak on_usr1
continue
python check_output("bt", [r"^#0 +on_usr1 ", r"^#1 +<signal handler called>$", r"^#2 .* in kill_self_inline ", r"^#3 .* in on_segv ", r"^#4 +<signal handler called>$", r"^#5 .* in store_through "])
python check_output("sigframe", [r"^rt_sigframe at 0x[0-9a-f]+ \(the <signal handler called> frame, level 1\):$", r"^  \+312  siginfo        si_signo 10 \(SIGUSR1\), si_errno 0, si_code 0 \(SI_USER\), si_pid 2, si_uid 0$"])
frame function on_segv
python out = check_output("sigframe", [r"^rt_sigframe at 0x[0-9a-f]+ \(the <signal handler called> frame, level \d+\):$", r"^  \+176    rip          0x[0-9a-f]+ <store_through\+\d+>$", r"^  \+312  siginfo        si_signo 11 \(SIGSEGV\), si_errno 0, si_code 1 \(SEGV_MAPERR\), si_addr 0x10$"])
python check("WARNING" not in out, "no warning for a real frame")
frame 0
python check_output("sigframe $sp", [r"^rt_sigframe at 0x[0-9a-f]+ \(the address given\):$", r"^siglab: WARNING: this does not look like a signal frame: pretcode 0x[0-9a-f]+ is not a restorer"])
python check_error("sigframe 1 2", r"^usage: sigframe \[ADDR\]: one address expression, not 2 arguments")
python check_error("sigframe no_such_symbol", r"^sigframe: No symbol \"no_such_symbol\" in current context\.$")
python check_error("sigframe $xmm0", r"^sigframe: \$xmm0 is not an address")
python check_error("sigframe 8", r"^siglab: cannot read 440 bytes at 0x8$")
python check_error("procs 1", r"^usage: procs")
python check_error("sigsets 1 2", r"^siglab: one PID at most")
python check_error("sigsets init", r"^siglab: not a pid: init$")
python passed()
