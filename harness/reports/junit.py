"""JUnit XML (junit.xml) comes from pytest's own ``--junitxml``, never
from a writer of ours. This module only arranges for it and tidies it:

- :func:`configure` points ``--junitxml`` into the report directory
  (unless the command line names its own file). pytest.ini sets
  ``junit_family = xunit2`` (the family that follows the common junit-10
  schema) and ``junit_logging = system-out``.
- The plugin (harness/plugin.py) attaches the guest console of a failing
  test to its teardown report, as a section pytest puts into the
  testcase's ``<system-out>``; the failure's message attribute is pytest's
  own (the assertion message).
- :func:`tidy` runs after pytest wrote the file: junit-10 allows no
  ``<properties>`` inside a ``<testcase>`` (pytest writes them for
  ``record_property`` even under xunit2), so a test's properties move
  into its ``<system-out>`` as ``name=value`` lines (an output holding
  nothing but pytest's headers is dropped); the suite gets the
  score, max_score and complete properties (allowed on ``<testsuite>``);
  an infrastructure error (harness.grading: not graded), which pytest
  wrote as a ``<failure>``, becomes an ``<error>`` whose message starts
  "infrastructure error (not graded): ", and the counts follow.
"""

import os
import re
import xml.etree.ElementTree as ET

FILENAME = "junit.xml"
# The section of a report that pytest's junitxml writes into <system-out>
# (its name must start with "Captured stdout").
CONSOLE_SECTION = "Captured stdout: guest console"
# A testcase's children in the order the junit-10 schema requires.
_ORDER = ("skipped", "error", "failure", "system-out", "system-err")


def configure(config, directory):
    """Make pytest's junitxml write DIRECTORY/junit.xml, unless the command
    line chose a file (``--junitxml``) or DIRECTORY is empty. Must run
    before junitxml's own pytest_configure (the caller is tryfirst)."""
    if directory and not getattr(config.option, "xmlpath", None):
        config.option.xmlpath = os.path.join(directory, FILENAME)


def path_of(config):
    """The junit.xml this session writes (None when it writes none)."""
    return getattr(config.option, "xmlpath", None) or None


def _drop_empty_output(case):
    """Remove the <system-out>/<system-err> of testcase CASE that hold
    nothing but pytest's section headers (a passing test's empty capture)."""
    for out in case.findall("system-out") + case.findall("system-err"):
        lines = [line for line in (out.text or "").splitlines()
                 if line.strip() and not re.fullmatch(r"-+ Captured \w+ -+",
                                                      line.strip())]
        if not lines:
            case.remove(out)


def _move_properties(case):
    """Move the <properties> of testcase CASE into its <system-out>, as
    name=value lines after what is there; children kept in schema order."""
    props = case.find("properties")
    if props is None:
        return
    case.remove(props)
    lines = ["%s=%s" % (p.get("name"), p.get("value"))
             for p in props.iter("property")]
    if not lines:
        return
    out = case.find("system-out")
    if out is None:
        out = ET.SubElement(case, "system-out")
        out.text = ""
    text = out.text or ""
    if text and not text.endswith("\n"):
        text += "\n"
    out.text = text + " properties ".center(80, "-") + "\n" + \
        "\n".join(lines) + "\n"
    children = sorted(list(case), key=lambda c: _ORDER.index(c.tag)
                      if c.tag in _ORDER else len(_ORDER))
    for c in list(case):
        case.remove(c)
    case.extend(children)


def _suite_properties(suite, summary):
    """Add SUMMARY's score, max_score and complete to testsuite SUITE's
    <properties> (created first among its children when missing)."""
    props = suite.find("properties")
    if props is None:
        props = ET.Element("properties")
        suite.insert(0, props)
    for key in ("score", "max_score", "complete"):
        if key in summary:
            value = summary[key]
            ET.SubElement(props, "property", name=key,
                          value="%g" % value if isinstance(value, float)
                          else str(value))


def case_key(nodeid):
    """(classname, name) of NODEID's testcase as pytest's junitxml writes
    them: the file's path dotted without ".py", then any classes."""
    parts = nodeid.split("::")
    parts[0] = re.sub(r"\.py$", "", parts[0].replace("/", "."))
    parts = [p for p in parts if p != "()"]
    return ".".join(parts[:-1]), parts[-1]


def _as_error(suite, case):
    """Turn testcase CASE's <failure> into an infrastructure <error>."""
    failure = case.find("failure")
    if failure is None:
        return
    failure.tag = "error"
    failure.set("message", "infrastructure error (not graded): "
                + (failure.get("message") or ""))
    for attr, delta in (("failures", -1), ("errors", 1)):
        if suite.get(attr) is not None:
            suite.set(attr, str(int(suite.get(attr)) + delta))


def tidy(path, report=None):
    """Rewrite PATH (pytest's junit.xml) into the junit-10 shape: testcase
    properties into system-out; with REPORT (harness.reports.build's dict)
    its infrastructure errors as <error> and its score on the suite. Does
    nothing when PATH does not exist."""
    if not path or not os.path.isfile(path):
        return
    errors = {case_key(t["nodeid"]) for t in (report or {}).get("tests", ())
              if t["outcome"] == "error"}
    tree = ET.parse(path)
    root = tree.getroot()
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    for suite in suites:
        for case in suite.iter("testcase"):
            if (case.get("classname"), case.get("name")) in errors:
                _as_error(suite, case)
            _drop_empty_output(case)
            _move_properties(case)
        if report:
            _suite_properties(suite, report["summary"])
    tree.write(path, encoding="utf-8", xml_declaration=True)
