# siglab_gdb.py: gdb support for siglab, part 1: the session. Loaded by siglab.gdb.
#
# QEMU's gdb stub shows gdb a bare x86-64 CPU, not a Linux process. So gdb does not
# know which program runs, every process has its own memory at the same addresses,
# and gdb's Linux signal-frame unwinder stays off (docs/design.md section 4). These
# commands fill the gaps:
#
#   siglab-connect TARGET   connect to QEMU's gdb stub (TARGET: host:port, or
#                           "| exec qemu-system-x86_64 ... -gdb stdio"); from a
#                           machine at reset, run to kmain
#   user-program [NAME]     add the symbols of build/user/NAME (or a path), and teach
#                           gdb the signal frames of every restorer in it; without
#                           NAME, list what is loaded. user-program -remove NAME
#   ubreak LOCATION         a breakpoint in user code that stops only while the
#                           process running is the program LOCATION belongs to
#                           (placed from the ELF's code: after a -O0 prologue)
#   siglab-session PID PORT the QEMU make qemu-gdb started (build/gdb/session.gdb)
#   $_siglab_proc("NAME")   1 if the running process's name is NAME, else 0
#
# siglab-connect also loads QEMU's register description sorted into gdb's features
# (tools/gdb/tdesc.py), so xmm registers unwind. The other parts: siglab_signals.py
# (signal state), siglab_stops.py (stops on signals, $siginfo), siglab_check.py (the
# right symbols?), siglab_step.py (to-user, sigreturn-step, next across iretq).
#
# Signal frames: tools/gdb/sigtramp.S holds DWARF unwind information, marked as a
# signal frame, for the two restorer instructions (mov $15,%rax; syscall). We load
# it at the kernel's trampoline page (build/gdb/trampoline_page.elf) and, shifted,
# over every copy of those bytes that user-program finds in a program. Then `bt` in a
# handler shows "<signal handler called>" and `info frame` there lists where each
# interrupted register was saved. siglab_signals.py has the signal-state commands.

import os
import shutil
import struct
import sys
from typing import Callable, List

import gdb

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
BUILD = os.path.join(ROOT, "build")
TRAMPOLINE_PAGE_ELF = os.path.join(BUILD, "gdb", "trampoline_page.elf")
SIGTRAMP_CFI_ELF = os.path.join(BUILD, "gdb", "sigtramp_cfi.elf")
TDESC_XML = os.path.join(BUILD, "gdb", "x86_64-qemu.xml")

TRAMPOLINE_ADDR = 0x7ffffffff000        # kern/memlayout.h
RESTORER_BYTES = bytes.fromhex("48c7c00f0000000f05")    # mov $15,%rax; syscall
EFER_LMA = 1 << 10                      # long mode active
CR0_PE = 1 << 0                         # protected mode
PROC_NAME_MAX = 15                      # struct proc's name[16], NUL-terminated


# ---- small helpers ------------------------------------------------------------

def run(cmd):
    """Run a gdb command quietly; return what it printed."""
    return gdb.execute(cmd, False, True)


def kernel_objfile():
    for objfile in gdb.objfiles():
        if objfile.filename and os.path.basename(objfile.filename) == "kernel.elf":
            return objfile
    raise gdb.GdbError("siglab: the kernel's symbols are not loaded (file build/kernel.elf)")


def kvar(name):
    """A kernel global (cpu, proc_table...), even when a user program has one of
    the same name."""
    sym = kernel_objfile().lookup_global_symbol(name)
    if sym is None:
        raise gdb.GdbError("siglab: no kernel variable %s" % name)
    return sym.value()


def current_proc():
    """The running process (cpu.proc), or None in the scheduler or before the first."""
    p = kvar("cpu")["proc"]
    return p.dereference() if int(p) else None


def proc_name(p):
    return p["name"].string(errors="replace")


def in_user_mode():
    return int(gdb.parse_and_eval("$cs")) & 3 == 3


# ---- connecting ---------------------------------------------------------------

class Connect(gdb.Command):
    """Connect to QEMU's gdb stub: siglab-connect TARGET.

TARGET is host:port (make qemu-gdb prints the port) or "| exec qemu-system-x86_64
... -gdb stdio" (the tests). The architecture is set before connecting, whatever
mode the CPU is in: QEMU always sends 64-bit registers, and a gdb that expects
32-bit ones fails with "Remote 'g' packet reply is too long". If QEMU is still at
reset or in the 32-bit boot code, gdb runs to kmain, the first C code, in long mode."""

    def __init__(self):
        super().__init__("siglab-connect", gdb.COMMAND_RUNNING)

    def invoke(self, arg, from_tty):
        if not arg.strip():
            raise gdb.GdbError("usage: siglab-connect host:port  (or: | exec qemu ...)")
        run("set architecture i386:x86-64")
        run("set osabi GNU/Linux")
        use_register_description()
        # gdb waits 2 s for each reply by default; a QEMU still starting on a loaded
        # machine can take longer to answer the first packet, and a late answer then
        # reads as the reply to the next one ("Remote replied unexpectedly").
        run("set remotetimeout 20")
        try:
            run("target remote " + arg)
        except gdb.error as e:
            raise gdb.GdbError("siglab: cannot connect to QEMU at %s: %s\n"
                               "Is `make qemu-gdb` running in another terminal?"
                               % (arg.strip(), e))
        load_trampoline_page()
        check_register_packet()
        pc = int(gdb.parse_and_eval("$pc"))
        efer = int(gdb.parse_and_eval("$efer"))
        if efer & EFER_LMA:
            print("siglab: connected; the CPU is in long mode, stopped at:")
            gdb.execute("frame")
            run_connected_hooks()
            return
        if pc == 0xfff0:
            where = "at reset (0xfff0)"
        elif int(gdb.parse_and_eval("$cr0")) & CR0_PE:
            where = "in 32-bit code (%#x)" % pc
        else:
            where = "in 16-bit real mode (%#x)" % pc
        print("siglab: connected; the CPU is %s, not yet in long mode: running to kmain" % where)
        gdb.execute("tbreak kmain", from_tty)
        gdb.execute("continue", from_tty)
        run_connected_hooks()


# Run once the kernel is in memory (at kmain, or at once when already in long mode):
# siglab_check.py's checks that gdb has the right symbols.
connected_hooks: List[Callable[[], None]] = []


def run_connected_hooks():
    for hook in connected_hooks:
        hook()


def loud(lines):
    """A warning nobody can miss."""
    bar = "!" * 78
    print("\n".join([bar] + ["siglab: WARNING: " + lines[0]] + ["  " + l for l in lines[1:]]
                    + [bar]))


def use_register_description():
    """QEMU's registers sorted into gdb's x86-64 features (tools/gdb/tdesc.py), so that
    DWARF unwind rules for xmm0-15 and mxcsr reach $xmm0... (the signal frames')."""
    if os.path.exists(TDESC_XML):
        run("set tdesc filename " + TDESC_XML)
    else:
        print("siglab: %s is missing (run make): xmm registers will not unwind through "
              "signal frames" % os.path.relpath(TDESC_XML, ROOT))


def check_register_packet():
    """QEMU's register packet must be as long as the description says, or every
    register after the first difference would be read from the wrong bytes."""
    if not os.path.exists(TDESC_XML):
        return
    sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
    import tdesc
    reply = run("maint packet g").split("received: ", 1)[-1].strip().strip('"')
    if len(reply) != 2 * tdesc.g_packet_bytes():
        loud(["QEMU sends %d bytes of registers, but %s describes %d:"
              % (len(reply) // 2, os.path.relpath(TDESC_XML, ROOT), tdesc.g_packet_bytes()),
              "this QEMU's register set differs; registers shown may be wrong.",
              "Fix tools/gdb/tdesc.py (compare: maint print xml-tdesc, without it)."])


def load_trampoline_page():
    """Unwind information and a symbol for the kernel's trampoline page."""
    if not os.path.exists(TRAMPOLINE_PAGE_ELF):
        print("siglab: %s is missing (run make): gdb cannot unwind signal frames"
              % os.path.relpath(TRAMPOLINE_PAGE_ELF, ROOT))
        return
    if not any(o.filename == TRAMPOLINE_PAGE_ELF for o in gdb.objfiles()):
        run("add-symbol-file " + TRAMPOLINE_PAGE_ELF)


class Session(gdb.Command):
    """siglab-session PID PORT: the QEMU make qemu-gdb started (build/gdb/session.gdb).

Only remembered, for messages: tools/gdb/qemu_gdb.py check has already made sure,
before gdb started, that this QEMU holds the port."""

    def __init__(self):
        super().__init__("siglab-session", gdb.COMMAND_RUNNING)

    def invoke(self, arg, from_tty):
        global session
        session = arg.strip()


session = None


# ---- user programs --------------------------------------------------------------

# name -> (path, [restorer addresses]) of the programs user-program loaded
user_programs = {}


def find_program(name):
    """NAME and the guest's /bin/NAME are build/user/NAME (or user/tests/NAME,
    user/ktests/NAME); any other path is a file on this machine."""
    if name.startswith("/bin/") or os.sep not in name:
        for d in ("user", "user/tests", "user/ktests"):
            path = os.path.join(BUILD, d, os.path.basename(name))
            if os.path.isfile(path):
                return path
        return None
    return os.path.abspath(name) if os.path.isfile(name) else None


def read_elf64(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"\x7fELF" or data[4] != 2:
        raise gdb.GdbError("siglab: %s is not a 64-bit ELF file" % path)
    return data


def elf_function_names(data):
    """{address: name} from an ELF64 file's symbol table (.symtab)."""
    shoff, = struct.unpack_from("<Q", data, 40)
    shentsize, shnum = struct.unpack_from("<HH", data, 58)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize)
                for i in range(shnum)]
    names = {}
    for _, sh_type, _, _, offset, size, link, _, _, entsize in sections:
        if sh_type != 2 or not entsize:         # SHT_SYMTAB
            continue
        strtab = sections[link][4]
        for at in range(offset, offset + size, entsize):
            st_name, st_info, _, _, st_value, _ = struct.unpack_from("<IBBHQQ", data, at)
            if st_info & 0xf == 2 and st_value:  # STT_FUNC
                end = data.index(b"\0", strtab + st_name)
                names[st_value] = data[strtab + st_name:end].decode("utf-8", "replace")
    return names


def find_restorers(path):
    """[(address, function name or None)] of every copy of the restorer bytes in
    PATH's executable segments (user programs are static ELF executables: file
    addresses are run-time addresses)."""
    data = read_elf64(path)
    phoff, = struct.unpack_from("<Q", data, 32)
    phentsize, phnum = struct.unpack_from("<HH", data, 54)
    names = elf_function_names(data)
    found = []
    for i in range(phnum):
        p_type, p_flags, p_offset, p_vaddr, _, p_filesz = struct.unpack_from(
            "<IIQQQQ", data, phoff + i * phentsize)
        if p_type != 1 or not p_flags & 1:     # PT_LOAD, PF_X
            continue
        segment = data[p_offset:p_offset + p_filesz]
        at = segment.find(RESTORER_BYTES)
        while at >= 0:
            found.append((p_vaddr + at, names.get(p_vaddr + at)))
            at = segment.find(RESTORER_BYTES, at + 1)
    return found


def overlay_file(addr):
    """A copy of sigtramp_cfi.elf for the restorer at ADDR: gdb removes symbol files
    by name, so each shifted copy needs its own."""
    path = os.path.join(BUILD, "gdb", "restorers", "sigtramp_cfi-%#x.elf" % addr)
    if not os.path.exists(path) or os.path.getmtime(path) < os.path.getmtime(SIGTRAMP_CFI_ELF):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        shutil.copyfile(SIGTRAMP_CFI_ELF, path)
    return path


def add_sigtramp_cfi(addr):
    """Load the signal-frame unwind information over the restorer at ADDR."""
    run("add-symbol-file %s -o %#x" % (overlay_file(addr), addr - TRAMPOLINE_ADDR))


def remove_sigtramp_cfi(addr):
    run("remove-symbol-file " + overlay_file(addr))


class UserProgram(gdb.Command):
    """Load a user program's symbols: user-program NAME (build/user/NAME) or PATH.

Every process runs at the same addresses (0x400000...), so gdb cannot tell from an
address which program it belongs to: load the symbols of the program you debug.
Loading two programs at once works, but an address then names a symbol of either.
user-program alone lists the programs loaded; user-program -remove NAME unloads one.
It also finds the restorers in the program (musl's __restore_rt: mov $15,%rax;
syscall) and loads the signal-frame unwind information over each."""

    def __init__(self):
        super().__init__("user-program", gdb.COMMAND_FILES, gdb.COMPLETE_FILENAME)

    def invoke(self, arg, from_tty):
        argv = gdb.string_to_argv(arg)
        if not argv:
            self.list()
        elif argv[0] == "-remove" and len(argv) == 2:
            self.remove(argv[1])
        elif len(argv) == 1:
            self.add(argv[0])
        else:
            raise gdb.GdbError("usage: user-program [NAME | PATH | -remove NAME]")

    def add(self, name):
        path = find_program(name)
        if path is None:
            raise gdb.GdbError("siglab: no user program %s (looked in build/user, "
                               "build/user/tests, build/user/ktests)" % name)
        key = os.path.basename(path)
        if key in user_programs:
            self.remove(key)
        run("add-symbol-file " + path)
        restorers = find_restorers(path)
        for addr, _ in restorers:
            add_sigtramp_cfi(addr)
        user_programs[key] = (path, restorers)
        where = ", ".join("%#x <%s>" % (a, name) if name else "%#x" % a
                          for a, name in restorers) or "none found"
        print("siglab: symbols of %s loaded; signal frames unwind through: %s"
              % (os.path.relpath(path, ROOT), where))

    def remove(self, name):
        key = os.path.basename(name)
        if key not in user_programs:
            raise gdb.GdbError("siglab: %s is not loaded" % key)
        path, restorers = user_programs.pop(key)
        for addr, _ in restorers:
            remove_sigtramp_cfi(addr)
        run("remove-symbol-file " + path)
        print("siglab: symbols of %s removed" % os.path.relpath(path, ROOT))

    def list(self):
        if not user_programs:
            print("no user program loaded (user-program NAME loads build/user/NAME)")
        for key, (path, restorers) in user_programs.items():
            print("%-16s %s, restorers at %s" % (key, os.path.relpath(path, ROOT),
                                                 " ".join("%#x" % a for a, _ in restorers)))


# ---- breakpoints in user code ----------------------------------------------------

class ProcIs(gdb.Function):
    """$_siglab_proc("NAME"): 1 if the running process is called NAME, else 0.

A process's name is its program's file name, at most 15 characters (struct proc).
Use it in breakpoint conditions: break on_alarm if $_siglab_proc("gdbdemo")"""

    def __init__(self):
        super().__init__("_siglab_proc")

    def invoke(self, name):
        p = current_proc()
        return 1 if p is not None and proc_name(p) == name.string()[:PROC_NAME_MAX] else 0


def program_of(location):
    """The loaded user program that LOCATION's code belongs to, or None."""
    _, sals = gdb.decode_line(location)
    for sal in sals or []:
        if sal.symtab is not None:
            key = os.path.basename(sal.symtab.objfile.filename)
            if key in user_programs:
                return key
    return None


class UBreak(gdb.Command):
    """A breakpoint in user code for one program: ubreak [-p NAME] LOCATION.

QEMU's breakpoints are addresses: one at 0x401250 stops whichever process runs code
at 0x401250, and init, the shell and your program all live there. ubreak adds the
condition $_siglab_proc("NAME"), NAME being the program LOCATION belongs to (the one
user-program loaded its symbols from), or the one -p names."""

    def __init__(self):
        super().__init__("ubreak", gdb.COMMAND_BREAKPOINTS, gdb.COMPLETE_LOCATION)

    def invoke(self, arg, from_tty):
        argv = gdb.string_to_argv(arg)
        name = None
        if len(argv) >= 2 and argv[0] == "-p":
            name, argv = argv[1], argv[2:]
        if len(argv) != 1:
            raise gdb.GdbError("usage: ubreak [-p NAME] LOCATION")
        location = argv[0]
        if name is None:
            name = program_of(location)
        if name is None:
            raise gdb.GdbError("siglab: %s is not in a program user-program loaded; "
                               "say which process with ubreak -p NAME %s" % (location, location))
        name = name[:PROC_NAME_MAX]
        address = address_from_elf(location)
        gdb.execute('break %s if $_siglab_proc("%s")' % (address or location, name), from_tty)


def address_from_elf(location):
    """Where `break LOCATION` stops, worked out from the ELF files' code.

Before the program runs, its addresses hold another process's code, or nothing: gdb's
prologue analysis (a -O0 function's push %rbp; mov %rsp,%rbp; argument stores) would
read that and put the breakpoint on the function's first instruction, where the
arguments are not stored yet. So: resolve with trust-readonly-sections on (code comes
from the file), and break at that address ("*0x401234"), which gdb never re-resolves
from memory later. None for a location that is already an address, or has several."""
    if location.startswith("*"):
        return None
    run("set trust-readonly-sections on")
    try:
        bp = gdb.Breakpoint(location, internal=True)
        addresses = [loc.address for loc in bp.locations]
        bp.delete()
    finally:
        run("set trust-readonly-sections off")
    return "*%#x" % addresses[0] if len(addresses) == 1 else None


# ---- back to user mode ---------------------------------------------------------

def return_instructions():
    """Addresses of the iretq and sysretq that leave the kernel (kern/trap/entry.S)."""
    # (assembly labels: minimal symbols, which Objfile.lookup_global_symbol cannot see)
    start = int(gdb.parse_and_eval("(unsigned long)&return_to_user"))
    end = int(gdb.parse_and_eval("(unsigned long)&retry_return_to_user"))
    arch = gdb.selected_frame().architecture()
    found = []
    for insn in arch.disassemble(start, end - 1):
        if insn["asm"].split()[0] in ("iretq", "sysretq", "sysret"):
            found.append(insn["addr"])
    return found


Connect()
Session()
UserProgram()
ProcIs()
UBreak()
