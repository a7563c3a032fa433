# The third session behind labs/gdb-tour.md: gdb stops at a fault as native gdb does
# (user/gdbdemo_segv.c, -O0). make gdb-transcripts runs it.
#@ doc labs/gdb-tour.md
#@ program /bin/gdbdemo_segv -h
#@ part -
make gdb
#@ part segv
ubreak on_segv
continue
print $siginfo.si_addr
print $siginfo.si_code
x/i $pc
bt
#@ part segv-handler
continue
next
next
next
bt
print/x $xmm0.v2_int64[0]
frame 2
print/x $xmm0.v2_int64[0]
