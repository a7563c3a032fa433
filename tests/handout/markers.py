"""Marker mistakes must stop tools/handout with a message that names the file and line
(docs/design.md section 5). Each case writes a few files into a scratch git repository
beside a copy of tools/handout, cuts a handout there, and checks the outcome: an error
matching the case's pattern and no handout left behind, or, for the good cases, a
handout with the stub in place and no trace of the solution.

tests/run_tests.py runs these in its first phase, as handout/markers-NAME. (This
directory is instructor-only: tools/handout leaves tests/handout/ out of handouts.)
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

GOOD = """int before;
/* LAB 2: BEGIN SOLUTION */
int solution_line_one = 1;
int solution_line_two = 2;
int solution_line_three = 3;
/* LAB 2: END SOLUTION */
/* LAB 2: STUB
int stub_line = 0;
*/
int after;
"""

SOLUTION = """/* LAB 3: BEGIN SOLUTION */
    long secret_a = compute_a();
    long secret_b = compute_b(secret_a);
    return secret_a + secret_b;
/* LAB 3: END SOLUTION */
/* LAB 3: STUB
    return -ENOSYS;
*/
"""

# (name, {path: text}, --labs, pattern of the error; None: the cut must succeed)
CASES = [
    ("unbalanced", {"kern/signal/a.c": "int x;\n/* LAB 2: BEGIN SOLUTION */\nint y;\n"},
     "1 2 3 4 5", r"kern/signal/a\.c:2: LAB 2: BEGIN SOLUTION without END SOLUTION"),
    ("end-without-begin", {"kern/signal/a.c": "int x;\n/* LAB 2: END SOLUTION */\n"},
     "1 2 3 4 5", r"kern/signal/a\.c:2: marker outside a BEGIN/END pair"),
    ("stub-without-solution", {"kern/signal/a.c": "/* LAB 2: STUB\nint y;\n*/\n"},
     "1 2 3 4 5", r"kern/signal/a\.c:1: marker outside a BEGIN/END pair"),
    ("unknown-lab", {"kern/signal/a.c": "/* LAB 7: BEGIN SOLUTION */\nint y;\n"
                                         "/* LAB 7: END SOLUTION */\n"},
     "1 2 3 4 5", r"kern/signal/a\.c:1: unknown lab 7"),
    ("end-of-another-lab", {"kern/signal/a.c": "/* LAB 2: BEGIN SOLUTION */\nint y;\n"
                                                "/* LAB 3: END SOLUTION */\n"},
     "1 2 3 4 5", r"kern/signal/a\.c:3: END SOLUTION of another lab closes LAB 2"),
    ("nested", {"kern/signal/a.c": "/* LAB 2: BEGIN SOLUTION */\n/* LAB 3: BEGIN SOLUTION */\n"
                                    "int y;\n/* LAB 3: END SOLUTION */\n/* LAB 2: END SOLUTION */\n"},
     "1 2 3 4 5", r"kern/signal/a\.c:2: marker inside LAB 2's solution"),
    ("stub-of-another-lab", {"kern/signal/a.c": "/* LAB 2: BEGIN SOLUTION */\nint y;\n"
                                                 "/* LAB 2: END SOLUTION */\n/* LAB 3: STUB\n*/\n"},
     "1 2 3 4 5", r"kern/signal/a\.c:4: a STUB of lab 3 follows LAB 2's solution"),
    ("stub-never-closed", {"kern/signal/a.c": "/* LAB 2: BEGIN SOLUTION */\nint y;\n"
                                               "/* LAB 2: END SOLUTION */\n/* LAB 2: STUB\nint z;\n"},
     "1 2 3 4 5", r"kern/signal/a\.c:1: LAB 2: STUB never closed"),
    ("malformed", {"kern/signal/a.c": "/* LAB 2: BEGIN SOLUTION\nint y;\n"},
     "1 2 3 4 5", r"kern/signal/a\.c:1: marker outside a BEGIN/END pair or malformed"),
    ("solution-leaks", {"kern/signal/a.c": "long f(void)\n{\n" + SOLUTION + "}\n",
                        "kern/notes.c": "/* copied:\n    long secret_a = compute_a();\n"
                                        "    long secret_b = compute_b(secret_a);\n"
                                        "    return secret_a + secret_b;\n*/\n"},
     "3", r"solution text from kern/signal/a\.c:3 \(a removed block\) survives in kern/notes\.c"),
    ("unknown-lab-asked", {"kern/signal/a.c": GOOD}, "9", r"unknown lab 9"),
    ("good-stubbed", {"kern/signal/a.c": GOOD}, "2", None),
    ("good-kept", {"kern/signal/a.c": GOOD}, "1 3", None),
]


def run_case(root, name, files, labs, pattern):
    """Returns (ok, details)."""
    tmp = tempfile.mkdtemp(prefix="handout-markers-")
    try:
        os.makedirs(os.path.join(tmp, "tools"))
        shutil.copy2(os.path.join(root, "tools", "handout"), os.path.join(tmp, "tools", "handout"))
        for path, text in files.items():
            os.makedirs(os.path.dirname(os.path.join(tmp, path)), exist_ok=True)
            with open(os.path.join(tmp, path), "w") as f:
                f.write(text)
        subprocess.run(["git", "init", "-q", tmp], check=True)
        out = os.path.join(tmp, "out")
        r = subprocess.run([sys.executable, os.path.join(tmp, "tools", "handout"), "--labs", labs,
                            "--out", out], cwd=tmp, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=60)
        said = r.stdout.decode(errors="replace").strip()
        if pattern is not None:
            if r.returncode == 0:
                return False, "the cut succeeded; expected an error matching %r:\n%s" % (pattern, said)
            if not re.search(pattern, said):
                return False, "the message does not match %r:\n%s" % (pattern, said)
            if os.path.exists(out):
                return False, "the cut failed but left a handout behind in %s" % out
            return True, ""
        if r.returncode != 0:
            return False, "the cut failed:\n" + said
        with open(os.path.join(out, "kern/signal/a.c")) as f:
            text = f.read()
        stubbed = "2" in labs.split()
        wanted = ["int before;", "int after;"] + (
            ["/* LAB 2: your code here (see labs/lab2.md) */", "int stub_line = 0;"] if stubbed
            else ["int solution_line_one = 1;", "int solution_line_three = 3;"])
        unwanted = ["SOLUTION", "STUB"] + (["solution_line"] if stubbed else ["stub_line"])
        missing = [w for w in wanted if w not in text]
        present = [u for u in unwanted if u in text]
        if missing or present:
            return False, "the handout's a.c is wrong (missing %r, present %r):\n%s" % (
                missing, present, text)
        return True, ""
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def check_markers(root, substring=""):
    """Yields (check name, ok, details, seconds)."""
    for name, files, labs, pattern in CASES:
        check = "handout/markers-" + name
        if substring not in check:
            continue
        start = time.monotonic()
        ok, details = run_case(root, name, files, labs, pattern)
        yield check, ok, details, time.monotonic() - start


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
    failed = 0
    for name, ok, details, _ in check_markers(root):
        failed += not ok
        print("%s %s" % ("PASS" if ok else "FAIL", name))
        if details:
            print("    " + details.replace("\n", "\n    "))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
