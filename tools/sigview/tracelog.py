"""Reading a sigtrace log: the kernel log's "sigtrace: " lines, the frame pictures under
them, and (with sigtrace=detail) their "sigdetail: " values, as a list of Events.

Every sigtrace line becomes exactly one Event, or the log is refused: a line that
matches no known form, or a picture or detail cut short, raises TraceError naming the
line. Lines that are not sigtrace's (the boot banner, a program's console output) are
skipped: the input may be the whole serial log.
"""

import re
from typing import Dict, List, Optional, Tuple

PICTURE_LINES = 14      # trace_x86_64.c draws each frame in 14 lines

# "sigtrace: [SECONDS pid N] ": sigtrace=detail's guest time and running pid.
PREFIX = re.compile(r"^\[(?P<secs>\d+)\.(?P<ns>\d{9}) pid (?P<ctx>\d+)\] ")

PROC = r"pid (?P<pid>\d+) \((?P<name>[^)]*)\)"
MASKS = r"still pending (?P<pending>0x[0-9a-f]+|0), blocked (?P<blocked>0x[0-9a-f]+|0)"
SIG = r"(?P<sig>SIG[A-Z0-9]+)"
CODE = r"si_code (?P<code>-?\d+) \((?P<codename>[A-Z_?]+)\)"

# Each kind of line, as the kernel writes it (kern/signal/trace.c and its callers).
FORMS: List[Tuple[str, "re.Pattern[str]"]] = [(kind, re.compile(rx)) for kind, rx in [
    ("generate", r"^generate  " + SIG + r" +-> " + PROC +
     r" (?:by a fault at (?P<addr>\S+)|by the kernel|for I/O on fd (?P<fd>\d+)"
     r"|from pid (?P<sender>\d+)), " + CODE + r"(?:, band (?P<band>\S+))?: (?P<outcome>.+)$"),
    ("frame", r"^frame     " + SIG + r" +in " + PROC + r": handler (?P<handler>\S+), "
     r"flags (?P<flags>[A-Z_|0]+), on (?P<stack>the alternate|the process) stack$"),
    ("sigreturn", r"^sigreturn " + PROC + r": (?:back to rip (?P<rip>\S+) rsp (?P<rsp>\S+) "
     r"rax (?P<rax>-?\d+), blocked (?P<blocked>\S+)|bad frame at (?P<badframe>\S+): SIGSEGV)$"),
    ("restart", r"^restart   syscall (?P<nr>\d+) returned (?P<ret>-[A-Z_]+|\?): "
     r"(?P<decision>.+)$"),
    ("timer", r"^timer     " + SIG + r" +for " + PROC + r": POSIX timer (?P<timer>\d+) "
     r"expired, (?:overrun (?P<overrun>\d+)|its signal still pending: overrun now "
     r"(?P<overrun_now>\d+))$"),
    ("signalfd", r"^signalfd  " + SIG + r" +read by " + PROC + r", " + CODE + r", " + MASKS + r"$"),
    ("sigio", r"^sigio     fd (?P<fd>\d+) (?P<band>POLL_IN|POLL_OUT) to pid (?P<pid>\d+): "
     + SIG + r"$"),
    ("ptrace", r"^ptrace    (?:" + SIG + r" +in )?" + PROC + r"[: ] ?(?P<what>.+)$"),
    # sigtrace_event: "dequeue", "stop", "terminate with core", "ignore (SIG_IGN)", ...
    ("event", r"^(?P<what>[a-z][a-z ()_A-Z]*?) +" + SIG + r" +in " + PROC + r", " + MASKS + r"$"),
]]

DETAIL = re.compile(r"^(?P<what>frame|ucontext|sigcontext|siginfo|regs (?:saved|before sigreturn"
                    r"|after sigreturn)) pid (?P<pid>\d+): (?P<values>.+)$")
DETAIL_NAMES = {"frame": 6, "ucontext": 7, "sigcontext": 5, "siginfo": 7, "regs": 20}


class TraceError(Exception):
    """A log sigview refuses, with the line that made it refuse."""

    def __init__(self, line_no: int, why: str, line: str = "") -> None:
        shown = (": %r" % line[:120]) if line else ""
        super().__init__("line %d: %s%s" % (line_no, why, shown))
        self.line_no = line_no


class Event:
    """One sigtrace line: its kind, the fields its form names, and what came under it."""

    def __init__(self, index: int, line_no: int, kind: str, fields: Dict[str, str],
                 text: str, time_ns: Optional[int], ctx_pid: Optional[int]) -> None:
        self.index = index
        self.line_no = line_no
        self.kind = kind                # a FORMS name; "event" ones say which in fields["what"]
        self.fields = fields
        self.text = text                # the line without "sigtrace: " and the time prefix
        self.time_ns = time_ns
        self.ctx_pid = ctx_pid          # the running process's pid (sigtrace=detail only)
        self.picture: List[str] = []    # a frame's picture, as drawn
        self.detail: Dict[str, Dict[str, str]] = {}     # "regs saved" -> {"rip": "0x..."}

    @property
    def name(self) -> str:
        """The kind students read: "dequeue", "terminate", "frame", "generate"..."""
        return self.fields.get("what", self.kind) if self.kind == "event" else self.kind

    def pid(self) -> Optional[int]:
        """The process the event is about (a restart's is the one running)."""
        if "pid" in self.fields:
            return int(self.fields["pid"])
        return self.ctx_pid

    def to_json(self) -> Dict[str, object]:
        return {"i": self.index, "line": self.line_no, "kind": self.kind, "name": self.name,
                "f": self.fields, "text": self.text, "t": self.time_ns, "ctx": self.ctx_pid,
                "pid": self.pid(), "picture": self.picture, "detail": self.detail}


def parse_values(text: str, line_no: int, line: str) -> Dict[str, str]:
    """"rip 0x4013bb rsp 0x7fff..." -> {"rip": "0x4013bb", ...}"""
    words = text.split()
    if len(words) % 2:
        raise TraceError(line_no, "sigdetail values come in name-value pairs", line)
    return dict(zip(words[0::2], words[1::2]))


def parse_line(text: str, line_no: int) -> Tuple[str, Dict[str, str]]:
    for kind, form in FORMS:
        m = form.match(text)
        if m:
            return kind, {k: v for k, v in m.groupdict().items() if v is not None}
    raise TraceError(line_no, "not a sigtrace line sigview knows", "sigtrace: " + text)


class Reader:
    """Walks the log line by line; a frame's picture and details attach to its event."""

    def __init__(self) -> None:
        self.events: List[Event] = []
        self.timed: Optional[bool] = None
        self.picture_of: Optional[Event] = None     # a frame still drawing its picture
        self.before: Dict[int, Dict[str, str]] = {}     # pid -> its "regs before sigreturn"

    def sigtrace_line(self, rest: str, line_no: int) -> None:
        self.end_picture(line_no)
        m = PREFIX.match(rest)
        if self.timed is None:
            self.timed = m is not None
        elif self.timed != (m is not None):
            raise TraceError(line_no, "some sigtrace lines have times and some do not",
                             "sigtrace: " + rest)
        time_ns = ctx = None
        if m:
            time_ns = int(m.group("secs")) * 10**9 + int(m.group("ns"))
            ctx = int(m.group("ctx"))
            if self.events and time_ns < (self.events[-1].time_ns or 0):
                raise TraceError(line_no, "time goes backwards", "sigtrace: " + rest)
            rest = rest[m.end():]
        kind, fields = parse_line(rest, line_no)
        if ctx is None and "pid" not in fields:
            # A plain trace's restart line names no pid: it is the running process's,
            # which the line before (its dequeue, or its continue) named.
            if not self.events:
                raise TraceError(line_no, "a restart line before any line naming its "
                                 "process", "sigtrace: " + rest)
            ctx = self.events[-1].pid()
        ev = Event(len(self.events), line_no, kind, fields, rest, time_ns, ctx)
        self.events.append(ev)
        if kind == "frame":
            self.picture_of = ev
        if kind == "sigreturn" and ev.pid() in self.before:
            ev.detail["regs before sigreturn"] = self.before.pop(ev.pid() or 0)

    def picture_line(self, line: str) -> bool:
        ev = self.picture_of
        if ev is None or not line.startswith("    ") or len(ev.picture) >= PICTURE_LINES:
            return False
        ev.picture.append(line.rstrip())
        return True

    def end_picture(self, line_no: int) -> None:
        ev = self.picture_of
        if ev is not None and len(ev.picture) != PICTURE_LINES:
            raise TraceError(ev.line_no, "the frame's picture has %d of its %d lines (cut "
                             "off before line %d?)" % (len(ev.picture), PICTURE_LINES, line_no),
                             "sigtrace: " + ev.text)
        self.picture_of = None

    def detail_line(self, rest: str, line_no: int) -> None:
        self.end_picture(line_no)
        m = DETAIL.match(rest)
        if not m:
            raise TraceError(line_no, "not a sigdetail line sigview knows", "sigdetail: " + rest)
        values = parse_values(m.group("values"), line_no, rest)
        what = m.group("what")
        if len(values) != DETAIL_NAMES[what.split()[0]]:
            raise TraceError(line_no, "sigdetail %s has %d values, not %d (cut off?)" % (
                what, len(values), DETAIL_NAMES[what.split()[0]]), "sigdetail: " + rest)
        if what == "regs before sigreturn":    # it comes before its sigreturn line
            self.before[int(m.group("pid"))] = values
            return
        owner = self.detail_owner(what, int(m.group("pid")))
        if owner is None:
            raise TraceError(line_no, "sigdetail %s with no frame or sigreturn of pid %s "
                             "before it" % (what, m.group("pid")), "sigdetail: " + rest)
        owner.detail[what] = values

    def detail_owner(self, what: str, pid: int) -> Optional[Event]:
        """The frame or sigreturn line of pid that the detail follows."""
        for ev in reversed(self.events):
            if ev.pid() == pid and ev.kind in ("frame", "sigreturn"):
                return ev
        return None

    def finish(self, line_no: int) -> List[Event]:
        self.end_picture(line_no)
        return self.events


def parse_log(text: str) -> List[Event]:
    """The events of a kernel log, in order; TraceError if any sigtrace line is bad."""
    reader = Reader()
    lines = text.split("\n")
    for line_no, raw in enumerate(lines, 1):
        line = raw.rstrip("\r")
        if line.startswith("sigtrace: "):
            reader.sigtrace_line(line[len("sigtrace: "):], line_no)
        elif line.startswith("sigdetail: "):
            reader.detail_line(line[len("sigdetail: "):], line_no)
        elif not reader.picture_line(line):
            reader.end_picture(line_no)
    return reader.finish(len(lines))


def parse_prefix(text: str) -> Tuple[List[Event], Optional[TraceError]]:
    """The events before the first bad line, and the error (None: the whole log read).
    For the grader, whose student kernel may die in the middle of a line: the page
    shows what came before and names the line where the trace stops making sense."""
    try:
        return parse_log(text), None
    except TraceError as first:
        lines = text.split("\n")
        cut = first.line_no - 1
        while cut > 0:
            try:
                return parse_log("\n".join(lines[:cut])), first
            except TraceError as e:
                cut = min(cut, e.line_no) - 1
        return [], first
