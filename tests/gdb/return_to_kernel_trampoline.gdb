# program: /bin/gdbdemo -k
#
# When the handler returns, the pc sits on the kernel trampoline page's
# mov $0xf,%rax; syscall, and gdb still sees the interrupted function above it.
ubreak on_alarm
continue
finish
python check(int(gdb.parse_and_eval("$pc")) == 0x7ffffffff000, "after finish the pc is the trampoline page, 0x7ffffffff000")
python check_output("x/2i $pc", [r"^=> 0x7ffffffff000 <trampoline_page>:\s+mov\s+\$0xf,%rax$", r"^\s+0x7ffffffff007 <trampoline_page\+7>:\s+syscall"])
python check(bytes(gdb.selected_inferior().read_memory(0x7ffffffff000, 9)).hex() == "48c7c00f0000000f05", "the page holds 48 c7 c0 0f 00 00 00 0f 05")
python check_output("bt", [r"^#0 +<signal handler called>$", r"^#1 +(0x[0-9a-f]+ in )?compute ", r"^#2 +0x[0-9a-f]+ in main "])
python passed()
