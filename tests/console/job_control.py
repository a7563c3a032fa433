"""Job control at the console: ^Z, jobs, bg, fg, ^C, ^\\, &, kill, SIGTTIN.

The terminal's control characters become signals for the foreground process group
only (kern/tty.c), the shell moves jobs between foreground and background with
tcsetpgrp, and wait4's WUNTRACED and status bits tell it what happened; the lines it
prints are bash's.
"""

PROMPT = r"\$ "
NL = r"\r?\n"


def session(con):
    con.expect(PROMPT)

    # ^Z stops the foreground job; the shell gets the terminal back and says so.
    con.send("spin\n")
    pid = con.expect(r"spin: pid (\d+)").group(1).decode()
    con.expect(r"\.")
    con.send("\x1a")
    con.expect(r"\^Z" + NL + r"\[1\]\+  Stopped +spin" + NL + PROMPT)
    con.send("jobs -l\n")
    con.expect(r"\[1\]\+ +" + pid + r" Stopped +spin" + NL + PROMPT)

    # bg: SIGCONT, and it runs (prints) while the shell reads the next line.
    con.send("bg\n")
    con.expect(r"\[1\]\+ spin &" + NL + PROMPT)
    con.expect(r"\.")
    # fg, then ^C: SIGINT kills it; the shell, in its own group, is untouched.
    con.send("fg\n")
    con.expect(r"spin" + NL)
    con.expect(r"\.")
    con.send("\x03")
    con.expect(r"\^C" + NL + PROMPT)
    con.send("jobs\n")
    con.expect(r"jobs" + NL + PROMPT)           # no job left

    # ^\ : SIGQUIT, whose default action dumps core (no core file: RLIMIT_CORE is 0).
    con.send("spin\n")
    con.expect(r"spin: pid \d+")
    con.send("\x1c")
    con.expect(r"\^\\Quit" + NL + PROMPT)

    # ^C at the prompt discards the half-typed line (and the shell ignores SIGINT).
    con.send("hel\x03")
    con.expect(r"\^C")
    con.send("hello\n")
    con.expect(r"hello, world" + NL + PROMPT)

    # A background job (&) is told about when it ends, at the next prompt.
    con.send("spin &\n")
    # The job's first line races the shell's "[1] PID" and its next prompt (bash is
    # quick to prompt; the job may also run before the shell says anything).
    m = con.expect(r"(spin: pid \d+[\s\S]*?)?\[1\] (\d+)" + NL)
    pid = m.group(2).decode()
    started = r"spin: pid " + pid
    if m.group(1):
        con.expect(PROMPT)
    else:
        con.expect(r"(%s[\s\S]*?%s|%s[\s\S]*?%s)" % (started, PROMPT, PROMPT, started))
    # The shell reports the job at the first prompt after it died: the one right
    # after kill when the job ran (and died) before the shell looked, else the next
    # one. Which comes first is the scheduler's choice, on Linux too.
    con.send("kill -TERM %s\n" % pid)
    terminated = r"\[1\]\+  Terminated +spin" + NL
    reported = con.expect(r"(%s)?%s" % (terminated, PROMPT)).group(1)
    con.send("\n")
    con.expect(PROMPT if reported else terminated + PROMPT)

    # A background job that reads the terminal gets SIGTTIN and stops (here another
    # shell, which checks that it owns the terminal before reading it).
    # (If it stops before the shell draws its prompt, bash reports it there and then.)
    con.send("sh &\n")
    con.expect(r"\[1\] (\d+)" + NL + r"(" + NL + r"\[1\]\+ +Stopped +sh" + NL + r")?" + PROMPT)
    for attempt in range(10):                   # until it has run far enough to stop
        con.send("jobs -l\n")
        m = con.expect(r"\[1\]\+ +\d+ (Running|Stopped \(tty input\)) +sh.*" + NL + PROMPT)
        if m.group(1) != b"Running":
            break
    assert m.group(1) == b"Stopped (tty input)", "the background sh never stopped"

    # exit with a stopped job is refused once, as in bash, unless the last command
    # was `jobs`; the second exit ends the shell (and init powers off).
    con.send("hello\n")
    con.expect(r"hello, world" + NL + PROMPT)
    con.send("exit\n")
    con.expect(r"There are stopped jobs\." + NL + PROMPT)
    con.send("exit\n")
    con.expect(r"init: shell exited, powering off")
