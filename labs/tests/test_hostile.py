"""The grading path against real conditions and hostile input.

A lab's autograder zip (`make autograder LAB=N`) is unpacked into a
temporary root laid out as Gradescope does (/autograder/source holding the
zip, setup.sh run there once, run_autograder copied to the root and run
from it, the submission in submission/, results in results/results.json);
every submission is graded both through run_autograder and through `make
grade` in that unpacked tree (never in this checkout's build/).

- test_gradescope_layout: the reference solution full marks, the starter
  less, a broken build 0 with the compiler's message; results.json as
  Gradescope reads it. Lab 1 in `make test`, every lab with HOSTILE=all.
- test_hostile: the hostile submissions of labs/hostile/labN/cases.json
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

from labs.tools import hostile, labkit

ALL = os.environ.get("HOSTILE") == "all"
CASES = [(lab, c) for lab in hostile.labs() for c in hostile.load(lab)
         if ALL or c.get("quick")]
# make test: lab 1's layout; check-labs (HOSTILE=all): every lab's.
LAYOUT_LABS = [lab.number for lab in labkit.all_labs()] if ALL else [1]


def _unzip(zip_path, dest):
    """Unpack ZIP_PATH into DEST as unzip does (modes kept)."""
    with zipfile.ZipFile(zip_path) as z:
        for info in z.infolist():
            z.extract(info, dest)
            mode = (info.external_attr >> 16) & 0o7777
            if mode and not info.is_dir():
                os.chmod(os.path.join(dest, info.filename), mode)


class Layouts:
    """Gradescope layouts of the labs' zips, made on first use (setup.sh
    run), each in a folder readable by every user, as /autograder is (the
    build runs as nobody); and each lab's starter score there."""

    def __init__(self):
        self.roots, self.starters = {}, {}

    def root(self, lab):
        if lab not in self.roots:
            root = tempfile.mkdtemp(prefix="phoenix-autograder-")
            os.chmod(root, 0o755)
            self.roots[lab] = root
            _set_up(root, lab)
        return self.roots[lab]

    def starter_score(self, lab):
        """The lab's starter, graded in its unpacked tree."""
        if lab not in self.starters:
            out = hostile.make_grade(os.path.join(self.root(lab), "source"),
                                     lab, _lab_dir(lab, "starter"),
                                     os.environ["PATH"])
            assert out.exit == 0 and out.score is not None, \
                out.output[-3000:]
            self.starters[lab] = out.score
        return self.starters[lab]

    def close(self):
        for root in self.roots.values():
            shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def layouts():
    """The module's Layouts, removed at its end."""
    made = Layouts()
    try:
        yield made
    finally:
        made.close()


def _lab_dir(number, sub=""):
    return os.path.join(labkit.find_lab(number).path, sub)


def _set_up(root, lab):
    """Lab LAB's zip unpacked into ROOT/source, setup.sh run there,
    run_autograder copied to ROOT."""
    zip_path = os.path.join(root, "lab%d.zip" % lab)
    r = subprocess.run(["/usr/bin/python3", "labs/tools/labkit.py",
                        "autograder", str(lab), "--out", zip_path],
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


@pytest.mark.parametrize("lab", LAYOUT_LABS)
def test_gradescope_layout(lab, layouts, tmp_path):
    """The solution gets full marks, the starter less, a broken build 0."""
    root, path = layouts.root(lab), os.environ["PATH"]
    full = hostile.run_autograder(root, _lab_dir(lab, "solution"), path)
    assert full.exit == 0 and full.results, full.output[-3000:]
    res = full.results
    total = sum(t["max_score"] for t in res["tests"])
    assert total > 0 and res["score"] == total, json.dumps(res)[:3000]
    for key in ("score", "execution_time", "output", "stdout_visibility",
                "tests"):
        assert key in res, key
    for t in res["tests"]:
        assert {"name", "score", "max_score", "status", "output",
                "visibility"} <= set(t), t
        assert "::" not in t["name"] and ".py" not in t["name"], t["name"]
        if t["name"].startswith("Hidden: "):
            assert t["visibility"] == "after_published", t

    starter = hostile.run_autograder(root, _lab_dir(lab, "starter"), path)
    assert starter.exit == 0 and starter.results
    assert starter.results["score"] < total
    assert starter.results["score"] == layouts.starter_score(lab)

    spec = labkit.find_lab(lab).meta["submission"]
    source = [f for f in spec["files"] if f.endswith(".c")]
    if not source:
        return                          # lab 0: nothing is built
    broken = hostile.prepare({"base": "starter", "dir": _lab_dir(lab),
                              "append": {source[0]: "int broken = ;\n"}},
                             _lab_dir(lab), str(tmp_path / "broken"))
    out = hostile.run_autograder(root, broken, path)
    assert out.exit == 0 and out.results is not None, out.output[-3000:]
    assert out.results["score"] == 0
    assert source[0] + ":" in out.results["output"] and \
        "error" in out.results["output"], out.results["output"]
    assert root not in out.results["output"], "host path shown"


@pytest.mark.parametrize("way", ["make-grade", "gradescope"])
@pytest.mark.parametrize("lab,case", CASES,
                         ids=["lab%d-%s" % (l, c["name"]) for l, c in CASES])
def test_hostile(lab, case, way, layouts, tmp_path):
    """A hostile submission gains nothing, is refused, or is an error."""
    for p in case.get("forbid", []):
        if os.path.lexists(p):
            os.remove(p)
    root = layouts.root(lab)
    sub = hostile.prepare(case, _lab_dir(lab), str(tmp_path / "submission"))
    path = hostile.emulator_path(case.get("emulator"), str(tmp_path))
    if way == "gradescope":
        out = hostile.run_autograder(root, sub, path)
    else:
        out = hostile.make_grade(os.path.join(root, "source"), lab, sub,
                                 path)
    # Only a case that must score no more than the starter needs its
    # score (grading lab 7's starter takes minutes of timeouts).
    starter = layouts.starter_score(lab) \
        if case["expect"] == "at_most_starter" else None
    bad = hostile.judge(case, out, starter,
                        gradescope=(way == "gradescope"))
    assert not bad, "%s (%s): %s\n--- output:\n%s" % (
        case["name"], case["what"], "; ".join(bad), out.text()[-4000:])
