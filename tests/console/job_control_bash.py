"""job_control.py's session again, typed at Debian's bash-static instead of our sh.

Our sh prints the lines bash prints, so the same keystrokes and the same expected
output hold for both; the only difference is the prompt (root's "bash-5.2# ").
Booted with init -s /bin/bash (user/init.c), as `make qemu LOGIN=bash` does.
"""

import console

CMDLINE = "quiet -- -s /bin/bash"


def session(con):
    job_control = console.load("job_control")
    job_control.PROMPT = r"bash-[0-9.]+# "
    job_control.session(con)
