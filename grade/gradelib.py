"""What grade/tests.py is written in: labs, tests, expected lines, and the values a
test draws afresh for every run.

A test names a grade program (or shell lines), its arguments, and the console lines
it must print, in order. Arguments and lines may hold ${EXPR}: a Python expression over
the run's values, evaluated when the test runs:

    N         the nonce: a random number, new for every test in every run
    STATUS    20 + N % 200: an exit status that depends on the nonce
    name(s)   a signal's name as the grade programs print it: SIGUSR1, SIG40
    names(a, b, ...)   a set of signals, lowest first: "SIGUSR1 SIG40", or "(none)"
    SIGCHLD, ...       the signal numbers; hex() as in Python
    and whatever the test's pick(...) drew (below)

pick(a=POOL, b=POOL, ...) draws one value per name from its pool, all different,
seeded by the nonce; so `kill_pending ${a}` sends another signal each run, and the
expected line "pending: ${names(a, b)}" follows.
"""

import os
import random
import re
from typing import (Any, Callable, Dict, Iterable, List, Match, Optional, Pattern, Sequence,
                    Set, Tuple, Union)

# ---- signals -----------------------------------------------------------------

SIGNAMES = {
    1: "SIGHUP", 2: "SIGINT", 3: "SIGQUIT", 4: "SIGILL", 5: "SIGTRAP", 6: "SIGABRT",
    7: "SIGBUS", 8: "SIGFPE", 9: "SIGKILL", 10: "SIGUSR1", 11: "SIGSEGV", 12: "SIGUSR2",
    13: "SIGPIPE", 14: "SIGALRM", 15: "SIGTERM", 16: "SIGSTKFLT", 17: "SIGCHLD",
    18: "SIGCONT", 19: "SIGSTOP", 20: "SIGTSTP", 21: "SIGTTIN", 22: "SIGTTOU", 23: "SIGURG",
    24: "SIGXCPU", 25: "SIGXFSZ", 26: "SIGVTALRM", 27: "SIGPROF", 28: "SIGWINCH",
    29: "SIGIO", 30: "SIGPWR", 31: "SIGSYS",
}
SIG = {v: k for k, v in SIGNAMES.items()}


def name(sig: int) -> str:
    """A signal's name as grade/progs/grade.h prints it."""
    return SIGNAMES.get(sig, "SIG%d" % sig)


def names(*sigs: int) -> str:
    """A set of signals as grade.h's setstr() prints it: lowest first."""
    return " ".join(name(s) for s in sorted(set(sigs))) or "(none)"


def sigs(*words: str) -> List[int]:
    return [SIG[w] for w in words]


# Pools to draw from. Default actions: terminate, terminate with core, ignore, stop.
TERMINATE = sigs("SIGHUP", "SIGINT", "SIGUSR1", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM",
                 "SIGSTKFLT", "SIGVTALRM", "SIGPROF", "SIGIO", "SIGPWR")
CORE = sigs("SIGQUIT", "SIGABRT", "SIGXCPU", "SIGXFSZ", "SIGSYS")
IGNORE = sigs("SIGCHLD", "SIGWINCH", "SIGURG")
TTY_STOP = sigs("SIGTSTP", "SIGTTIN", "SIGTTOU")
REALTIME = list(range(35, 65))      # C libraries keep 32-34 for themselves


# ---- expected lines ----------------------------------------------------------

class Re:
    """An expected line given as a regular expression (it must match the whole line)."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern

    def __repr__(self) -> str:
        return "Re(%r)" % self.pattern


class Plain:
    """An expected line that something other than the grade program prints (the
    shell's prompt and echo): it carries no tag (grade/auth.py), so any console line
    with this text matches. Every test still needs tagged lines to pass."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return "Plain(%r)" % self.text


# A run's values by name (bind()), an expected line as tests.py writes it, and as
# expected() compiles it: (text to show, regex, tagged).
Values = Dict[str, Any]
Expected = Union[str, "Re", "Plain"]
ExpectedLine = Tuple[str, Pattern[str], bool]

TEMPLATE = re.compile(r"\$\{([^}]*)\}")


def expand(text: str, values: Values,
           quote: Optional[Callable[[str], str]] = None) -> str:
    """Replace each ${EXPR} in text by its value; quote() (re.escape for a regular
    expression) is applied to what is substituted."""
    def one(m: Match[str]) -> str:
        try:
            v = eval(m.group(1), dict(values, __builtins__={}))   # tests.py is ours, not input
        except Exception as e:
            raise ValueError("cannot evaluate ${%s}: %s" % (m.group(1), e))
        s = str(v)
        return quote(s) if quote else s
    return TEMPLATE.sub(one, text)


def pick(then: Optional[Callable[[Values], Values]] = None,
         **pools: Sequence[Any]) -> Callable[[int], Values]:
    """values= for a test: one value per keyword, drawn from its pool, no two the same
    (two signals drawn from one pool differ). then(values) may add values computed
    from those drawn."""
    def draw(nonce: int) -> Values:
        rng = random.Random("%d:%s" % (nonce, ",".join(sorted(pools))))
        used: Set[Any] = set()
        out: Values = {}
        for key in sorted(pools):
            choices = [v for v in pools[key] if v not in used]
            out[key] = rng.choice(choices)
            used.add(out[key])
        if then:
            out.update(then(out))
        return out
    return draw


# ---- labs and tests -----------------------------------------------------------

class Lab:
    def __init__(self, number: int, title: str, files: Iterable[str]) -> None:
        self.number, self.title, self.files = number, title, list(files)


class Test:
    """One test. run: "/grade/PROG ARGS" (ARGS may hold ${...}): the grade program
    grade/progs/PROG.c, built for this run with ARGS sealed inside it (grade/auth.py)
    and started as /graded/prog. argv: words that do go on the command line, in clear
    (only for testing argv itself). shell: lines typed at the shell's prompt, one by
    one, instead of starting the program (the lines run /graded/prog). expect: the
    program's lines, in order (other lines may come between); Plain("...") for a line
    the shell prints. status: the program's exit status (and init's "exit status",
    for the shell that of the shell). needs: tests of earlier labs that must pass
    first ("lab1/kill_pending")."""

    def __init__(self, lab: int, name: str, points: int, expect: Iterable[Expected],
                 run: Optional[str], shell: Optional[Sequence[str]] = None, argv: str = "",
                 status: Optional[Union[int, str]] = 0,
                 values: Optional[Callable[[int], Values]] = None, timeout: float = 15,
                 needs: Iterable[str] = (), native: bool = True) -> None:
        self.lab, self.name, self.points = lab, name, points
        self.run, self.shell, self.argv, self.expect = run, shell, argv, list(expect)
        self.status, self.values, self.timeout = status, values, timeout
        self.needs, self.native = list(needs), native

    @property
    def id(self) -> str:
        return "lab%d/%s" % (self.lab, self.name)

    def bind(self, nonce: int) -> Values:
        """The values ${...} may use in this run."""
        values: Values = {"N": nonce, "STATUS": 20 + nonce % 200, "name": name, "names": names,
                  "hex": hex}
        values.update(SIG)      # SIGCHLD and friends, as numbers
        if self.values:
            values.update(self.values(nonce))
        return values

    def program(self, values: Values) -> Tuple[str, List[str]]:
        """(grade program name, its sealed arguments)."""
        words = expand(self.run or "", values).split()
        return os.path.basename(words[0]), words[1:]

    def command(self, values: Values, path: str) -> List[str]:
        """The words after "--" on the kernel command line; path: where the program is."""
        if self.shell is not None:
            return ["/bin/sh"]
        return [path] + expand(self.argv, values).split()

    def typed_lines(self, values: Values) -> List[str]:
        return [expand(line, values) for line in (self.shell or [])]

    def expected(self, values: Values) -> List[ExpectedLine]:
        """[(text to show, compiled regex, tagged)] for the expected lines (tagged ones
        only count if the tag is right)."""
        out: List[ExpectedLine] = []
        for e in self.expect:
            if isinstance(e, Re):
                pattern = expand(e.pattern, values, re.escape)
                out.append(("/%s/" % pattern, re.compile(pattern), True))
            elif isinstance(e, Plain):
                line = expand(e.text, values)
                out.append((line, re.compile(re.escape(line.rstrip())), False))
            else:
                line = expand(e, values)
                out.append((line, re.compile(re.escape(line.rstrip())), True))
        return out

    def expected_status(self, values: Values) -> Optional[int]:
        if self.status is None:
            return None
        return int(expand(str(self.status), values))
