"""Gradescope autograder results (results.json), per the published spec
(gradescope-autograders.readthedocs.io, "Autograder Specifications").

Top level: ``score`` (graded tests only), ``execution_time`` (seconds),
``output`` (the score line), ``output_format``, ``stdout_visibility``
(default "hidden": the grader's stdout is for staff), ``extra_data``
(complete, max_score, errors) and ``tests``: one {name, name_format, number,
score, max_score, status, output, output_format, visibility} per test worth
points (or every test when none is), in run order.

- ``name`` is the test's readable title (harness.titles), never a node id.
- ``output``: "passed", "failed: REASON", "not run: depends on TITLE" or
  "not run: REASON". A hidden test shows nothing more (its reason is one
  line its author wrote, or a generic one); a public test adds the detail
  (pytest's assertion explanation), partial credit and its properties.
- An infrastructure error has no ``score`` (Gradescope must not read it as
  0); its output and the top-level output say the grade is incomplete.

Configuration (a dict, from lab.json's optional "gradescope" key)::

    {"visibility": {"public": "visible", "hidden": "after_published"},
     "tests": {"<test function name>": {"visibility": "...", "name": "..."}},
     "stdout_visibility": "hidden"}

A configured name replaces the docstring's; the "Hidden: " prefix and the
parametrization suffix stay. An unknown key or visibility is a ValueError.
"""

import json

from harness import grading, titles

VISIBILITIES = ("hidden", "after_due_date", "after_published", "visible")
DEFAULT_VISIBILITY = {"public": "visible", "hidden": "after_published"}
DEFAULT_STDOUT_VISIBILITY = "hidden"
_KEYS = {"visibility", "tests", "stdout_visibility"}
_TEST_KEYS = {"visibility", "name"}


def _visibility(value, where):
    """VALUE, when it is a Gradescope visibility; else a ValueError naming
    it and WHERE it was configured."""
    if value not in VISIBILITIES:
        raise ValueError("gradescope configuration: %s: unknown visibility "
                         "%r (one of %s)" % (where, value,
                                             ", ".join(VISIBILITIES)))
    return value


def _unknown(keys, allowed, where):
    """A ValueError naming the KEYS (configured at WHERE) not in ALLOWED."""
    extra = sorted(set(keys) - allowed)
    if extra:
        raise ValueError("gradescope configuration: %s: unknown key(s) %s "
                         "(allowed: %s)" % (where, ", ".join(map(repr,
                                                                 extra)),
                                            ", ".join(sorted(allowed))))


def check_config(config):
    """CONFIG (a dict or None) checked and completed with the defaults:
    {"visibility": {"public", "hidden"}, "tests": {...},
    "stdout_visibility"}. Raises ValueError naming a bad key or value."""
    config = config or {}
    if not isinstance(config, dict):
        raise ValueError("gradescope configuration: not a dict: %r"
                         % (config,))
    _unknown(config, _KEYS, "top level")
    vis = dict(DEFAULT_VISIBILITY)
    given = config.get("visibility") or {}
    _unknown(given, set(DEFAULT_VISIBILITY), "visibility")
    for kind, value in given.items():
        vis[kind] = _visibility(value, "visibility.%s" % kind)
    tests = {}
    for function, entry in (config.get("tests") or {}).items():
        if not isinstance(entry, dict):
            raise ValueError("gradescope configuration: tests.%s: not a "
                             "dict: %r" % (function, entry))
        _unknown(entry, _TEST_KEYS, "tests.%s" % function)
        if "visibility" in entry:
            _visibility(entry["visibility"], "tests.%s.visibility"
                        % function)
        if "name" in entry and not str(entry["name"]).strip():
            raise ValueError("gradescope configuration: tests.%s.name is "
                             "empty" % function)
        tests[function] = dict(entry)
    stdout = _visibility(config.get("stdout_visibility",
                                    DEFAULT_STDOUT_VISIBILITY),
                         "stdout_visibility")
    return {"visibility": vis, "tests": tests, "stdout_visibility": stdout}


def _function(t):
    """The function name of test T, the configuration's key (reports
    without it: from the test's name)."""
    return t.get("function") or t["name"].split("[", 1)[0]


def name_of(t, config):
    """The readable name of test T (a report's test dict) under CONFIG
    (checked)."""
    override = config["tests"].get(_function(t), {}).get("name")
    if override:
        return titles.compose(str(override).strip(), t.get("hidden", False),
                              t.get("variant", ""))
    return t.get("title") or titles.from_name(t["name"])


def visibility_of(t, config):
    """The visibility of test T under CONFIG (checked): its own entry, else
    the lab's for hidden or public tests."""
    own = config["tests"].get(_function(t), {}).get("visibility")
    return own or config["visibility"]["hidden" if t.get("hidden")
                                       else "public"]


def _first_line(t):
    """The first line of test T's output: what happened, and why."""
    outcome = t["outcome"]
    if outcome == "error":
        return ("ERROR: infrastructure failure, not graded "
                "(the grade is incomplete)")
    if outcome == "skipped":
        if t.get("depends_on"):
            return "not run: depends on %s" % t["depends_on"]
        return "not run" + (": " + t["reason"] if t.get("reason") else "")
    if outcome == "failed":
        why = t.get("reason") or ""
        return "failed: " + why if why and why != "failed" else "failed"
    return "passed"


def output_of(t):
    """The output of test T (a report's test dict). Hidden: one line, and
    the partial credit of a pass. Public: also the failure's detail, the
    credit and the recorded properties."""
    lines = [_first_line(t)]
    credit = t.get("credit") or []
    if t["outcome"] == "passed" and credit:
        lines.append("partial credit " + "; ".join(credit))
    if t.get("hidden") or t["outcome"] == "error":
        return "\n".join(lines)
    if t["outcome"] == "failed" and t.get("detail"):
        lines.append(t["detail"])
    for key, value in sorted((t.get("properties") or {}).items()):
        lines.append("%s: %s" % (key, value))
    return "\n".join(lines)


def execution_time(report):
    """The session's wall time in whole seconds (meta), else the sum of
    the tests' durations."""
    seconds = report.get("meta", {}).get("execution_time")
    if seconds is None:
        seconds = sum(t.get("duration") or 0 for t in report["tests"])
    return int(round(seconds))


def results(report, config=None):
    """The results.json dict of REPORT (harness.reports.build's dict) under
    CONFIG (lab.json's "gradescope" dict, or None for the defaults).
    Raises ValueError on a bad CONFIG."""
    config = check_config(config)
    graded = [t for t in report["tests"] if t["points"]] or report["tests"]
    tests = []
    for number, t in enumerate(graded, 1):
        entry = {"name": name_of(t, config), "name_format": "text",
                 "number": str(number), "max_score": t["points"],
                 "status": "passed" if t["outcome"] == "passed"
                 else "failed",
                 "output": output_of(t), "output_format": "text",
                 "visibility": visibility_of(t, config)}
        if t["score"] is not None:
            entry["score"] = t["score"]
        tests.append(entry)
    s = report["summary"]
    return {"score": s["score"], "execution_time": execution_time(report),
            "output": grading.score_line(s), "output_format": "text",
            "stdout_visibility": config["stdout_visibility"],
            "extra_data": {"complete": s["complete"],
                           "max_score": s["max_score"],
                           "errors": s["errors"]},
            "tests": tests}


def write(report, path, config=None):
    """Write REPORT's results.json (under CONFIG, see results) into PATH."""
    data = results(report, config)
    with open(path, "w") as f:
        json.dump(data, f, indent=2)
        f.write("\n")
