"""SIGIO from the console: a program with O_ASYNC on its terminal (user/sigio_tty.c)
gets SIGIO when a typed line is committed, and with F_SETSIG a real-time signal whose
siginfo says POLL_IN (1), fd 0 and band POLLIN|POLLRDNORM (0x41). O_ASYNC without
F_SETOWN makes the terminal's foreground group the owner. A differential test would
need a terminal natively; on a Linux pty the same program prints the same lines:
  (sleep 1; printf 'hello\n'; sleep 1; printf 'world\n'; sleep 1) |
      script -qec ./sigio_tty /dev/null
"""

PROMPT = r"\$ "
NL = r"\r?\n"


def session(con):
    con.expect(PROMPT)
    con.send("sigio_tty\n")
    con.expect(r"sigio_tty: owner is my process group" + NL)
    con.expect(r"sigio_tty: type a line" + NL)
    con.send("hello\n")
    # Plain SIGIO carries no siginfo of its own: si_code SI_KERNEL (0x80).
    con.expect(r"sigio_tty: SIGIO si_code 128 si_fd 0 si_band 0" + NL)
    con.expect(r"sigio_tty: read hello" + NL)
    con.expect(r"sigio_tty: type another line" + NL)
    con.send("world\n")
    con.expect(r"sigio_tty: SIGRTMIN si_code 1 si_fd 0 si_band 0x41" + NL)
    con.expect(r"sigio_tty: read world" + NL + PROMPT)
