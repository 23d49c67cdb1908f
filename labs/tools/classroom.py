"""GitHub Classroom autograding for a lab's handout (``make handout LAB=N
CLASSROOM=1``; docs/instructor-guide.md, "GitHub Classroom").

  classroom.py workflow LAB              the workflow (YAML) on stdout
  classroom.py result LAB [--report F]   after `make grade LAB=N` in the
                                         student's repository: print each
                                         public test and "Points X/Y", and
                                         give Classroom's reporter the
                                         result (GITHUB_OUTPUT)

The workflow (.github/workflows/classroom.yml in the student's
repository) runs on every push: it installs the grading packages
(os/tools/deps.sh --grading, as Gradescope's setup.sh), builds the project,
runs ``labkit.py grade N`` (what ``make grade LAB=N`` runs: the project's
own harness, the lab's public tests against the student's files, as on
their machine), then ``classroom.py result``, which turns build/grade/labN/
reports/report.json into the result Classroom's grading reporter action
reads (a JSON object, base64, in the step output ``result``: ``max_score``,
and per test ``name``, ``status`` pass/fail/error, ``score``,
``max_score``, ``message``), and the reporter posts the points. A
submission that does not build scores 0 of the public tests' points
(counted by collecting them).

Exit status of result: 0 when graded (whatever the score), 1 when there
is no report (the grading itself failed: see the step before)."""

import argparse
import base64
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
WORKFLOW_PATH = ".github/workflows/classroom.yml"
RUNNER = "phoenix"              # the step id the reporter reads
REPORTER = "classroom-resources/autograding-grading-reporter@v1"

WORKFLOW = """\
# GitHub Classroom autograding for {name} (written by `make handout LAB={n}
# CLASSROOM=1`; docs/instructor-guide.md). On every push: the grading
# packages, the build, then `labkit.py grade {n}` (make grade: the public
# tests, with the project's own harness, against the files of
# {submission}), then
# labs/tools/classroom.py turns its report into the points Classroom's
# reporter posts. Edit SUBMISSION if your students work elsewhere.
name: Autograding Tests
"on":
  - push
  - workflow_dispatch
  - repository_dispatch
permissions:
  checks: write
  actions: read
  contents: read
env:
  SUBMISSION: {submission}
jobs:
  run-autograding-tests:
    name: Autograding Tests
    runs-on: ubuntu-24.04
    if: github.actor != 'github-classroom[bot]'
    timeout-minutes: 60
    steps:
      - name: Checkout code
        uses: actions/checkout@v4
      - name: Install the grading packages
        run: sudo os/tools/deps.sh --grading
      - name: Build the project
        run: make -j2 all
      # labkit.py grade is what make grade runs, without make's check of
      # the full package list (documentation tools, Bochs: not needed)
      - name: Build the submission and run the public tests
        continue-on-error: true
        run: /usr/bin/python3 labs/tools/labkit.py grade {n} --submission "$SUBMISSION"
      - name: Points
        id: {runner}
        run: /usr/bin/python3 labs/tools/classroom.py result {n}
      - name: Autograding Reporter
        if: always()
        uses: {reporter}
        env:
          {env}: "${{{{ steps.{runner}.outputs.result }}}}"
        with:
          runners: {runner}
"""


def find_lab(spec):
    """The lab SPEC names (labkit's rules); LabError otherwise."""
    from labs.tools import labkit
    return labkit.find_lab(spec)


def workflow(lab):
    """The text of LAB's classroom.yml."""
    submission = os.path.relpath(lab.starter, ROOT)
    return WORKFLOW.format(name=lab.name, n=lab.number,
                           submission=submission, runner=RUNNER,
                           reporter=REPORTER,
                           env=RUNNER.upper() + "_RESULTS")


def public_max(lab):
    """The points of LAB's public tests (collected, not run): the most a
    submission can score in the student's repository."""
    import pytest

    class Points:
        total = 0

        def pytest_collection_modifyitems(self, items):
            """Add up the points marks of the collected ITEMS."""
            for item in items:
                mark = item.get_closest_marker("points")
                if mark and mark.args:
                    Points.total += mark.args[0]

    plugin = Points()
    sys.path.insert(0, lab.tests)
    pytest.main(["--collect-only", "-q", "-p", "labs.tools.labplugin",
                 "--import-mode=importlib", "-p", "no:cacheprovider",
                 "--rootdir", ROOT, "-c", os.path.join(ROOT, "pytest.ini"),
                 "--ignore", os.path.join(lab.tests, "hidden"), lab.tests],
                plugins=[plugin])
    return Points.total


def result(report, max_points=None):
    """Classroom's result object of a grading REPORT (report.json's dict):
    its public tests (a hidden one, where the project still has them, is
    left out: neither its name nor its points reach the student);
    MAX_POINTS (a callable) gives the maximum when no test ran (the
    submission did not build)."""
    tests = []
    for t in report.get("tests", []):
        if t.get("hidden"):
            continue
        name = (t.get("title") or t["nodeid"]) + (t.get("variant") or "")
        score = t.get("score")
        status = "error" if score is None else \
            "pass" if t["outcome"] == "passed" else "fail"
        tests.append({"name": name, "status": status,
                      "score": score or 0, "max_score": t["points"],
                      "message": (t.get("reason") or "")[:500],
                      "line_no": 0, "execution_time": "%.1fs"
                      % t.get("duration", 0)})
    if tests:
        top = round(sum(t["max_score"] for t in tests), 4)
    else:
        top = max_points() if max_points else 0
    if not tests:
        tests.append({"name": "build", "status": "fail", "score": 0,
                      "max_score": top,
                      "message": "the submission was refused or did not "
                      "build: no test ran", "line_no": 0,
                      "execution_time": "0s"})
    status = "error" if any(t["status"] == "error" for t in tests) else \
        "pass" if all(t["status"] == "pass" for t in tests) else "fail"
    return {"version": 1, "status": status, "max_score": top,
            "tests": tests}


def points_line(res):
    """``Points X/Y`` of the result RES (what Classroom's reporter
    posts)."""
    return "Points %g/%g" % (sum(t["score"] for t in res["tests"]),
                             res["max_score"])


def cmd_result(lab, report_path=None):
    """Print LAB's points from its last grading report (REPORT_PATH, or
    build/grade/labN/reports/report.json) and append the encoded result
    to $GITHUB_OUTPUT when set. Returns the exit status."""
    path = report_path or os.path.join(ROOT, "build", "grade",
                                       "lab%d" % lab.number, "reports",
                                       "report.json")
    try:
        with open(path) as f:
            report = json.load(f)
    except (OSError, ValueError) as e:
        print("classroom: no grading report (%s): the grading step failed; "
              "see its log" % e, file=sys.stderr)
        return 1
    res = result(report, lambda: public_max(lab))
    for t in res["tests"]:
        print("%-4s %g/%g  %s" % (t["status"], t["score"], t["max_score"],
                                  t["name"]))
    print(points_line(res))
    encoded = base64.b64encode(json.dumps(res).encode()).decode()
    out = os.environ.get("GITHUB_OUTPUT")
    if out:
        with open(out, "a") as f:
            f.write("result=%s\n" % encoded)
    return 0


def main(argv=None):
    """``classroom.py workflow|result LAB``; returns the exit status."""
    p = argparse.ArgumentParser(prog="classroom.py",
                                description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    w = sub.add_parser("workflow", help="print the lab's classroom.yml")
    w.add_argument("lab")
    r = sub.add_parser("result", help="points of the last make grade")
    r.add_argument("lab")
    r.add_argument("--report", default=None,
                   help="report.json (default build/grade/labN/reports)")
    ns = p.parse_args(argv)
    from labs.tools.labkit import LabError
    try:
        lab = find_lab(ns.lab)
    except LabError as e:
        print("classroom: error: %s" % e, file=sys.stderr)
        return 2
    if ns.cmd == "workflow":
        sys.stdout.write(workflow(lab))
        return 0
    return cmd_result(lab, ns.report)


if __name__ == "__main__":
    sys.exit(main())
