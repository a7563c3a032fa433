# The session behind labs/gdb-tour.md (make gdb-transcripts runs it).
#@ doc labs/gdb-tour.md
#@ program /bin/gdbdemo
#@ part start
make gdb
#@ part kernel
bt
info registers rip cs
list
break exec_into if $_streq(path, "/bin/gdbdemo")
continue
bt
print p->pid
print p->name
procs
#@ part user
delete
ubreak main
info breakpoints
continue
bt
info registers rip rsp cs
x/4i $pc
#@ part signal
ubreak on_alarm
continue
bt
frame 1
info frame
frame 2
info registers rip rax
#@ part sigframe
frame 0
sigframe
#@ part state
sigsets
sigactions
