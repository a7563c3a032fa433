# program: /bin/gdbdemo
#
# gdb with the wrong symbols must say so loudly, and stop, instead of letting ubreak
# silently never fire: first the symbols of another program than the kernel command
# line runs (checked at the first exec), then a file named gdbdemo that is not the
# gdbdemo QEMU runs (its code at the entry point differs: checked when the exec'd
# process first returns to user mode).
user-program -remove gdbdemo
user-program gdbdemo_sets
python check_output("continue", [r"^siglab: WARNING: the kernel runs /bin/gdbdemo \(command line \"quiet -- /bin/gdbdemo\"\),$", r"but gdb has the symbols of gdbdemo_sets: ubreak there will never stop\.$"])
python check_output("bt 1", [r"^#0 +exec_into "])
user-program -remove gdbdemo_sets
python import os, shutil; os.makedirs("build/gdb/wrong", exist_ok=True); shutil.copyfile("build/user/gdbdemo_sets", "build/gdb/wrong/gdbdemo")
user-program build/gdb/wrong/gdbdemo
ubreak main
python check_output("continue", [r"^siglab: WARNING: pid 2 \(gdbdemo\) does not run build/gdb/wrong/gdbdemo: its code at the entry point 0x[0-9a-f]+ differs\.$"])
python check(not siglab_gdb.in_user_mode(), "gdb stopped in the kernel, before the program's first instruction")
python passed()
