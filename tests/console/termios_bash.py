"""The console's line discipline driven by real programs: bash's `read -n 1` (raw
mode through TCSETS), busybox's stty (TCGETS/TCSETS round trips, window size) and a
changed interrupt character (VINTR), all at bash (init -s /bin/bash, user/init.c).
"""

CMDLINE = "quiet -- -s /bin/bash"
PROMPT = r"bash-[0-9.]+# "
NL = r"\r?\n"


def session(con):
    con.expect(PROMPT)

    # read -n 1 switches ICANON off: one key, no Enter, and the line is back after.
    con.send("read -n 1 key; echo \"<$key>\"\n")
    con.expect(r"echo .*" + NL)
    con.send("q")
    con.expect(r"q?" + NL + r"?<q>" + NL + PROMPT)

    # stty -echo: what is typed is not echoed (readline asks the terminal), but read.
    con.send("stty -echo\n")
    con.expect(PROMPT)
    con.send("echo secret-$((6*7))\n")
    typed = con.expect(r"(.*)secret-42" + NL + PROMPT).group(1)
    assert b"echo" not in typed, "stty -echo, yet the line was echoed: %r" % typed
    con.send("stty echo\n")
    con.expect(PROMPT)
    con.send("stty -a | grep -o -E ' -?(icanon|echo) '\n")
    con.expect(r" icanon " + NL + r" echo " + NL + PROMPT)

    # The window size: stty rows/cols set it (TIOCSWINSZ), stty size reads it back,
    # and a shell in the foreground job hears SIGWINCH when it changes.
    con.send("stty rows 40 cols 100; stty size\n")
    con.expect(r"40 100" + NL + PROMPT)
    con.send("busybox sh -c 'trap \"echo WINCH\" WINCH; stty rows 30; stty rows 30; echo done'\n")
    con.expect(r"WINCH" + NL + r"done" + NL + PROMPT)

    # VINTR is ^X now: ^X interrupts, ^C is an ordinary character.
    con.send("stty intr ^X\n")
    con.expect(PROMPT)
    con.send("spin\n")
    con.expect(r"spin: pid \d+")
    con.expect(r"\.")
    con.send("\x18")
    con.expect(r"\^X" + NL + PROMPT)
    con.send("stty intr ^C\n")
    con.expect(PROMPT)
    con.send("spin\n")
    con.expect(r"\.")
    con.send("\x03")
    con.expect(r"\^C" + NL + PROMPT)
