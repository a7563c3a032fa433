"""siglab's autograder, run as `python3 -m grade` (grade/__main__.py). grade/qemu.py,
the QEMU launcher, is also what make qemu, tools/krun and the tests boot siglab with."""
