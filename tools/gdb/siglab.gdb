# siglab.gdb: gdb's setup for siglab. `make gdb` runs
#     gdb -q -x tools/gdb/siglab.gdb -x build/gdb/session.gdb
# from the top of the repository; session.gdb, written by `make qemu-gdb`, says
# which user program runs (user-program NAME) and where QEMU waits (siglab-connect).
#
# Commands added here (help NAME for more; labs/gdb-tour.md shows them at work):
#   siglab-connect TARGET    connect to QEMU; from reset, run to kmain
#   user-program [NAME]      add build/user/NAME's symbols (and its signal frames)
#   ubreak LOCATION          break in user code, only in that program's process
#   to-user                  continue to the next return to user mode
#   sigreturn-step           at a restorer: step over rt_sigreturn, as native stepi
#   procs                    the process table
#   sigsets [PID]            pending and blocked signals by name
#   sigactions [-a] [PID]    the sigaction table
#   sigframe [ADDR]          decode a struct rt_sigframe field by field
# and, as native gdb: "Program received signal ..." stops by gdb's `handle` table, and
# $siginfo (tools/gdb/siglab_stops.py).

set pagination off
set confirm off
set print pretty on
# The kernel and every user program are x86-64; say so before connecting (see
# siglab-connect), and use Linux's OS ABI: user programs are Linux binaries.
python gdb.execute("set architecture i386:x86-64", to_string=True)
set osabi GNU/Linux
# QEMU's stub cannot tell gdb which executable runs: it is the kernel, plus the user
# program user-program names.
file build/kernel.elf

python
import os, sys
sys.dont_write_bytecode = True      # nothing generated in the source tree
sys.path.insert(0, os.path.abspath("tools/gdb"))
import siglab_gdb
import siglab_signals
import siglab_stops
import siglab_check
import siglab_step
end

# next and step across the kernel's return to user mode stop at the first user
# instruction, as they would across a return (tools/gdb/siglab_step.py).
define hook-next
python siglab_step.arm_return_to_user()
end
define hookpost-next
python siglab_step.disarm_return_to_user()
end
define hook-step
python siglab_step.arm_return_to_user()
end
define hookpost-step
python siglab_step.disarm_return_to_user()
end
