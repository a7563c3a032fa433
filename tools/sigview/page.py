"""One self-contained HTML page from a trace: the events and their story as JSON, with
sigview.js (which draws the timeline and the frame panels) and sigview.css inlined.
Nothing is fetched when the page is viewed."""

import html
import json
import os
from typing import Dict, List, Optional

from sigview import story
from sigview.tracelog import Event

HERE = os.path.dirname(os.path.abspath(__file__))


def asset(name: str) -> str:
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return f.read()


def page_data(events: List[Event], title: str, first_difference: Optional[int] = None,
              note: str = "") -> Dict[str, object]:
    return {"title": title, "timed": bool(events) and events[0].time_ns is not None,
            "events": [ev.to_json() for ev in events], "story": story.summary(events),
            "firstDifference": first_difference, "note": note}


class Trace:
    """One timeline of a page: a title, the events, the event to highlight (the first
    difference from another trace) and a note to show above it."""

    def __init__(self, title: str, events: List[Event], first_difference: Optional[int] = None,
                 note: str = "") -> None:
        self.title, self.events = title, events
        self.first_difference, self.note = first_difference, note


def script_json(data: object) -> str:
    """JSON safe inside <script>: no "</script>" or "<!--" can end it early."""
    return json.dumps(data, sort_keys=True).replace("<", "\\u003c").replace(">", "\\u003e") \
        .replace("&", "\\u0026")


def render(events: List[Event], title: str, first_difference: Optional[int] = None) -> str:
    """The page for one trace (first_difference: the event to highlight, see diff.py)."""
    return render_many([Trace(title, events, first_difference)], title)


def render_many(traces: List[Trace], title: str) -> str:
    """A page with one timeline per trace, one above the other (the grader's student
    and reference runs)."""
    data = [page_data(t.events, t.title, t.first_difference, t.note) for t in traces]
    return """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>sigview: %(title)s</title>
<style>
%(css)s</style></head>
<body>
<h1>sigview: %(title)s</h1>
<p class="help">Each lane is a process; time runs left to right (guest time; long quiet
stretches are squeezed). Click a mark for its line of the trace; click a <b>frame</b>
mark for the signal frame on the user stack and the registers around its sigreturn.</p>
<div id="traces"></div>
<div id="panel" class="panel" hidden></div>
<script id="sigview-data" type="application/json">%(data)s</script>
<script>
%(js)s</script>
</body></html>
""" % {"title": html.escape(title), "css": asset("sigview.css"), "js": asset("sigview.js"),
       "data": script_json(data)}
