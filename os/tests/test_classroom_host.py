"""GitHub Classroom autograding (`make handout LAB=N CLASSROOM=1`,
labs/tools/classroom.py) on the host: the handout carries the workflow,
it is valid YAML in the shape Classroom's reporter reads (its runner's
result in <RUNNER>_RESULTS), the commands it runs exist in the handout,
and `classroom.py result` turns a grading report into the reporter's
result and a "Points X/Y" line. No emulator, no GitHub."""

import base64
import json
import os
import re
import subprocess
import sys
import tarfile

import pytest
import yaml                                     # python3-yaml (deps.sh)

from harness.machine import ROOT

LABKIT = os.path.join(ROOT, "labs", "tools", "labkit.py")
CLASSROOM = os.path.join(ROOT, "labs", "tools", "classroom.py")
WORKFLOW = ".github/workflows/classroom.yml"


def handout(tmp_path, *extra):
    out = str(tmp_path / "lab1.tar.gz")
    r = subprocess.run([sys.executable, LABKIT, "handout", "1", "--out", out]
                       + list(extra), cwd=ROOT, capture_output=True,
                       text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    return tarfile.open(out)


@pytest.fixture(scope="module")
def classroom_handout(tmp_path_factory):
    return handout(tmp_path_factory.mktemp("handout"), "--classroom")


def test_a_plain_handout_has_no_workflow(tmp_path):
    assert WORKFLOW not in handout(tmp_path).getnames()


def test_the_classroom_handout_has_a_valid_autograding_workflow(
        classroom_handout):
    tar = classroom_handout
    assert WORKFLOW in tar.getnames()
    wf = yaml.safe_load(tar.extractfile(WORKFLOW).read())
    assert wf["name"] == "Autograding Tests"
    assert "push" in wf["on"]
    assert wf["permissions"]["checks"] == "write"
    (job,) = wf["jobs"].values()
    assert job["name"] == "Autograding Tests"   # the check run's name
    steps = job["steps"]
    runs = [s["run"] for s in steps if "run" in s]
    assert "sudo os/tools/deps.sh --grading" in runs
    assert "make -j2 all" in runs
    assert '/usr/bin/python3 labs/tools/labkit.py grade 1 --submission ' \
        '"$SUBMISSION"' in runs
    reporter = steps[-1]
    assert reporter["uses"].startswith(
        "classroom-resources/autograding-grading-reporter@")
    runner = reporter["with"]["runners"]
    (points,) = [s for s in steps if s.get("id") == runner]
    assert points["run"] == \
        "/usr/bin/python3 labs/tools/classroom.py result 1"
    assert reporter["env"] == {
        runner.upper() + "_RESULTS":
        "${{ steps.%s.outputs.result }}" % runner}
    assert wf["env"]["SUBMISSION"] == "labs/lab1-first-driver/starter"


def test_what_the_workflow_runs_is_in_the_handout(classroom_handout):
    tar = classroom_handout
    names = set(tar.getnames())
    for path in ("os/tools/deps.sh", "labs/tools/classroom.py",
                 "labs/tools/labkit.py", "Makefile",
                 "labs/lab1-first-driver/starter/dice.c",
                 "labs/lab1-first-driver/tests/test_dice.py"):
        assert path in names, path
    assert not any("/solution/" in n or "/tests/hidden/" in n for n in names)
    makefile = tar.extractfile("Makefile").read().decode()
    assert re.search(r"^grade:", makefile, re.M)
    assert tar.getmember("os/tools/deps.sh").mode & 0o111


def report(tests, max_score):
    return {"summary": {"score": sum(t["score"] or 0 for t in tests),
                        "max_score": max_score},
            "tests": tests}


def test_result_is_what_the_reporter_reads(tmp_path):
    rep = report([
        {"nodeid": "t.py::test_a", "title": "Reads a roll", "variant": "",
         "outcome": "passed", "points": 4, "score": 4},
        {"nodeid": "t.py::test_b", "title": "Crash", "variant": "[hang]",
         "outcome": "failed", "points": 3, "score": 0,
         "reason": "no answer"},
        {"nodeid": "hidden/t.py::test_c", "title": "Hidden: secret",
         "outcome": "passed", "points": 5, "score": 5, "hidden": True}], 12)
    path = tmp_path / "report.json"
    path.write_text(json.dumps(rep))
    gh = tmp_path / "out.txt"
    r = subprocess.run([sys.executable, CLASSROOM, "result", "1", "--report",
                        str(path)], cwd=ROOT, capture_output=True, text=True,
                       timeout=60, env=dict(os.environ,
                                            GITHUB_OUTPUT=str(gh)))
    assert r.returncode == 0, r.stderr
    assert "Points 4/7" in r.stdout and "secret" not in r.stdout
    key, _, value = gh.read_text().strip().partition("=")
    assert key == "result"
    res = json.loads(base64.b64decode(value))
    assert res["max_score"] == 7 and res["status"] == "fail"
    assert [(t["name"], t["status"], t["score"]) for t in res["tests"]] == \
        [("Reads a roll", "pass", 4), ("Crash[hang]", "fail", 0)]
    assert res["tests"][1]["message"] == "no answer"


def test_a_submission_that_did_not_build_scores_0_of_the_public_points():
    sys.path.insert(0, ROOT)
    from labs.tools import classroom, labkit
    lab = labkit.find_lab("1")
    res = classroom.result({"summary": {"score": 0, "max_score": None},
                            "tests": []}, lambda: classroom.public_max(lab))
    assert res["status"] == "fail"
    assert res["max_score"] == 12              # lab 1's public points
    assert classroom.points_line(res) == "Points 0/12"


def test_no_report_is_an_error(tmp_path):
    r = subprocess.run([sys.executable, CLASSROOM, "result", "1", "--report",
                        str(tmp_path / "none.json")], cwd=ROOT,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 1 and "no grading report" in r.stderr
