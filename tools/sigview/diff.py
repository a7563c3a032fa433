"""Where two traces of the same program part ways: the grader's student kernel and the
reference kernel, for one test run with the same values."""

import re
from typing import List, Optional

from sigview.tracelog import Event

# Code and stack addresses move when a program is rebuilt (as in tests/run_tests.py).
ADDRESS = re.compile(r"\b(0x4[0-9a-f]{5}|0x7fff[0-9a-f]{8}|00007fff[0-9a-f]{8})\b")


def comparable(ev: Event) -> str:
    return ADDRESS.sub("ADDR", ev.text)


def first_difference(a: List[Event], b: List[Event]) -> Optional[int]:
    """The index of the first event that is not the same in both (where the shorter
    one ends, if one is the other's beginning), or None if they are the same."""
    for i, (x, y) in enumerate(zip(a, b)):
        if comparable(x) != comparable(y):
            return i
    return None if len(a) == len(b) else min(len(a), len(b))
