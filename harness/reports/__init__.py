"""Reports of a test session, written into one directory.

:func:`build` turns the session's TestResults into one report dict (the
JSON report's content); every writer takes that dict:

  report.json    :mod:`harness.reports.jsonreport`  every test, the summary
  junit.xml      pytest's own --junitxml (:mod:`harness.reports.junit`
                 points it here and tidies it; not written from the dict)
  results.json   :mod:`harness.reports.gradescope`  Gradescope autograder
  report.html    :mod:`harness.reports.htmlreport`  score table, SVG chart

An infrastructure error is never scored 0 in any of them: its score is
absent (JSON null), and the summary says the grade is incomplete."""

import datetime
import os

from harness import differential, grading
from harness.reports import gradescope, htmlreport, jsonreport

WRITERS = (("report.json", jsonreport.write),
           ("results.json", gradescope.write),
           ("report.html", htmlreport.write))


def build(results, meta=None, differential_mode=False):
    """The report dict of RESULTS (grading.TestResult list)."""
    tests = [r.to_dict() for r in results]
    report = {"meta": dict(meta or {}),
              "summary": grading.totals(results),
              "tests": tests}
    report["meta"].setdefault(
        "created", datetime.datetime.now().isoformat(timespec="seconds"))
    report["meta"]["differential"] = bool(differential_mode)
    if differential_mode:
        report["differential"] = differential.compare(tests)
    return report


def write_all(report, directory, gradescope_config=None):
    """Write every report of REPORT into DIRECTORY (results.json under
    GRADESCOPE_CONFIG, see gradescope.results); return the paths."""
    os.makedirs(directory, exist_ok=True)
    paths = []
    for name, write in WRITERS:
        path = os.path.join(directory, name)
        if write is gradescope.write:
            write(report, path, gradescope_config)
        else:
            write(report, path)
        paths.append(path)
    return paths
