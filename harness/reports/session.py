"""pytest hooks: write every report at the end of a session into
``--report-dir`` (default build/reports; ``--report-dir=`` writes none)."""

import os
import time

import pytest

from harness import grading, reports
from harness.machine import ROOT


def pytest_addoption(parser):
    parser.getgroup("phoenix").addoption(
        "--report-dir", default=os.path.join(ROOT, "build", "reports"),
        help="write report.json, junit.xml, results.json and report.html "
             "here at the end of the session (default build/reports; "
             "empty: no reports)")


def session_report(config):
    """The report dict of this session so far."""
    g = grading.grader(config)
    meta = {"emulator": config.getoption("emulator", None),
            "timeout_scale": config.getoption("timeout_scale", None)}
    if g:
        meta["execution_time"] = round(time.time() - g.started, 3)
    return reports.build(
        g.ordered() if g else [], meta=meta,
        differential_mode=bool(config.getoption("differential", False)))


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    config = session.config
    if hasattr(config, "workerinput"):      # an xdist worker: master writes
        return
    directory = config.getoption("report_dir")
    if not directory:
        return
    report = session_report(config)
    config._harness_report = report
    reports.write_all(report, directory)


def pytest_terminal_summary(terminalreporter, config):
    report = getattr(config, "_harness_report", None)
    if report is None or not report["tests"]:
        return
    s = report["summary"]
    terminalreporter.write_sep("-", "grading")
    terminalreporter.write_line(grading.score_line(s))
    terminalreporter.write_line("reports in %s"
                                % config.getoption("report_dir"))
