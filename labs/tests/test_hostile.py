"""The grading path against real conditions and hostile input.

Lab 1's autograder zip (`make autograder LAB=1`) is unpacked into a
temporary root laid out as Gradescope does (/autograder/source holding the
zip, setup.sh run there once, run_autograder copied to the root and run
from it, the submission in submission/, results in results/results.json);
every submission is graded both through run_autograder and through `make
grade` in that unpacked tree (never in this checkout's build/).

- test_gradescope_layout: the reference solution full marks, the starter
  less, a broken build 0 with the compiler's message; results.json as
  Gradescope reads it.
- test_hostile: the hostile submissions of labs/hostile/lab1/cases.json
  (labs/tools/hostile.py): each scores no more than the starter, or is
  refused with a clear message, or is an infrastructure error (no score).
  `make test` runs the cases marked quick; HOSTILE=all (as `make
  check-labs` sets it) runs them all.
"""

import json
import os
import shutil
import subprocess
import tempfile
import zipfile

import pytest

from labs.tools import hostile

LAB = 1
LAB_DIR = os.path.join(hostile.ROOT, "labs", "lab1-first-driver")
ALL = os.environ.get("HOSTILE") == "all"
CASES = [c for c in hostile.load(LAB) if ALL or c.get("quick")]


def _unzip(zip_path, dest):
    """Unpack ZIP_PATH into DEST as unzip does (modes kept)."""
    with zipfile.ZipFile(zip_path) as z:
        for info in z.infolist():
            z.extract(info, dest)
            mode = (info.external_attr >> 16) & 0o7777
            if mode and not info.is_dir():
                os.chmod(os.path.join(dest, info.filename), mode)


@pytest.fixture(scope="module")
def autograder_root():
    """A Gradescope layout of lab 1's zip, set up (setup.sh run). Readable
    by every user, as /autograder is (the build runs as nobody)."""
    root = tempfile.mkdtemp(prefix="phoenix-autograder-")
    os.chmod(root, 0o755)
    try:
        yield _set_up(root)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _set_up(root):
    zip_path = os.path.join(root, "lab1.zip")
    r = subprocess.run(["/usr/bin/python3", "labs/tools/labkit.py",
                        "autograder", str(LAB), "--out", zip_path],
                       cwd=hostile.ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    with zipfile.ZipFile(zip_path) as z:
        names = set(z.namelist())
    assert {"setup.sh", "run_autograder", "Makefile",
            "labs/tools/labkit.py"} <= names, "not at the zip's root"
    assert not any("/solution/" in n for n in names), "solutions packed"
    source = os.path.join(root, "source")
    _unzip(zip_path, source)
    r = subprocess.run(["bash", "./setup.sh"], cwd=source,
                       capture_output=True, text=True)
    assert r.returncode == 0, "setup.sh failed:\n" + r.stdout[-3000:] + \
        r.stderr[-3000:]
    shutil.copy(os.path.join(source, "run_autograder"), root)
    return root


@pytest.fixture(scope="module")
def starter_score(autograder_root, tmp_path_factory):
    """The lab's starter, graded in the unpacked tree."""
    out = hostile.make_grade(os.path.join(autograder_root, "source"), LAB,
                             os.path.join(LAB_DIR, "starter"),
                             os.environ["PATH"])
    assert out.exit == 0 and out.score is not None, out.output[-3000:]
    return out.score


def test_gradescope_layout(autograder_root, starter_score, tmp_path):
    """The solution gets full marks, the starter less, a broken build 0."""
    path = os.environ["PATH"]
    full = hostile.run_autograder(autograder_root,
                                  os.path.join(LAB_DIR, "solution"), path)
    assert full.exit == 0 and full.results, full.output[-3000:]
    res = full.results
    total = sum(t["max_score"] for t in res["tests"])
    assert total > 0 and res["score"] == total, json.dumps(res)[:3000]
    for key in ("score", "output", "tests"):
        assert key in res
    for t in res["tests"]:
        assert {"name", "score", "max_score", "status", "output",
                "visibility"} <= set(t), t
        assert "::" not in t["name"] and "/" not in t["name"], t["name"]

    starter = hostile.run_autograder(autograder_root,
                                     os.path.join(LAB_DIR, "starter"), path)
    assert starter.exit == 0 and starter.results
    assert starter.results["score"] < total
    assert starter.results["score"] == starter_score

    broken = hostile.prepare({"base": "starter", "dir": LAB_DIR,
                              "append": {"dice.c": "int broken = ;\n"}},
                             LAB_DIR, str(tmp_path / "broken"))
    out = hostile.run_autograder(autograder_root, broken, path)
    assert out.exit == 0 and out.results is not None, out.output[-3000:]
    assert out.results["score"] == 0
    assert "dice.c:" in out.results["output"] and \
        "error" in out.results["output"], out.results["output"]
    assert autograder_root not in out.results["output"], "host path shown"


@pytest.mark.parametrize("way", ["make-grade", "gradescope"])
@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_hostile(case, way, autograder_root, starter_score, tmp_path):
    """A hostile submission gains nothing, is refused, or is an error."""
    for p in case.get("forbid", []):
        if os.path.lexists(p):
            os.remove(p)
    sub = hostile.prepare(case, LAB_DIR, str(tmp_path / "submission"))
    path = hostile.emulator_path(case.get("emulator"), str(tmp_path))
    if way == "gradescope":
        out = hostile.run_autograder(autograder_root, sub, path)
    else:
        out = hostile.make_grade(os.path.join(autograder_root, "source"),
                                 LAB, sub, path)
    bad = hostile.judge(case, out, starter_score,
                        gradescope=(way == "gradescope"))
    assert not bad, "%s (%s): %s\n--- output:\n%s" % (
        case["name"], case["what"], "; ".join(bad), out.text()[-4000:])
