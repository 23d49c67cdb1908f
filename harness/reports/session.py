"""pytest hooks: write every report at the end of a session into
``--report-dir`` (default build/reports; ``--report-dir=`` writes none).
junit.xml there is pytest's own ``--junitxml`` (harness.reports.junit)."""

import os
import time

import pytest

from harness import grading, reports
from harness.machine import ROOT
from harness.reports import junit


def pytest_addoption(parser):
    parser.getgroup("phoenix").addoption(
        "--report-dir", default=os.path.join(ROOT, "build", "reports"),
        help="write report.json, junit.xml, results.json and report.html "
             "here at the end of the session (default build/reports; "
             "empty: no reports)")


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    """pytest's junitxml writes junit.xml into the report directory (on
    the controller only: an xdist worker writes no reports)."""
    if not hasattr(config, "workerinput"):
        junit.configure(config, config.getoption("report_dir"))


def artifacts_of(nodeid, since=0):
    """(directory, console log) kept for test NODEID by the plugin
    (build/artifacts/<test>, or its module's directory for a module
    machine) at SINCE (a time.time()) or later, or (None, None) when
    nothing was kept (an older directory is another session's)."""
    from harness.plugin import artifacts_dir     # late: plugin imports us
    for node in (nodeid, nodeid.split("::", 1)[0]):
        d = artifacts_dir(node)
        if os.path.isdir(d) and os.path.getmtime(d) >= since:
            logs = sorted(n for n in os.listdir(d)
                          if n.endswith("console.log"))
            return d, (os.path.join(d, logs[0]) if logs else None)
    return None, None


def session_report(config):
    """The report dict of this session so far; a test that failed or
    errored names its kept artifacts ("artifacts", "console_log")."""
    g = grading.grader(config)
    meta = {"emulator": config.getoption("emulator", None),
            "timeout_scale": config.getoption("timeout_scale", None)}
    if g:
        meta["execution_time"] = round(time.time() - g.started, 3)
    report = reports.build(
        g.ordered() if g else [], meta=meta,
        differential_mode=bool(config.getoption("differential", False)))
    since = g.started - 1 if g else 0
    for t in report["tests"]:
        if t["outcome"] in ("failed", "error"):
            d, log = artifacts_of(t["nodeid"], since)
            if d:
                t["artifacts"], t["console_log"] = d, log
    return report


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    config = session.config
    if hasattr(config, "workerinput"):      # an xdist worker: master writes
        return
    directory = config.getoption("report_dir")
    report = session_report(config) if directory or junit.path_of(config) \
        else None
    # After junitxml's own sessionfinish (trylast): its file is written.
    junit.tidy(junit.path_of(config), report)
    if not directory:
        return
    config._harness_report = report
    reports.write_all(report, directory)


def pytest_terminal_summary(terminalreporter, config):
    report = getattr(config, "_harness_report", None)
    if report is None or not report["tests"]:
        return
    s = report["summary"]
    terminalreporter.write_sep("-", "grading")
    terminalreporter.write_line(grading.score_line(s))
    directory = config.getoption("report_dir")
    terminalreporter.write_line("reports in %s" % directory)
    for name in [n for n, _ in reports.WRITERS] + [junit.FILENAME]:
        path = os.path.join(directory, name)
        if name == junit.FILENAME:
            path = junit.path_of(config) or path
        if os.path.isfile(path):
            terminalreporter.write_line("  %s" % path)
    kept = sorted({t["artifacts"] for t in report["tests"]
                   if t.get("artifacts")})
    if kept:
        terminalreporter.write_line("what the failing tests left (console "
                                    "logs...):")
        for d in kept[:10]:
            terminalreporter.write_line("  %s" % d)
        if len(kept) > 10:
            terminalreporter.write_line("  ... and %d more under %s"
                                        % (len(kept) - 10,
                                           os.path.dirname(kept[0])))
