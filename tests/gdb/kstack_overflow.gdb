# program: /bin/gdbdemo
#
# A kernel stack that overflows runs into the unmapped guard page below it
# (kern/kstack.c) and the kernel panics saying so, instead of writing over whatever
# lies below. No user program can make the kernel recurse that deep, so gdb does it:
# at a system call it moves the kernel's %rsp to 64 bytes above the bottom of the
# process's kernel stack and lets the call go on. The next calls' frames reach the
# guard page; the page fault cannot push its own frame there, so it becomes a double
# fault, which runs on its own stack (IST1) and reports the overflow.
break syscall_dispatch
continue
delete
python bottom = int(gdb.parse_and_eval("(unsigned long)cpu.proc->kstack"))
python gdb.execute("set $rsp = %#x" % (bottom + 64))
break qemu_exit
continue
python console = open(os.path.join(ROOT, "build", "test-logs", "gdb", "kstack_overflow", "console.out"), errors="replace").read()
python m = re.search(r"kernel panic: kernel stack overflow: double fault in kernel mode at ([0-9a-f]+) touched the guard page at ([0-9a-f]+) \(pid (\d+)\)", console)
python check(m is not None, "the console says: kernel panic: kernel stack overflow: double fault ... touched the guard page")
python check(bottom - 4096 <= int(m.group(2), 16) < bottom, "the address touched, %s, is in the guard page below the stack at %#x" % (m.group(2), bottom))
python passed()
