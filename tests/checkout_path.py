"""build/no-checkout-path, for tests/run_tests.py (host only): no build output names
the directory the tree was built in.

Debug information records where a file was compiled (DWARF's DW_AT_comp_dir). Left
alone it makes every binary, and so the initrd, a few bytes longer in a longer
checkout path; GRUB then places the multiboot information elsewhere, and the
addresses labs/gdb-*.md show at kmain change with the clone's path. The Makefile's
DEBUG_PREFIX_MAP names the checkout "." instead; this check fails if some output
still carries the absolute path (a rule that forgot the flag).
"""

import os
import time
from typing import Iterator, List, Tuple

ROOT = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
NAME = "build/no-checkout-path"
# What `make all` builds and QEMU or gdb reads. (build/unit/ holds host-only test
# programs the test runner compiles itself; dependency files, *.d, name sources.)
OUTPUTS = ("build/siglab.iso", "build/kernel.elf", "build/initrd.cpio")
OUTPUT_DIRS = ("build/user", "build/gdb")


def output_files() -> List[str]:
    files = [os.path.join(ROOT, f) for f in OUTPUTS]
    for top in OUTPUT_DIRS:
        for dirpath, _, names in os.walk(os.path.join(ROOT, top)):
            files += [os.path.join(dirpath, n) for n in sorted(names) if not n.endswith(".d")]
    return files


def carriers(path_bytes: bytes) -> List[str]:
    """The output files that contain path_bytes, or say they are missing."""
    found = []
    for f in output_files():
        if not os.path.exists(f):
            found.append(os.path.relpath(f, ROOT) + " (missing: run make all)")
            continue
        with open(f, "rb") as fh:
            if path_bytes in fh.read():
                found.append(os.path.relpath(f, ROOT))
    return found


def check(substring: str = "") -> Iterator[Tuple[str, bool, str, float]]:
    if substring not in NAME:
        return
    start = time.monotonic()
    found = carriers(os.fsencode(ROOT))
    details = "".join("%s names %s\n" % (f, ROOT) for f in found[:10])
    if len(found) > 10:
        details += "... and %d more\n" % (len(found) - 10)
    yield NAME, not found, details, time.monotonic() - start
