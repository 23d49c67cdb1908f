"""results.json (Gradescope) on the host: small fake test files run through
the plugin (pytester, no emulator); readable names, visibility, and hidden
tests whose output leaks nothing but the author's one-line reason."""

import json

import pytest

from harness.grading import TestResult
from harness.reports import gradescope, jsonreport

PUBLIC = '''
import pytest
from harness.machine import EmulatorError, GuestPanic

@pytest.mark.points(2)
def test_base():
    """Starts the driver.

    More words that are not part of the name."""

@pytest.mark.points(3)
def test_fails():
    """Reads a roll"""
    rolls = [7, 8]
    assert len(rolls) == 3, "30 reads, one line each\\nsecond line"

@pytest.mark.points(1)
@pytest.mark.depends("test_fails")
def test_child_of_failing():
    """Writes the sides."""

@pytest.mark.points(1)
@pytest.mark.parametrize("kind", ["crash", "hang"])
def test_param(kind):
    """Survives a fault."""

@pytest.mark.points(1)
@pytest.mark.emulators("qemu", "bochs")
def test_both(emulator):
    """Boots."""

@pytest.mark.points(1)
def test_one_emulator_only(emulator):
    pass

@pytest.mark.points(1)
def test_panics():
    """Counts."""
    raise GuestPanic("page fault in dice", "kernel panic: page fault\\n  bt")

@pytest.mark.points(6)
def test_infra():
    """Needs the emulator."""
    raise EmulatorError("qemu-system-i386 is not installed")
'''

HIDDEN = '''
import pexpect
import pytest

@pytest.mark.points(2)
def test_bad_sides():
    """Rejects a bad sides value."""
    accepted = ["0"]
    assert not accepted, "accepted %r" % accepted[0]

@pytest.mark.points(2)
def test_no_message():
    """Resets the counter."""
    assert {"rolls": 5} == {"rolls": 0}

@pytest.mark.points(2)
def test_path_in_reason():
    """Keeps its state."""
    assert False, "lost in " + __file__ + "\\nmore lines"

@pytest.mark.points(2)
def test_hangs():
    raise pexpect.TIMEOUT("Timeout exceeded.\\n<pexpect.pty_spawn.spawn "
                          "object at 0x7f0012>\\ncommand: /usr/bin/qemu")

@pytest.mark.points(2)
def test_other_exception():
    raise KeyError("/home/staff/secret/answers.py")

@pytest.mark.points(2)
@pytest.mark.depends("test_bad_sides")
def test_hidden_child():
    """Answers the sides ioctl."""
'''

FORBIDDEN = ("assert", "Traceback", "/", "def ", "0x", "rolls", "Error")


def run(pytester, tmp_path, *args):
    """Run the fake suite (tests/test_pub.py, tests/hidden/test_hid.py)
    with ARGS; return (report dict, results.json dict by name)."""
    pytester.makepyfile(test_pub=PUBLIC)
    hidden = pytester.path / "hidden"
    hidden.mkdir(exist_ok=True)
    (hidden / "test_hid.py").write_text(HIDDEN)
    out = tmp_path / "reports"
    pytester.runpytest("-p", "harness.plugin", "--report-dir", str(out),
                       *args)
    report = jsonreport.load(str(out))
    results = json.loads((out / "results.json").read_text())
    return report, results


@pytest.fixture
def graded(pytester, tmp_path):
    report, results = run(pytester, tmp_path)
    return report, results, {t["name"]: t for t in results["tests"]}


def test_top_level_fields(graded):
    _, results, _ = graded
    assert results["stdout_visibility"] == "hidden"
    assert isinstance(results["execution_time"], int)
    assert results["output"].startswith("Score: ERROR, incomplete")
    for t in results["tests"]:
        assert {"name", "max_score", "status", "output",
                "visibility"} <= t.keys()
        assert t["status"] in ("passed", "failed")
        assert "::" not in t["name"] and "test_" not in t["name"]


def test_names(graded):
    _, _, tests = graded
    names = set(tests)
    assert {"Starts the driver", "Reads a roll", "Writes the sides",
            "Survives a fault [kind=crash]", "Survives a fault [kind=hang]",
            "Boots (QEMU)", "Boots (Bochs)", "one emulator only", "Counts",
            "Needs the emulator", "Hidden: rejects a bad sides value",
            "Hidden: resets the counter", "Hidden: keeps its state",
            "Hidden: hangs", "Hidden: other exception",
            "Hidden: answers the sides ioctl"} == names


def test_default_visibility(graded):
    _, _, tests = graded
    for name, t in tests.items():
        assert t["visibility"] == ("after_published"
                                   if name.startswith("Hidden: ")
                                   else "visible"), name


def test_hidden_failure_shows_only_the_authors_reason(graded):
    _, _, tests = graded
    t = tests["Hidden: rejects a bad sides value"]
    assert (t["output"], t["score"], t["status"]) == \
        ("failed: accepted '0'", 0, "failed")
    for name, t in tests.items():
        if name.startswith("Hidden: "):
            assert len(t["output"].splitlines()) == 1, t["output"]
            for bad in FORBIDDEN:
                assert bad not in t["output"], (name, t["output"])


def test_hidden_generic_reasons(graded):
    _, _, tests = graded
    assert tests["Hidden: resets the counter"]["output"] == \
        "failed: the check did not hold"
    assert tests["Hidden: keeps its state"]["output"] == \
        "failed: lost in <path>"
    assert tests["Hidden: hangs"]["output"] == \
        "failed: the guest did not answer in time"
    assert tests["Hidden: other exception"]["output"] == "failed"


def test_public_failure_shows_the_explanation_but_no_traceback(graded):
    _, _, tests = graded
    out = tests["Reads a roll"]["output"].splitlines()
    assert out[0] == "failed: 30 reads, one line each"
    assert "second line" in out[1]
    assert "assert 2 == 3" in out
    text = "\n".join(out)
    assert "Traceback" not in text and "def " not in text
    assert "test_pub.py" not in text
    panic = tests["Counts"]["output"].splitlines()
    assert panic[:2] == ["failed: kernel panic: page fault in dice",
                         "kernel panic: page fault"]


def test_dependency_skip_names_the_parent(graded):
    report, _, tests = graded
    child = tests["Writes the sides"]
    assert (child["output"], child["score"], child["max_score"],
            child["status"]) == ("not run: depends on Reads a roll", 0, 1,
                                 "failed")
    assert tests["Hidden: answers the sides ioctl"]["output"] == \
        "not run: depends on Hidden: rejects a bad sides value"
    by_function = {t["function"]: t for t in report["tests"]}
    assert by_function["test_child_of_failing"]["reason"] == \
        "depends on Reads a roll"               # no node id, even for staff


def test_infrastructure_error_has_no_score(graded):
    _, results, tests = graded
    infra = tests["Needs the emulator"]
    assert "score" not in infra and infra["max_score"] == 6
    assert "not graded" in infra["output"]
    assert "not installed" not in infra["output"]
    assert results["extra_data"]["complete"] is False


def test_configured_visibility_and_names(graded):
    report, _, _ = graded
    config = {"visibility": {"public": "after_due_date",
                             "hidden": "hidden"},
              "tests": {"test_param": {"name": "Survives crashes",
                                       "visibility": "visible"},
                        "test_bad_sides": {"name": "Refuses bad input"}},
              "stdout_visibility": "visible"}
    results = gradescope.results(report, config)
    tests = {t["name"]: t for t in results["tests"]}
    assert results["stdout_visibility"] == "visible"
    assert tests["Survives crashes [kind=crash]"]["visibility"] == "visible"
    assert tests["Starts the driver"]["visibility"] == "after_due_date"
    assert tests["Hidden: refuses bad input"]["visibility"] == "hidden"
    assert tests["Hidden: keeps its state"]["visibility"] == "hidden"


@pytest.mark.parametrize("config,bad", [
    ({"visibility": {"hidden": "secret"}}, "'secret'"),
    ({"tests": {"test_x": {"visibility": "later"}}}, "'later'"),
    ({"stdout_visibility": "staff"}, "'staff'"),
    ({"visiblity": {}}, "'visiblity'"),
    ({"tests": {"test_x": {"title": "x"}}}, "'title'")])
def test_bad_configuration_is_a_clear_error(config, bad):
    report = {"tests": [], "summary": {"score": 0, "max_score": 0,
                                       "complete": True, "errors": 0}}
    with pytest.raises(ValueError, match=bad):
        gradescope.results(report, config)


def test_facts_survive_the_report_and_xdist(graded, pytester, tmp_path):
    """The report.json round trip keeps every naming and reason field, and
    two xdist workers (a file's tests on one worker, parents with their
    children) write the same results.json as a serial run."""
    pytest.importorskip("xdist", reason="python3-pytest-xdist (make deps)")
    report, results, _ = graded
    for t in report["tests"]:
        assert TestResult.from_dict(t).to_dict() == t
    assert gradescope.results(report)["tests"] == results["tests"]
    _, parallel = run(pytester, tmp_path / "xdist", "-n", "2", "--dist",
                      "loadfile")

    def key(tests):
        return sorted((t["name"], t["output"], t.get("score"),
                       t["visibility"]) for t in tests)
    assert key(parallel["tests"]) == key(results["tests"])
