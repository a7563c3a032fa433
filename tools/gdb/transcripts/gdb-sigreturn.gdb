# The session behind labs/gdb-sigreturn.md (make gdb-transcripts runs it).
#@ doc labs/gdb-sigreturn.md
#@ program /bin/gdbdemo -k
#@ part start
make gdb
#@ part -
# Locations only, no source lines: this page goes into lab 4's handout, and the source
# lines of kern/signal/ would give away labs 3 and 4.
set print frame-info location
#@ part deliver
break setup_rt_frame
continue
print/x *tf
finish
print/x cpu.proc->tf->rip
print/x cpu.proc->tf->rsp
sigframe cpu.proc->tf->rsp
#@ part handler
delete
ubreak on_alarm
continue
bt
finish
bt
x/2i $pc
print/x $rsp
x/gx $rsp - 8
#@ part syscall
stepi
print $rax
stepi
info registers rip rax rcx r11
#@ part sigreturn
break sys_rt_sigreturn
continue
bt
next
next
next
print/x frame
sigframe
next
print/x uc.uc_sigmask
next
next
#@ part restore
step
step
next
next
next
next
print/x tf->rip
print/x sc->rip
next
next
print/x tf->rip
print/x sc->eflags
print/x tf->rflags
next
print/x tf->rflags
next
#@ part back
finish
finish
print/x cpu.proc->tf->rip
to-user
bt
info registers rip rsp rax rbx rcx r11 eflags
