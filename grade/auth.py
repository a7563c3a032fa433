"""Grade programs that prove they ran (grade/progs/grade_auth.h is the other half).

For every test run the grader draws a fresh 128-bit key, links the test's grade
program with a generated C file that holds the key (as arithmetic on immediates, not
as one string), the nonce and the arguments (sealed with the key), and checks the tag
on every line the console shows. (The program itself, which holds no secret, is
compiled once, into build/grade/objects/: the per-run file is all a run compiles.)
Nothing the kernel can read by name carries the values in clear: the command line
names only /graded/prog, the initrd holds only the program, stripped. A kernel that prints the expected lines without running the program cannot
make their tags; one that replays an earlier run's lines has the wrong key.
"""

import hashlib
import os
import random
import re
import struct
import subprocess
import threading
from typing import List, Optional, Sequence, Tuple

MASK = (1 << 64) - 1
GUEST_PATH = "/graded/prog"
PROGS_DIR = os.path.join(os.path.dirname(os.path.realpath(__file__)), "progs")
COMPILE = ["musl-gcc", "-std=gnu11", "-O2", "-w", "-DGRADE_RUN=1"]
LINK = ["musl-gcc", "-static", "-s", "-w", "-Wl,--wrap=exit,--wrap=_exit"]
TAGGED = re.compile(r"^(.*)  ~([0-9a-f]{16})$")


# ---- SipHash-2-4, as grade_auth.h computes it ----------------------------------------

def _rotl(x: int, b: int) -> int:
    return ((x << b) | (x >> (64 - b))) & MASK


def _round(v: List[int]) -> None:
    v[0] = (v[0] + v[1]) & MASK; v[1] = _rotl(v[1], 13) ^ v[0]; v[0] = _rotl(v[0], 32)
    v[2] = (v[2] + v[3]) & MASK; v[3] = _rotl(v[3], 16) ^ v[2]
    v[0] = (v[0] + v[3]) & MASK; v[3] = _rotl(v[3], 21) ^ v[0]
    v[2] = (v[2] + v[1]) & MASK; v[1] = _rotl(v[1], 17) ^ v[2]; v[2] = _rotl(v[2], 32)


def siphash(key: Tuple[int, int], data: bytes) -> int:
    """SipHash-2-4 of bytes under key (two 64-bit words), as an int."""
    k0, k1 = key
    v = [k0 ^ 0x736f6d6570736575, k1 ^ 0x646f72616e646f6d,
         k0 ^ 0x6c7967656e657261, k1 ^ 0x7465646279746573]
    tail = len(data) % 8
    words = [struct.unpack_from("<Q", data, i)[0] for i in range(0, len(data) - tail, 8)]
    last = int.from_bytes(data[len(data) - tail:], "little") | ((len(data) & 0xff) << 56)
    for m in words + [last]:
        v[3] ^= m
        _round(v)
        _round(v)
        v[0] ^= m
    v[2] ^= 0xff
    for _ in range(4):
        _round(v)
    return v[0] ^ v[1] ^ v[2] ^ v[3]


# ---- one run's secret ------------------------------------------------------------------

class Secret:
    """A run's key, nonce and arguments."""

    def __init__(self, nonce: object, args: Sequence[object],
                 rng: Optional[random.Random] = None) -> None:
        rng = rng or random.SystemRandom()
        self.key = (rng.getrandbits(64), rng.getrandbits(64))
        self.nonce, self.args = str(nonce), [str(a) for a in args]
        self._rng = rng

    def tag(self, text: str) -> str:
        data = (self.nonce + "\n").encode() + text.encode("utf-8", "surrogateescape")
        return "%016x" % siphash(self.key, data)

    def sealed(self) -> bytes:
        plain = b"".join(s.encode() + b"\0" for s in [self.nonce] + self.args)
        out = bytearray(plain)
        for block in range(0, len(plain), 8):
            stream = siphash(self.key, b"args" + struct.pack("<Q", block // 8))
            for j in range(block, min(block + 8, len(plain))):
                out[j] ^= (stream >> (8 * (j - block))) & 0xff
        return bytes(out)

    def source(self) -> str:
        """The C file the program is linked with (grade_auth.h declares what it
        defines)."""
        lines = ["/* Generated for one grading run by grade/auth.py. */",
                 "#include <stddef.h>", "#include <stdint.h>",
                 "void grade_secret(uint64_t key[2]);",
                 "void grade_secret(uint64_t key[2])", "{"]
        for i, word in enumerate(self.key):
            # key = (a * b) ^ c with an odd b: pick a, b; solve for c. The empty asm
            # keeps the compiler from folding it back into one constant.
            a, b = self._rng.getrandbits(64), self._rng.getrandbits(64) | 1
            c = ((a * b) & MASK) ^ word
            lines += ["    uint64_t a%d = 0x%xULL, b%d = 0x%xULL;" % (i, a, i, b),
                      "    __asm__(\"\" : \"+r\"(a%d), \"+r\"(b%d));" % (i, i),
                      "    key[%d] = (a%d * b%d) ^ 0x%xULL;" % (i, i, i, c)]
        sealed = self.sealed()
        lines += ["}", "const size_t grade_sealed_len = %d;" % len(sealed),
                  "char grade_opened_buf[%d];" % (len(sealed) + 1),
                  "const unsigned char grade_sealed[%d] = {" % len(sealed)]
        for i in range(0, len(sealed), 16):
            lines.append("    " + ", ".join("0x%02x" % b for b in sealed[i:i + 16]) + ",")
        lines.append("};")
        return "\n".join(lines) + "\n"


# ---- building -------------------------------------------------------------------------

# The objects, by the hash of what went into them (names and contents, not where the
# tree is): a grader run compiles each program the first time only, and later runs
# (make grade again, the next submission of a batch) just link. GRADE_OBJECT_DIR puts
# them elsewhere: make test's graders of handout trees share the reference's.
OBJECT_DIR = os.environ.get("GRADE_OBJECT_DIR") or os.path.join(
    os.path.dirname(os.path.dirname(os.path.realpath(__file__))), "build", "grade", "objects")
_objects_lock = threading.Lock()


def program_object(src: str) -> str:
    """src compiled with GRADE_RUN into OBJECT_DIR, unless an earlier run did; raises
    RuntimeError with the compiler's output on failure."""
    digest = hashlib.sha256(repr(COMPILE).encode())
    for path in [src] + [os.path.join(PROGS_DIR, h) for h in sorted(os.listdir(PROGS_DIR))
                         if h.endswith(".h")]:
        with open(path, "rb") as f:
            digest.update(os.path.basename(path).encode() + b"\0" + f.read())
    obj = os.path.join(OBJECT_DIR, "%s-%s.o" % (os.path.basename(src)[:-2], digest.hexdigest()[:16]))
    with _objects_lock:     # (threads of one grader: one compiles, the others wait)
        if os.path.exists(obj):
            return obj
        os.makedirs(OBJECT_DIR, exist_ok=True)
        tmp = "%s.%d.tmp" % (obj, os.getpid())     # (another grader may race us)
        r = subprocess.run(COMPILE + ["-I", PROGS_DIR, "-c", "-o", tmp, src],
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT)
        if r.returncode != 0:
            raise RuntimeError("building %s failed:\n%s" % (src, r.stdout.decode(errors="replace")))
        os.replace(tmp, obj)
        return obj


def build(prog: str, secret: Secret, outdir: str) -> str:
    """Link grade/progs/PROG.c's object with the secret's C file into outdir; returns
    the binary's path. Raises RuntimeError with the compiler's output on failure."""
    os.makedirs(outdir, exist_ok=True)
    src = os.path.join(PROGS_DIR, prog + ".c")
    obj = program_object(src)
    run_c = os.path.join(outdir, "grade_run.c")
    with open(run_c, "w") as f:
        f.write(secret.source())
    exe = os.path.join(outdir, "prog")
    r = subprocess.run(LINK + ["-o", exe, obj, run_c],
                       stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if r.returncode != 0:
        raise RuntimeError("building %s failed:\n%s" % (src, r.stdout.decode(errors="replace")))
    return exe


# ---- reading the console ---------------------------------------------------------------

def verify(lines: Sequence[str], secret: Secret) -> List[Tuple[str, bool]]:
    """[(text, authentic)] for console lines: a line with a valid tag becomes its text
    and True; any other line stays as it is, False."""
    out: List[Tuple[str, bool]] = []
    for line in lines:
        m = TAGGED.match(line)
        if m and m.group(2) == secret.tag(m.group(1)):
            out.append((m.group(1), True))
        else:
            out.append((line, False))
    return out
