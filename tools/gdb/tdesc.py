#!/usr/bin/env python3
"""tdesc: write the target description gdb uses for QEMU's x86-64 CPU.

usage: tools/gdb/tdesc.py OUT.xml        (the Makefile writes build/gdb/x86_64-qemu.xml)

QEMU describes its registers to gdb in one feature, org.gnu.gdb.i386.core, xmm0-15 and
mxcsr included. gdb's x86-64 code only gives registers its own numbers (the ones DWARF
register numbers map to) when they sit in the features it knows: xmm0-15 and mxcsr in
org.gnu.gdb.i386.sse, fs_base and gs_base in org.gnu.gdb.i386.segments. Elsewhere they
are "extra" registers, and DWARF unwind rules for them (tools/gdb/sigtramp.S: the
interrupted xmm0 lives in the signal frame's fxsave image) never apply. This file is
the same registers, in QEMU's order and sizes (the remote protocol numbers, regnum=),
sorted into those features; siglab-connect loads it (set tdesc filename) before
connecting, and checks that QEMU's register packet has the size it implies.
"""

import sys

FLAGS = {
    # name: (size in bytes, [(field, first bit, last bit)]), Intel SDM vol. 3A ch. 2, 10
    "x64_eflags": (4, [("CF", 0, 0), ("", 1, 1), ("PF", 2, 2), ("AF", 4, 4), ("ZF", 6, 6),
                       ("SF", 7, 7), ("TF", 8, 8), ("IF", 9, 9), ("DF", 10, 10),
                       ("OF", 11, 11), ("NT", 14, 14), ("RF", 16, 16), ("VM", 17, 17),
                       ("AC", 18, 18), ("VIF", 19, 19), ("VIP", 20, 20), ("ID", 21, 21)]),
    "x64_cr0": (8, [("PE", 0, 0), ("MP", 1, 1), ("EM", 2, 2), ("TS", 3, 3), ("ET", 4, 4),
                    ("NE", 5, 5), ("WP", 16, 16), ("AM", 18, 18), ("NW", 29, 29),
                    ("CD", 30, 30), ("PG", 31, 31)]),
    "x64_cr4": (8, [("VME", 0, 0), ("PVI", 1, 1), ("TSD", 2, 2), ("DE", 3, 3), ("PSE", 4, 4),
                    ("PAE", 5, 5), ("MCE", 6, 6), ("PGE", 7, 7), ("PCE", 8, 8),
                    ("OSFXSR", 9, 9), ("OSXMMEXCPT", 10, 10), ("UMIP", 11, 11),
                    ("LA57", 12, 12), ("FSGSBASE", 16, 16), ("PCIDE", 17, 17),
                    ("OSXSAVE", 18, 18), ("SMEP", 20, 20), ("SMAP", 21, 21), ("PKE", 22, 22)]),
    "x64_efer": (8, [("SCE", 0, 0), ("LME", 8, 8), ("LMA", 10, 10), ("NXE", 11, 11),
                     ("SVME", 12, 12), ("LMSLE", 13, 13), ("FFXSR", 14, 14), ("TCE", 15, 15)]),
    "x64_mxcsr": (4, [("IE", 0, 0), ("DE", 1, 1), ("ZE", 2, 2), ("OE", 3, 3), ("UE", 4, 4),
                      ("PE", 5, 5), ("DAZ", 6, 6), ("IM", 7, 7), ("DM", 8, 8), ("ZM", 9, 9),
                      ("OM", 10, 10), ("UM", 11, 11), ("PM", 12, 12), ("FZ", 15, 15)]),
}

GPRS = ["rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp"] + ["r%d" % i for i in range(8, 16)]

# (feature, name, bits, type), in the order QEMU sends them
REGISTERS = (
    [("core", r, 64, "data_ptr" if r in ("rbp", "rsp") else "int64") for r in GPRS]
    + [("core", "rip", 64, "code_ptr"), ("core", "eflags", 32, "x64_eflags")]
    + [("core", s, 32, "int32") for s in ("cs", "ss", "ds", "es", "fs", "gs")]
    + [("segments", "fs_base", 64, "int64"), ("segments", "gs_base", 64, "int64"),
       ("system", "k_gs_base", 64, "int64"), ("system", "cr0", 64, "x64_cr0"),
       ("system", "cr2", 64, "int64"), ("system", "cr3", 64, "int64"),
       ("system", "cr4", 64, "x64_cr4"), ("system", "cr8", 64, "int64"),
       ("system", "efer", 64, "x64_efer")]
    + [("core", "st%d" % i, 80, "i387_ext") for i in range(8)]
    + [("core", r, 32, "int") for r in ("fctrl", "fstat", "ftag", "fiseg", "fioff", "foseg",
                                        "fooff", "fop")]     # (X87_CONTROL)
    + [("sse", "xmm%d" % i, 128, "vec128") for i in range(16)]
    + [("sse", "mxcsr", 32, "x64_mxcsr")]
)

X87_CONTROL = ("fctrl", "fstat", "ftag", "fiseg", "fioff", "foseg", "fooff", "fop")

FEATURES = [("core", "org.gnu.gdb.i386.core", ["x64_eflags"]),
            ("sse", "org.gnu.gdb.i386.sse", ["vec128", "x64_mxcsr"]),
            ("segments", "org.gnu.gdb.i386.segments", []),
            ("system", "org.siglab.qemu.x86_64.system", ["x64_cr0", "x64_cr4", "x64_efer"])]

VEC128 = """    <vector id="v4f" type="ieee_single" count="4"/>
    <vector id="v2d" type="ieee_double" count="2"/>
    <vector id="v16i8" type="int8" count="16"/>
    <vector id="v8i16" type="int16" count="8"/>
    <vector id="v4i32" type="int32" count="4"/>
    <vector id="v2i64" type="int64" count="2"/>
    <union id="vec128">
      <field name="v4_float" type="v4f"/>
      <field name="v2_double" type="v2d"/>
      <field name="v16_int8" type="v16i8"/>
      <field name="v8_int16" type="v8i16"/>
      <field name="v4_int32" type="v4i32"/>
      <field name="v2_int64" type="v2i64"/>
      <field name="uint128" type="uint128"/>
    </union>"""


def g_packet_bytes():
    """How many bytes QEMU's reply to gdb's `g` packet holds, by this description."""
    return sum(bits // 8 for _, _, bits, _ in REGISTERS)


def type_xml(name):
    if name == "vec128":
        return VEC128
    size, fields = FLAGS[name]
    lines = ['    <flags id="%s" size="%d">' % (name, size)]
    lines += ['      <field name="%s" start="%d" end="%d" type="bool"/>' % f for f in fields]
    return "\n".join(lines + ["    </flags>"])


def xml():
    out = ['<?xml version="1.0"?>', '<!DOCTYPE target SYSTEM "gdb-target.dtd">',
           "<!-- written by tools/gdb/tdesc.py: QEMU's x86-64 registers, in gdb's features -->",
           "<target>", "  <architecture>i386:x86-64</architecture>"]
    for key, feature, types in FEATURES:
        out.append('  <feature name="%s">' % feature)
        out += [type_xml(t) for t in types]
        for regnum, (where, name, bits, typ) in enumerate(REGISTERS):
            if where == key:
                out.append('    <reg name="%s" bitsize="%d" type="%s" regnum="%d"%s/>' % (
                    name, bits, typ, regnum,
                    ' group="float"' if name in X87_CONTROL else ""))
        out.append("  </feature>")
    return "\n".join(out + ["</target>"]) + "\n"


if __name__ == "__main__":
    with open(sys.argv[1], "w") as f:
        f.write(xml())
