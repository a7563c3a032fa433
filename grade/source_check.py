"""The source check every submitted lab file passes before it is built.

A submission's kernel runs the tests, so a lab file could print the expected lines
itself instead of doing the lab. grade/auth.py makes that useless (every counted line
carries a tag the kernel cannot make); this check refuses the attempt up front, with a
message naming file and line:

  - no inline assembly (asm, __asm__), no token pasting (##) and no pragmas: nothing
    that builds a name or an instruction the check cannot see;
  - #include only what the reference version of the file includes;
  - every kernel interface the file names (a function, macro, type or variable declared
    in kern/ and boot/) must be one that the reference version of the same file uses;
    port I/O, the serial ports, fw_cfg and power-off are never in that list;
  - every call is to such an interface, to a function or macro the file defines, or to
    something the reference file calls too.

The allowed names come from the reference solution itself, never from a hand-written
list: in the instructor's tree from the lab files as they are, in a handout from
grade/reference_names.json, which tools/handout writes from the reference when it
cuts the handout.
"""

import json
import os
import re
from typing import Any, Dict, Iterable, List, Match, Optional, Set, Tuple

NAMES_FILE = os.path.join("grade", "reference_names.json")

C_WORDS = set("""auto break case char const continue default do double else enum extern
float for goto if inline int long register restrict return short signed sizeof static
struct switch typedef union unsigned void volatile while _Bool _Alignas _Alignof _Atomic
_Generic _Noreturn _Static_assert _Thread_local bool true false NULL __attribute__
__typeof__ typeof defined""".split())
ASM_WORDS = {"asm", "__asm", "__asm__"}
BANNED_WHY = [
    (re.compile(r"^(in|out|ins|outs)[bwl]$"), "port I/O"),
    (re.compile(r"^serial_|^COM\d$"), "the serial ports"),
    (re.compile(r"^fwcfg_|^FW_CFG"), "QEMU's fw_cfg"),
    (re.compile(r"reboot|power_?off|qemu_exit|debug_exit"), "powering off"),
]

TOKEN = re.compile(r"[A-Za-z_]\w*|##|#\s*\w+|\S")
COMMENT_OR_STRING = re.compile(r'/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'',
                               re.S)
# {file: {"names": [...], "includes": [...]}, "kernel": [...]} (reference_names)
Reference = Dict[str, Any]

STUB_BODY = re.compile(r"/\* LAB \d+: STUB\s*\n(.*?)\*/", re.S)
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]', re.M)


def strip_code(text: str) -> str:
    """text with comments and string/char literals blanked (newlines kept, so line
    numbers stay right)."""
    def blank(m: Match[str]) -> str:
        s = m.group(0)
        keep = '""' if s.startswith('"') else "''" if s.startswith("'") else " "
        return keep + "\n" * s.count("\n")
    return COMMENT_OR_STRING.sub(blank, text)


def tokens(text: str) -> List[Tuple[int, str]]:
    """[(line number, token)] of C code, comments and literals removed."""
    out: List[Tuple[int, str]] = []
    for n, line in enumerate(strip_code(text).split("\n"), 1):
        out += [(n, t) for t in TOKEN.findall(line)]
    return out


def identifiers(text: str) -> Set[str]:
    return {t for _, t in tokens(text) if re.match(r"[A-Za-z_]", t)}


def includes(text: str) -> Set[str]:
    return set(INCLUDE.findall(text))


# ---- what the kernel declares ----------------------------------------------------

DECLARED = [
    re.compile(r"^\s*#\s*define\s+(\w+)", re.M),                 # macros
    re.compile(r"\b(\w+)\s*\("),                                  # functions
    re.compile(r"\b(?:struct|union|enum)\s+(\w+)"),               # types
    re.compile(r"\btypedef\b[^;{]*?(\w+)\s*;"),
    re.compile(r"\bextern\b[^;(]*?(\w+)\s*(?:\[[^\]]*\])?\s*;"),  # variables
]
DEFINED_IN_C = re.compile(r"^(?!static)[A-Za-z_][\w \t\*]*?\b(\w+)\s*\([^;]*$", re.M)


def kernel_names(root: str) -> Set[str]:
    """Every name kern/ and boot/ declare for others to use: what headers declare, and
    the non-static functions .c files define."""
    names: Set[str] = set()
    for top in ("kern", "boot"):
        for dirpath, _, files in os.walk(os.path.join(root, top)):
            for fn in files:
                with open(os.path.join(dirpath, fn), errors="replace") as f:
                    code = strip_code(f.read())
                if fn.endswith(".h"):
                    for rx in DECLARED:
                        names.update(rx.findall(code))
                elif fn.endswith(".c"):
                    names.update(DEFINED_IN_C.findall(code))
    return names - C_WORDS - ASM_WORDS


def used_names(text: str, kernel: Set[str], assembly: bool) -> Set[str]:
    """The names a check may allow for a reference file: the kernel interfaces it
    uses and the names it calls (for assembly, every name: instructions included). Its
    local names stay out, so a handout's copy reveals little of the solution."""
    toks = tokens(text)
    out: Set[str] = set()
    for i, (_, tok) in enumerate(toks):
        if not re.match(r"[A-Za-z_]\w*$", tok):
            continue
        if assembly or tok in kernel or (i + 1 < len(toks) and toks[i + 1][1] == "("):
            out.add(tok)
    return out


def reference_names(root: str, files: Iterable[str]) -> Reference:
    """{file: {"names": [...], "includes": [...]}} from the reference lab files in root
    (a tree with the solutions), plus "kernel": every kernel-declared name."""
    kernel = kernel_names(root)
    out: Reference = {"kernel": sorted(kernel)}
    for rel in files:
        with open(os.path.join(root, rel), errors="replace") as f:
            text = f.read()
        # The handout's stubs (inside "LAB N: STUB" comments) must pass the check too.
        code = text + "\n" + "\n".join(STUB_BODY.findall(text))
        out[rel] = {"names": sorted(used_names(code, kernel, rel.endswith(".S"))),
                    "includes": sorted(includes(text))}
    return out


def load_reference(root: str, files: Iterable[str]) -> Reference:
    """The reference's names: computed from root when it holds the solutions, else read
    from the file tools/handout left in it."""
    path = os.path.join(root, NAMES_FILE)
    if os.path.exists(path):
        with open(path) as f:
            loaded: Reference = json.load(f)
            return loaded
    return reference_names(root, files)


# ---- checking one file ----------------------------------------------------------------

def defined_here(text: str) -> Set[str]:
    """Functions (with a body) and macros the file defines itself."""
    code = strip_code(text)
    names = set(re.findall(r"^\s*#\s*define\s+(\w+)", code, re.M))
    names.update(re.findall(r"\b(\w+)\s*\([^;{)]*\)\s*(?:__attribute__\s*\(\(.*?\)\)\s*)*\{", code, re.S))
    return names


def why_banned(name: str) -> Optional[str]:
    for rx, why in BANNED_WHY:
        if rx.search(name):
            return why
    return None


def check_file(rel: str, text: str, reference: Reference) -> List[str]:
    """Problems with a submitted lab file: ["kern/signal/x.c:12: ..."]."""
    mine = reference.get(rel)
    if mine is None:
        return []
    allowed, kernel = set(mine["names"]), set(reference["kernel"])
    own = defined_here(text)
    problems: List[str] = []
    seen: Set[Tuple[int, str]] = set()

    def say(line: int, msg: str) -> None:
        if (line, msg) not in seen:
            seen.add((line, msg))
            problems.append("%s:%d: %s" % (rel, line, msg))

    toks = tokens(text)
    for i, (line, tok) in enumerate(toks):
        if tok in ASM_WORDS:
            say(line, "inline assembly is not allowed in a lab file")
        elif tok == "##":
            say(line, "token pasting (##) is not allowed in a lab file")
        elif re.match(r"#\s*pragma$", tok) or tok == "_Pragma":
            say(line, "pragmas are not allowed in a lab file")
        elif re.match(r"[A-Za-z_]\w*$", tok) and why_banned(tok):
            say(line, "uses %s (%s): a lab file may not" % (tok, why_banned(tok)))
        elif re.match(r"[A-Za-z_]\w*$", tok) and tok not in allowed:
            call = i + 1 < len(toks) and toks[i + 1][1] == "("
            if rel.endswith(".S"):
                say(line, "uses %s, which the reference %s does not" % (tok, os.path.basename(rel)))
            elif tok in kernel and tok not in own:
                say(line, "uses %s, a kernel interface the reference %s does not use"
                    % (tok, os.path.basename(rel)))
            elif call and tok not in own and tok not in C_WORDS:
                say(line, "calls %s, which is neither defined in this file nor called by "
                    "the reference %s" % (tok, os.path.basename(rel)))
    for n, source_line in enumerate(text.split("\n"), 1):
        m = INCLUDE.match(source_line)
        if m and m.group(1) not in mine["includes"]:
            say(n, "#include <%s>: the reference %s does not include it"
                % (m.group(1), os.path.basename(rel)))
    return problems


def check_submission(tree: str, files: Iterable[str], reference: Reference) -> List[str]:
    """Problems with the submitted lab files (files: those copied into tree)."""
    problems: List[str] = []
    for rel in files:
        path = os.path.join(tree, rel)
        if rel.endswith((".c", ".h", ".S")) and os.path.isfile(path):
            with open(path, errors="replace") as f:
                problems += check_file(rel, f.read(), reference)
    return problems
