"""Report writers, the differential comparison, the recovery-line parsers
and ``python3 -m harness`` on the host (no emulator)."""

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from harness import differential, recovery, reports, svgchart
from harness.grading import TestResult
from harness.machine import ROOT
from harness.reports import gradescope, htmlreport, jsonreport

CONSOLE = """\
# service fi hello crash; echo __rc:$?
rs: hello (endpoint 12) failed: exception (signal 4); restarting
hello: restarted (open count 2)
__rc:0
rs: hs (endpoint 14) failed: no heartbeat for 212 ticks; restarting
hello: restarted (open count 5)
readloop: 120 reads, 117 ok, 3 errors, 0 wrong
"""


def results():
    rec = {"recovery_kind": "crash", "recovery_label": "hello",
           "recovery_time_ms": 180.5, "detection_latency_ms": 20.0,
           "state_kept": True, "client_errors": 1}
    hang = dict(rec, recovery_kind="hang", recovery_time_ms=2400.0,
                detection_latency_ms=2100.0)
    return [
        TestResult("t.py::test_ok[qemu]", "test_ok[qemu]", "passed", 2, 1.0,
                   2, emulator="qemu", group="t.py::test_ok",
                   properties=rec),
        TestResult("t.py::test_ok[bochs]", "test_ok[bochs]", "failed", 2,
                   1.0, 0, "AssertionError: boom", emulator="bochs",
                   group="t.py::test_ok", properties=hang),
        TestResult("t.py::test_half", "test_half", "passed", 4, 0.5, 2,
                   credit=["0.5: state lost"], title="Keeps half the state",
                   function="test_half"),
        TestResult("t.py::test_infra[qemu]", "test_infra[qemu]", "error", 3,
                   1.0, None, "EmulatorError: qemu-system-i386 missing",
                   emulator="qemu", group="t.py::test_infra"),
        TestResult("t.py::test_infra[bochs]", "test_infra[bochs]", "error",
                   3, 1.0, None, "EmulatorError", emulator="bochs",
                   group="t.py::test_infra"),
        TestResult("t.py::test_skip", "test_skip", "skipped", 1, 1.0, 0,
                   "depends on t.py::test_x, which did not pass (failed)",
                   title="Hidden: skips", function="test_skip", hidden=True,
                   depends_on="x works"),
    ]


@pytest.fixture
def written(tmp_path):
    report = reports.build(results(), differential_mode=True)
    reports.write_all(report, str(tmp_path))
    return tmp_path, report


def test_json_report_keeps_errors_as_null(written):
    d, _ = written
    report = jsonreport.load(str(d))
    s = report["summary"]
    assert (s["score"], s["max_score"], s["complete"]) == (4, 15, False)
    tests = {t["nodeid"]: t for t in report["tests"]}
    assert tests["t.py::test_infra[qemu]"]["score"] is None
    assert tests["t.py::test_infra[qemu]"]["outcome"] == "error"
    assert tests["t.py::test_ok[qemu]"]["properties"][
        "recovery_time_ms"] == 180.5
    assert tests["t.py::test_ok[qemu]"]["emulator"] == "qemu"
    assert "duration" in tests["t.py::test_half"]


# The elements and attributes of the common junit-10 schema (Jenkins'
# junit-10.xsd, the one most CI tools read): for each element, the
# attributes it may have, those it must have, and the elements it may
# hold (in any order and number: the schema's xs:choice).
JUNIT10 = {
    "testsuites": ({"name", "time", "tests", "failures", "disabled",
                    "errors"}, set(), {"testsuite"}),
    "testsuite": ({"name", "tests", "failures", "errors", "time",
                   "disabled", "skipped", "skips", "timestamp", "hostname",
                   "id", "package", "assertions", "file", "skip", "log",
                   "url"}, {"tests"},
                  {"testsuite", "properties", "testcase", "system-out",
                   "system-err"}),
    "properties": (set(), set(), {"property"}),
    "property": ({"name", "value"}, {"name", "value"}, set()),
    "testcase": ({"name", "assertions", "time", "timestamp", "classname",
                  "status", "class", "file", "line", "log", "group", "url"},
                 {"name"},
                 {"skipped", "error", "failure", "system-out",
                  "system-err"}),
    "skipped": ({"message", "type"}, set(), set()),
    "error": ({"message", "type"}, set(), set()),
    "failure": ({"message", "type"}, set(), set()),
    "system-out": (set(), set(), set()),
    "system-err": (set(), set(), set()),
}


def junit10_errors(element):
    """What in ELEMENT (and below) the junit-10 schema would refuse: a list
    of sentences, empty when the file has the schema's shape."""
    if element.tag not in JUNIT10:
        return ["unknown element <%s>" % element.tag]
    allowed, required, children = JUNIT10[element.tag]
    errors = ["<%s> has attribute %s" % (element.tag, a)
              for a in sorted(set(element.attrib) - allowed)]
    errors += ["<%s> lacks attribute %s" % (element.tag, a)
               for a in sorted(required - set(element.attrib))]
    for child in element:
        if child.tag not in children:
            errors.append("<%s> inside <%s>" % (child.tag, element.tag))
        else:
            errors += junit10_errors(child)
    return errors


JUNIT_SUITE = """
import pytest
from harness.machine import EmulatorError


class FakeMachine:
    def console_text(self):
        return "Phoenix booting\\nhello: panic at line 12\\n"


@pytest.fixture
def fake_machine(request):
    request.node._phoenix_machines = [FakeMachine()]


@pytest.mark.points(2)
def test_ok(record_property):
    record_property("recovery_time_ms", 180.5)


@pytest.mark.points(2)
def test_bad(fake_machine, record_property):
    record_property("recovery_kind", "crash")
    assert 1 + 1 == 3, "hello did not come back"


@pytest.mark.points(3)
def test_infra():
    raise EmulatorError("qemu-system-i386 missing")


def test_skip():
    pytest.skip("not today")
"""


def test_junit_has_errors_and_properties(pytester, tmp_path):
    """junit.xml is pytest's own (--junitxml into the report directory),
    has the junit-10 shape, and keeps a failure's assertion message, the
    guest console of the failing test and the recorded properties."""
    pytester.makepyfile(test_suite=JUNIT_SUITE)
    out = tmp_path / "rep"
    pytester.runpytest("-p", "harness.plugin", "--report-dir", str(out),
                       "-o", "junit_family=xunit2",
                       "-o", "junit_logging=system-out")
    root = ET.parse(out / "junit.xml").getroot()
    assert junit10_errors(root) == []
    suite = root.find("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors"),
            suite.get("skipped")) == ("4", "1", "1", "1")
    props = {p.get("name"): p.get("value")
             for p in suite.find("properties").iter("property")}
    assert (props["score"], props["max_score"], props["complete"]) == \
        ("2", "7", "False")
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    bad = cases["test_bad"]
    assert "hello did not come back" in bad.find("failure").get("message")
    out_text = bad.find("system-out").text
    assert "hello: panic at line 12" in out_text
    assert "recovery_kind=crash" in out_text
    assert "recovery_time_ms=180.5" in cases["test_ok"].find(
        "system-out").text
    assert "qemu-system-i386 missing" in \
        cases["test_infra"].find("error").get("message")
    assert cases["test_skip"].find("skipped") is not None
    assert cases["test_skip"].find("system-out") is None     # was empty
    assert cases["test_ok"].find("failure") is None


def test_junit_console_is_its_end_when_long(pytester, tmp_path,
                                            monkeypatch):
    """A long console goes into junit.xml by its end, saying where the
    whole log is kept."""
    from harness import plugin
    monkeypatch.setattr(plugin, "CONSOLE_REPORT_MAX", 40)
    pytester.makepyfile(test_long="""
import pytest

class Long:
    def console_text(self):
        return "boot line\\n" * 20 + "the last words\\n"

@pytest.fixture
def long_machine(request):
    request.node._phoenix_machines = [Long()]

def test_long(long_machine):
    assert 0
""")
    out = tmp_path / "rep"
    pytester.runpytest("-p", "harness.plugin", "--report-dir", str(out),
                       "-o", "junit_logging=system-out")
    case = ET.parse(out / "junit.xml").getroot().find("testsuite/testcase")
    text = case.find("system-out").text
    assert "the last words" in text and text.count("boot line") < 5
    assert "characters are left out; the whole log is kept under " \
        "build/artifacts/test_long.py_test_long]" in text


def test_junit10_check_refuses_what_the_old_writer_wrote():
    """The structural check catches what the hand-written writer did
    wrong: properties inside a testcase, an unknown attribute."""
    case = ET.fromstring('<testsuite name="x" tests="1"><testcase name="t">'
                         '<properties><property name="a" value="1"/>'
                         '</properties><failure message="m"/></testcase>'
                         '</testsuite>')
    assert junit10_errors(case) == ["<properties> inside <testcase>"]
    assert junit10_errors(ET.fromstring('<testcase name="t" x="1"/>')) == \
        ["<testcase> has attribute x"]


def test_gradescope_results(written):
    d, _ = written
    gs = json.loads((d / "results.json").read_text())
    assert gs["score"] == 4
    assert gs["output"].startswith("Score: ERROR, incomplete")
    assert gs["stdout_visibility"] == "hidden"
    assert isinstance(gs["execution_time"], int)
    tests = {t["name"]: t for t in gs["tests"]}
    for t in tests.values():
        assert {"name", "max_score", "output", "status",
                "visibility"} <= t.keys()
    # A report without titles: the name in words, its parameters kept.
    infra = tests["infra [qemu]"]
    assert "score" not in infra                 # never 0
    assert infra["max_score"] == 3 and "ERROR" in infra["output"]
    assert tests["Keeps half the state"]["score"] == 2
    assert "state lost" in tests["Keeps half the state"]["output"]
    skip = tests["Hidden: skips"]
    assert (skip["output"], skip["score"], skip["status"],
            skip["visibility"]) == ("not run: depends on x works", 0,
                                    "failed", "after_published")


def test_gradescope_all_errors_is_not_a_zero():
    only = [TestResult("a", "a", "error", 5, 1.0, None, "EmulatorError")]
    gs = gradescope.results(reports.build(only))
    assert "score" not in gs["tests"][0]
    assert "ERROR" in gs["output"] and "0/0" in gs["output"]


def test_differential_lists_disagreements(written):
    _, report = written
    diff = report["differential"]
    rows = {r["test"]: r for r in diff["tests"]}
    assert rows["t.py::test_ok"]["outcomes"] == {"qemu": "passed",
                                                 "bochs": "failed"}
    assert not rows["t.py::test_ok"]["agree"]
    assert rows["t.py::test_infra"]["agree"]
    assert [r["test"] for r in diff["disagreements"]] == ["t.py::test_ok"]
    assert "t.py::test_half" not in rows        # ran on one emulator


def test_html_has_table_chart_and_differential(written):
    d, _ = written
    page = (d / "report.html").read_text()
    assert '<table id="scores">' in page
    assert '<svg id="recovery-chart"' in page
    assert 'id="differential"' in page and "<script" not in page
    assert "error (not graded)" in page and "INCOMPLETE" in page
    series = htmlreport.recovery_series(results_dicts())
    assert series["crash"]["recovery"] == [180.5]
    assert series["hang"]["detection"] == [2100.0]


def test_html_failures_say_why_and_link_console_and_artifacts(tmp_path):
    """A failed test's reason, its detail and links (relative, to files
    that exist) to its console log and its artifacts; an error says it
    was not graded."""
    kept = tmp_path / "artifacts" / "t.py__test_ok_bochs_"
    kept.mkdir(parents=True)
    (kept / "console.log").write_text("hello: panic\n")
    report = reports.build(results())
    bad = [t for t in report["tests"] if t["nodeid"] ==
           "t.py::test_ok[bochs]"][0]
    bad.update(artifacts=str(kept), console_log=str(kept / "console.log"),
               detail="assert 1 == 2")
    out = tmp_path / "rep"
    reports.write_all(report, str(out))
    page = (out / "report.html").read_text()
    assert '<ul id="failures">' in page
    item = page[page.index('id="fail-t.py::test_ok[bochs]"'):]
    item = item[:item.index("</li>")]
    assert "AssertionError: boom" in item and "assert 1 == 2" in item
    hrefs = re.findall(r'href="([^"]+)"', item)
    assert hrefs == ["../artifacts/t.py__test_ok_bochs_/console.log",
                     "../artifacts/t.py__test_ok_bochs_/"]
    assert all((out / h).exists() for h in hrefs)
    infra = page[page.index('id="fail-t.py::test_infra[qemu]"'):]
    assert "infrastructure error (not graded): EmulatorError" in \
        infra[:infra.index("</li>")]
    assert "no console log kept" in infra[:infra.index("</li>")]


def test_session_report_finds_kept_artifacts(pytester, tmp_path):
    """report.json/report.html of a real session name the artifacts the
    plugin kept for a failing test that booted."""
    from harness.plugin import artifacts_dir
    kept = artifacts_dir("test_art.py::test_kept")
    stale = artifacts_dir("test_art.py::test_stale")
    os.makedirs(stale, exist_ok=True)       # another session's
    os.utime(stale, (1, 1))
    try:
        pytester.makepyfile(test_art="""
import os
from harness.plugin import artifacts_dir

def test_kept():
    # What the boot fixture does for a failing test.
    os.makedirs(artifacts_dir("test_art.py::test_kept"), exist_ok=True)
    with open(os.path.join(artifacts_dir("test_art.py::test_kept"),
                           "console.log"), "w") as f:
        f.write("boom")
    assert 0

def test_stale():
    assert 0
""")
        result = pytester.runpytest("-p", "harness.plugin", "--report-dir",
                                    str(tmp_path / "rep"))
        t, old = jsonreport.load(str(tmp_path / "rep"))["tests"]
        assert (t["artifacts"], t["console_log"]) == \
            (kept, os.path.join(kept, "console.log"))
        assert "artifacts" not in old
        result.stdout.fnmatch_lines([
            "reports in %s" % (tmp_path / "rep"),
            "*%s" % (tmp_path / "rep" / "report.html"),
            "*%s" % (tmp_path / "rep" / "junit.xml"),
            "what the failing tests left (console logs...):",
            "  %s" % kept])
    finally:
        shutil.rmtree(kept, ignore_errors=True)
        shutil.rmtree(stale)


def chart_tests(kinds):
    """Report test dicts with recovery measurements of KINDS: {kind:
    (recovery ms, detection ms)}."""
    return [{"properties": {"recovery_kind": k, "recovery_time_ms": r,
                            "detection_latency_ms": d}}
            for k, (r, d) in kinds.items()]


@pytest.mark.parametrize("kinds", [
    {},
    {"crash": (180.5, 20.0)},
    {"crash": (1.0, 0.5), "hang": (2400.0, 2100.0)},
    {"a-fault-kind-with-a-very-long-name": (1234567.0, 7654321.0),
     "x": (0.0, 0.0), "another-long-kind": (5.0, 99999.0)}])
def test_html_chart_is_never_clipped(kinds):
    """Every bar, value and label of the chart lies inside its viewBox
    (the legend and long kind names used to run off its right edge)."""
    svg = htmlreport.chart(chart_tests(kinds))
    assert svgchart.outside(svg) == []
    assert 'style="max-width:100%;height:auto;overflow:visible"' in svg
    assert svg.count('class="bar recovery"') == len(kinds)


def test_chart_check_sees_a_clipped_chart():
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50">'
           '<rect x="90" y="0" width="20" height="10"/>'
           '<text x="10" y="20" font-size="11">a label far too long for '
           'this</text></svg>')
    assert len(svgchart.outside(svg)) == 2
    assert svgchart.outside('<svg><text x="1" y="1">a</text></svg>') == \
        ["the chart has no viewBox"]


def results_dicts():
    return [r.to_dict() for r in results()]


def test_recovery_line_parsers():
    assert recovery.parse_failure(CONSOLE, "hello") == \
        (12, "exception (signal 4); restarting")
    assert recovery.parse_failure(CONSOLE, "hs")[1].startswith(
        "no heartbeat for 212 ticks")
    assert recovery.parse_failure(CONSOLE, "h") is None
    assert recovery.parse_open_count(CONSOLE) == 5
    assert recovery.open_count("hello")(CONSOLE.split("__rc:0")[0]) == 2
    assert recovery.parse_open_count("nothing") is None
    assert recovery.parse_readloop(CONSOLE) == \
        recovery.ClientStats(120, 117, 3, 0)
    assert recovery.parse_readloop("readloop: oops") is None


def test_recovery_properties():
    r = recovery.Recovery("hello", "crash", 12.34, 56.78, "exception", 1,
                          state_value=2, state_expected=2,
                          client=recovery.ClientStats(10, 9, 1, 0))
    p = r.properties()
    assert p["state_kept"] is True
    assert (p["detection_latency_ms"], p["recovery_time_ms"]) == (12.3, 56.8)
    assert (p["client_errors"], p["client_wrong"]) == (1, 0)
    assert "host" in p["time_base"]
    assert recovery.Recovery("h", "hang", 1, 2, "x", 1, 3, 2).state_kept \
        is False


P = "@pytest.mark.points(1)\n"


def cli(*args):
    return subprocess.run([sys.executable, "-m", "harness"] + list(args),
                          cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def test_cli_report_prints_the_table_and_exits_2_on_errors(written):
    d, _ = written
    p = cli("report", str(d))
    assert p.returncode == 2, p.stderr
    assert "t.py::test_half" in p.stdout
    assert "Score: ERROR, incomplete: 2 test(s) not graded" in p.stdout
    assert "graded tests: 4/9" in p.stdout and "DISAGREE t.py::test_ok" in p.stdout


@pytest.mark.parametrize("body,status", [
    (P + "def test_a():\n    pass\n", 0),
    (P + "def test_a():\n    assert 0\n", 1),
    ("from harness.machine import EmulatorError\n"
     + P + "def test_a():\n    assert 0\n"
     + P + "def test_b():\n    raise EmulatorError('no qemu')\n", 2)])
def test_cli_run_exit_status(tmp_path, body, status):
    (tmp_path / "test_x.py").write_text(
        "import pytest\n" + body)
    p = cli("run", str(tmp_path / "test_x.py"), "-p", "no:cacheprovider",
            "--report-dir", str(tmp_path / "rep"))
    assert p.returncode == status, p.stdout + p.stderr
    assert "Score:" in p.stdout
    assert (tmp_path / "rep" / "report.json").exists()


def test_html_in_headless_chromium(written, tmp_path):
    """The HTML summary in a real browser: the DOM Chromium builds from it
    has the score table with every test and the SVG chart with bars."""
    d, _ = written
    browser = shutil.which("chromium")
    if browser is None:
        pytest.fail("chromium is not installed: run 'make deps' (Debian "
                    "package chromium)")
    profile = tmp_path / "profile"
    p = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu",
         "--user-data-dir=%s" % profile, "--dump-dom",
         "file://" + os.path.join(str(d), "report.html")],
        capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr[-2000:]
    dom = p.stdout
    assert '<table id="scores">' in dom, dom[:2000]
    assert dom.count("<tr class=") >= len(results())
    assert 'id="recovery-chart"' in dom
    assert dom.count('class="bar recovery"') == 2     # crash, hang
    assert "t.py::test_infra[qemu]" in dom
