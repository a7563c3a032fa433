"""What a grading run produced, as text (a table per lab), JSON, JUnit XML, or the
results.json of Gradescope-style autograders."""

import json
import os
import xml.etree.ElementTree as ET
from typing import Any, Callable, Dict, Iterable, List, Sequence, Tuple

from .gradelib import Lab, Test
from .runner import PASS, PREREQ, Result


class Report:
    """Results of one grading run. labs: the Lab objects graded, in order; results:
    test id -> Result for every test run (graded ones and prerequisites)."""

    def __init__(self, labs: Sequence[Lab], graded: Sequence[Test], results: Dict[str, Result],
                 seed: str, secs: float, notes: Iterable[str] = ()) -> None:
        self.labs, self.graded, self.results = labs, graded, results
        self.seed, self.secs, self.notes = seed, secs, list(notes)

    def lab_results(self, lab: Lab) -> List[Result]:
        return [self.results[t.id] for t in self.graded if t.lab == lab.number]

    def lab_score(self, lab: Lab) -> Tuple[int, int]:
        rs = self.lab_results(lab)
        return sum(r.score for r in rs), sum(r.test.points for r in rs)

    def prerequisites(self) -> List[Result]:
        ids = {t.id for t in self.graded}
        return [r for tid, r in self.results.items() if tid not in ids]

    def total(self) -> Tuple[int, int]:
        scores = [self.lab_score(l) for l in self.labs]
        return sum(s for s, _ in scores), sum(m for _, m in scores)

    def percent(self) -> float:
        got, out_of = self.total()
        return 100.0 * got / out_of if out_of else 0.0


# ---- text ----------------------------------------------------------------------

def indent(text: str, prefix: str = "      ") -> str:
    return "".join(prefix + line + "\n" for line in text.splitlines())


def test_line(r: Result) -> str:
    return "  %-22s %3d/%-3d %-8s %5.1fs" % (r.test.name, r.score, r.test.points, r.verdict, r.secs)


def shown_path(path: str) -> str:
    """A path relative to the current directory when it is below it."""
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def failure_text(r: Result) -> str:
    """What a student needs to see for a test that did not pass."""
    out = r.details.rstrip("\n") + "\n" if r.details else ""
    if r.log:
        out += "full log: %s\n" % shown_path(r.log)
    if r.timeline:
        out += "timeline: %s (open it in a browser)\n" % shown_path(r.timeline)
    return out


def lab_header(lab: Lab) -> str:
    return "lab %d: %s" % (lab.number, lab.title)


def lab_footer(report: Report, lab: Lab) -> str:
    got, out_of = report.lab_score(lab)
    return "lab%d: %d/%d" % (lab.number, got, out_of)


def total_text(report: Report) -> str:
    got, out_of = report.total()
    lines: List[str] = []
    pre = report.prerequisites()
    if pre:
        lines.append("prerequisites (earlier labs' tests these need; not scored here):")
        for r in pre:
            lines.append("  %-28s %-8s %5.1fs" % (r.test.id, r.verdict, r.secs))
            if r.verdict != PASS:
                lines.append(indent(failure_text(r)).rstrip("\n"))
    lines.append("total: %d/%d (%.1f%%) in %.0f s; GRADE_SEED=%s reproduces this run's values"
                 % (got, out_of, report.percent(), report.secs, report.seed))
    return "\n".join(lines) + "\n"


# ---- machine-readable formats --------------------------------------------------

def test_dict(r: Result) -> Dict[str, Any]:
    return {"id": r.test.id, "lab": r.test.lab, "name": r.test.name, "points": r.test.points,
            "score": r.score, "verdict": r.verdict, "seconds": round(r.secs, 2),
            "nonce": r.nonce, "log": r.log, "timeline": r.timeline, "details": r.details}


def to_json(report: Report) -> str:
    got, out_of = report.total()
    labs: List[Dict[str, Any]] = []
    for lab in report.labs:
        s, m = report.lab_score(lab)
        labs.append({"lab": lab.number, "title": lab.title, "score": s, "max": m,
                     "tests": [test_dict(r) for r in report.lab_results(lab)]})
    return json.dumps({"seed": report.seed, "seconds": round(report.secs, 1), "labs": labs,
                       "prerequisites": [test_dict(r) for r in report.prerequisites()],
                       "score": got, "max": out_of, "percent": round(report.percent(), 1),
                       "notes": report.notes}, indent=2) + "\n"


def to_gradescope(report: Report) -> str:
    """Gradescope's results.json: tests with name, score, max_score, output."""
    tests: List[Dict[str, Any]] = []
    for lab in report.labs:
        for i, r in enumerate(report.lab_results(lab), 1):
            output = "%s in %.1f s" % (r.verdict, r.secs)
            if r.verdict != PASS:
                output += "\n" + failure_text(r)
            tests.append({"name": r.test.id, "number": "%d.%d" % (lab.number, i),
                          "score": r.score, "max_score": r.test.points,
                          "status": "passed" if r.verdict == PASS else "failed",
                          "output": output, "visibility": "visible"})
    got, _ = report.total()
    summary = "\n".join(lab_footer(report, lab) for lab in report.labs)
    if report.notes:
        summary = "\n".join(report.notes) + "\n" + summary
    return json.dumps({"score": got, "execution_time": round(report.secs, 1),
                       "output": summary, "stdout_visibility": "visible",
                       "tests": tests}, indent=2) + "\n"


def to_junit(report: Report) -> str:
    got, out_of = report.total()
    def failed(rs: Sequence[Result]) -> str:
        return str(sum(r.verdict not in (PASS, PREREQ) for r in rs))

    def skipped(rs: Sequence[Result]) -> str:
        return str(sum(r.verdict == PREREQ for r in rs))

    graded = [report.results[t.id] for t in report.graded]
    suites = ET.Element("testsuites", name="siglab grade", tests=str(len(graded)),
                        failures=failed(graded), skipped=skipped(graded),
                        time="%.1f" % report.secs)
    for lab in report.labs:
        rs = report.lab_results(lab)
        s, m = report.lab_score(lab)
        suite = ET.SubElement(suites, "testsuite", name="lab%d" % lab.number,
                              tests=str(len(rs)), failures=failed(rs), skipped=skipped(rs),
                              time="%.1f" % sum(r.secs for r in rs))
        props = ET.SubElement(suite, "properties")
        ET.SubElement(props, "property", name="title", value=lab.title)
        ET.SubElement(props, "property", name="score", value="%d/%d" % (s, m))
        for r in rs:
            case = ET.SubElement(suite, "testcase", classname="siglab.lab%d" % lab.number,
                                 name=r.test.name, time="%.2f" % r.secs)
            cprops = ET.SubElement(case, "properties")
            ET.SubElement(cprops, "property", name="points", value=str(r.test.points))
            ET.SubElement(cprops, "property", name="score", value=str(r.score))
            if r.verdict == PREREQ:
                # Not run: CI systems show it as skipped, not as one more failure.
                ET.SubElement(case, "skipped", message=r.details)
            elif r.verdict != PASS:
                fail = ET.SubElement(case, "failure", type=r.verdict,
                                     message="%s (0/%d points)" % (r.verdict, r.test.points))
                fail.text = failure_text(r)
    tree = ET.ElementTree(suites)
    ET.indent(tree)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<!-- siglab grade: %d/%d -->\n'
            % (got, out_of) + ET.tostring(suites, encoding="unicode") + "\n")


FORMATS: Dict[str, Callable[[Report], str]] = {"json": to_json, "junit": to_junit, "gradescope": to_gradescope}
