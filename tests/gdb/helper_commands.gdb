# program: /bin/gdbdemo_sets
#
# user/gdbdemo_sets.c builds a known signal state, then calls checkpoint(). There,
# sigsets, sigactions and procs must print it by signal name.
ubreak checkpoint
continue
python check_output("sigsets", [r"^pid 2 \(gdbdemo_sets\):$", r"^  pending  0x0000000400004200  SIGUSR1 SIGTERM SIGRT35$", r"^  blocked  0x0000000400004a00  SIGUSR1 SIGUSR2 SIGTERM SIGRT35$", r"^  queue    SIGUSR1 +si_code SI_USER, from pid 2", r"^  queue    SIGTERM +si_code SI_USER, from pid 2", r"^  queue    SIGRT35 +si_code SI_QUEUE, from pid 2, value 1$", r"^  queue    SIGRT35 +si_code SI_QUEUE, from pid 2, value 2$"])
python check_output("sigactions", [r"^pid 2 \(gdbdemo_sets\): actions other than SIG_DFL$", r"^  SIGINT +SIG_IGN$", r"^  SIGUSR1 +0x[0-9a-f]+ <on_signal>$", r"^ +flags SA_SIGINFO\|SA_RESTORER\|SA_RESTART, mask SIGUSR2$", r"^ +restorer 0x[0-9a-f]+ <__restore_rt>$", r"^  SIGUSR2 +0x[0-9a-f]+ <on_signal>$", r"^ +flags SA_RESTORER, mask \(none\)$", r"^  SIGTERM +0x[0-9a-f]+ <on_signal>$", r"^ +flags SA_RESTORER\|SA_NODEFER\|SA_RESETHAND, mask \(none\)$", r"^  SIGRT35 +0x[0-9a-f]+ <on_signal>$", r"^ +flags SA_SIGINFO\|SA_RESTORER, mask \(none\)$"])
python check_output("procs", [r"^ +1 +0 +SLEEPING +init ", r"^\* +2 +1 +RUNNING +gdbdemo_sets +SIGUSR1 SIGTERM SIGRT35 / SIGUSR1 SIGUSR2 SIGTERM SIGRT35$"])
python check_output("sigsets 1", [r"^pid 1 \(init\):$", r"^  pending .* \(none\)$"])
python passed()
