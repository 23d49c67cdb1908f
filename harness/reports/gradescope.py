"""Gradescope autograder results (results.json): ``score``, ``output`` and
``tests``: one {name, score, max_score, output, status, visibility} per test
worth points (or every test when none is). An infrastructure error has no
``score`` (Gradescope must not read it as 0); its output and the top-level
output say the grade is incomplete, and the top-level ``score`` then only
covers the graded tests."""

import json

from harness import grading


def _output(t):
    lines = []
    if t["outcome"] == "error":
        lines.append("ERROR: infrastructure failure, not graded "
                     "(the grade is incomplete)")
    elif t["outcome"] == "skipped":
        lines.append("SKIPPED")
    elif t["outcome"] == "failed":
        lines.append("FAILED")
    else:
        lines.append("PASSED")
    for reason in t.get("credit") or ():
        lines.append("partial credit " + reason)
    for key, value in sorted((t.get("properties") or {}).items()):
        lines.append("%s: %s" % (key, value))
    if t.get("message"):
        lines.append(t["message"])
    return "\n".join(lines)


def results(report):
    """The results.json dict of REPORT."""
    graded = [t for t in report["tests"] if t["points"]] or report["tests"]
    tests = []
    for t in graded:
        entry = {"name": t["nodeid"], "max_score": t["points"],
                 "output": _output(t), "visibility": "visible",
                 "status": "passed" if t["outcome"] == "passed"
                 else "failed"}
        if t["score"] is not None:
            entry["score"] = t["score"]
        tests.append(entry)
    s = report["summary"]
    return {"score": s["score"], "tests": tests,
            "output": grading.score_line(s)}


def write(report, path):
    with open(path, "w") as f:
        json.dump(results(report), f, indent=2)
        f.write("\n")
