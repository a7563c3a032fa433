"""What joins sigtrace's events into a story: which delivery a generation led to,
which sigreturn ended a handler, when a process was stopped, when it exited. The page
draws these as lines and bars between the events' marks."""

import re
from typing import Dict, List, Optional, Tuple

from sigview.tracelog import Event

# A generation that left the signal pending ends at one of these (for that pid and signal).
CONSUMERS = ("dequeue", "sigwait", "signalfd")
HEX = re.compile(r"^\s*([0-9a-f]{16})\s")

# The system calls sigtrace's restart lines name most (Linux x86-64 numbers).
SYSCALL_NAMES = {0: "read", 1: "write", 7: "poll", 23: "select", 34: "pause",
                 35: "nanosleep", 61: "wait4", 130: "rt_sigsuspend", 128: "rt_sigtimedwait",
                 202: "futex", 230: "clock_nanosleep", 232: "epoll_wait", 247: "waitid",
                 271: "ppoll", 270: "pselect6", 43: "accept", 45: "recvfrom", 19: "readv"}


def lanes(events: List[Event]) -> List[Tuple[int, str]]:
    """(pid, name) of every process the trace names, in pid order."""
    names: Dict[int, str] = {}
    for ev in events:
        for key in ("pid", "sender"):
            if key in ev.fields:
                pid = int(ev.fields[key])
                if key == "pid" and "name" in ev.fields:
                    names[pid] = ev.fields["name"]
                else:
                    names.setdefault(pid, "")
        if ev.ctx_pid:
            names.setdefault(ev.ctx_pid, "")
    return sorted(names.items())


def deliveries(events: List[Event]) -> Dict[int, int]:
    """generate event index -> the index of the event that took the signal out of the
    pending set (first in, first out per pid and signal, as real-time signals queue)."""
    waiting: Dict[Tuple[int, str], List[int]] = {}
    links: Dict[int, int] = {}
    for ev in events:
        key = (ev.pid() or 0, ev.fields.get("sig", ""))
        if ev.kind == "generate" and ev.fields["outcome"].startswith("pending"):
            waiting.setdefault(key, []).append(ev.index)
        elif ev.name in CONSUMERS and waiting.get(key):
            links[waiting[key].pop(0)] = ev.index
    return links


def handler_runs(events: List[Event]) -> Dict[int, Optional[int]]:
    """frame index -> the sigreturn that ended that handler (None: it never returned).
    Handlers nest: a sigreturn ends the pid's newest frame."""
    open_frames: Dict[int, List[int]] = {}
    runs: Dict[int, Optional[int]] = {}
    for ev in events:
        pid = ev.pid() or 0
        if ev.kind == "frame":
            open_frames.setdefault(pid, []).append(ev.index)
            runs[ev.index] = None
        elif ev.kind == "sigreturn" and open_frames.get(pid):
            runs[open_frames[pid].pop()] = ev.index
    return runs


def stops(events: List[Event]) -> List[Tuple[int, int, Optional[int]]]:
    """(pid, stop index, continued index or None): the spans a process spent stopped."""
    stopped: Dict[int, int] = {}
    spans: List[Tuple[int, int, Optional[int]]] = []
    for ev in events:
        pid = ev.pid() or 0
        if ev.name == "stop":
            stopped[pid] = ev.index
        elif ev.name == "continued" and pid in stopped:
            spans.append((pid, stopped.pop(pid), ev.index))
    spans += [(pid, i, None) for pid, i in stopped.items()]
    return spans


def exits(events: List[Event]) -> List[Tuple[int, int, str]]:
    """(pid, event index, how): a child's end, which its parent's SIGCHLD reports."""
    out: List[Tuple[int, int, str]] = []
    for ev in events:
        f = ev.fields
        if ev.kind == "generate" and f["sig"] == "SIGCHLD" and "sender" in f and \
                f["codename"] in ("CLD_EXITED", "CLD_KILLED", "CLD_DUMPED"):
            out.append((int(f["sender"]), ev.index, f["codename"]))
    return out


def frame_geometry(ev: Event) -> Dict[str, Optional[int]]:
    """The addresses of a frame's picture (None where the picture says ADDR)."""
    def at(line: int) -> Optional[int]:
        m = HEX.match(ev.picture[line]) if line < len(ev.picture) else None
        return int(m.group(1), 16) if m else None
    frame = ev.detail.get("frame", {})
    if frame:
        return {k: int(frame[k], 16) for k in ("frame", "fpstate", "rsp")}
    return {"rsp": at(0), "fpstate": at(3), "frame": at(13)}


def restart_label(ev: Event) -> str:
    nr = int(ev.fields["nr"])
    what = ev.fields["decision"].split(": ")[-1]
    return "%s: %s" % (SYSCALL_NAMES.get(nr, "syscall %d" % nr), what)


def summary(events: List[Event]) -> Dict[str, object]:
    """Everything the page needs besides the events themselves."""
    return {
        "lanes": [{"pid": pid, "name": name} for pid, name in lanes(events)],
        "links": deliveries(events),
        "handlers": handler_runs(events),
        "stops": stops(events),
        "exits": exits(events),
        "frames": {ev.index: frame_geometry(ev) for ev in events if ev.kind == "frame"},
        "restarts": {ev.index: restart_label(ev) for ev in events if ev.kind == "restart"},
    }
