# The second session behind labs/gdb-tour.md: a process in a known signal state
# (user/gdbdemo_sets.c). make gdb-transcripts runs it.
#@ doc labs/gdb-tour.md
#@ program /bin/gdbdemo_sets
#@ part -
make gdb
#@ part sets
ubreak checkpoint
continue
procs
sigsets
sigactions
