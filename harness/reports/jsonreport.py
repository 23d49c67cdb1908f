"""The JSON report (report.json): ``meta``, ``summary`` (score, max_score,
complete, counts), ``tests`` (nodeid, name, outcome, points, fraction,
score — null for an error —, message, credit, properties, duration,
emulator, group, and the student-facing title, function, variant, hidden,
reason, detail, depends_on: see grading.TestResult) and, in differential
mode, ``differential``."""

import json
import os

FILENAME = "report.json"


def write(report, path):
    with open(path, "w") as f:
        json.dump(report, f, indent=2, sort_keys=True, default=str)
        f.write("\n")


def load(path):
    """The report dict in PATH (a report.json, or a directory holding
    one)."""
    if os.path.isdir(path):
        path = os.path.join(path, FILENAME)
    with open(path) as f:
        return json.load(f)
