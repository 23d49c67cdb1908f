"""Scoring on the host: points, dependencies, partial credit, and
infrastructure errors that are never scored 0 (pytester, no emulator)."""

import json

import pytest

from harness import grading

SUITE = '''
import pytest
from harness.machine import EmulatorError, GuestPanic

@pytest.fixture
def broken_emulator():
    raise EmulatorError("qemu-system-i386 is not installed")

@pytest.fixture
def panicking_boot():
    raise GuestPanic("boom", "kernel panic: boom")

@pytest.mark.points(2)
def test_base():
    pass

@pytest.mark.points(3)
@pytest.mark.depends("test_base")
def test_child_of_passing():
    pass

@pytest.mark.points(4)
def test_fails():
    assert 1 == 2

@pytest.mark.points(5)
@pytest.mark.depends("test_fails")
def test_child_of_failing():
    pass

@pytest.mark.points(1)
@pytest.mark.depends("test_child_of_failing")
def test_grandchild():
    pass

@pytest.mark.points(10)
def test_half(credit):
    credit.award(0.25, "part a")
    credit.award(0.25, "part b")

@pytest.mark.points(10)
def test_credit_then_fail(credit):
    credit.award(1, "all")
    assert False

@pytest.mark.points(6)
def test_infra(broken_emulator):
    pass

@pytest.mark.points(6)
def test_infra_in_call():
    raise EmulatorError("qemu crashed")

@pytest.mark.points(7)
def test_panic_at_boot(panicking_boot):
    pass

@pytest.mark.points(1)
@pytest.mark.parametrize("n", [1, 2])
def test_param(n):
    assert n == 1

@pytest.mark.points(2)
@pytest.mark.depends("test_param")
def test_child_of_param():
    pass

@pytest.mark.depends("test_late")
def test_early_child():
    pass

def test_late():
    pass

@pytest.mark.points(8)
@pytest.mark.depends("test_infra")
def test_child_of_infra():
    pass
'''


@pytest.fixture
def graded(pytester, tmp_path):
    pytester.makepyfile(test_suite=SUITE)
    out = tmp_path / "reports"
    result = pytester.runpytest("-p", "harness.plugin", "--report-dir",
                                str(out))
    report = json.loads((out / "report.json").read_text())
    return result, {t["name"]: t for t in report["tests"]}, report


def test_points_and_full_credit(graded):
    _, tests, _ = graded
    assert (tests["test_base"]["outcome"], tests["test_base"]["score"]) \
        == ("passed", 2)
    assert tests["test_child_of_passing"]["score"] == 3
    assert tests["test_fails"]["outcome"] == "failed"
    assert tests["test_fails"]["score"] == 0


def test_a_child_of_a_failed_or_skipped_parent_is_skipped(graded):
    _, tests, _ = graded
    child = tests["test_child_of_failing"]
    assert (child["outcome"], child["score"]) == ("skipped", 0)
    assert "test_fails" in child["message"]
    grand = tests["test_grandchild"]
    assert grand["outcome"] == "skipped"
    assert "was skipped" in grand["message"]
    # One failing parametrized instance is enough.
    assert tests["test_child_of_param"]["outcome"] == "skipped"


def test_parents_run_first(graded):
    _, tests, report = graded
    names = [t["name"] for t in report["tests"]]
    assert names.index("test_late") < names.index("test_early_child")
    assert tests["test_early_child"]["outcome"] == "passed"


def test_partial_credit(graded):
    _, tests, _ = graded
    half = tests["test_half"]
    assert (half["score"], half["fraction"]) == (5, 0.5)
    assert half["credit"] == ["0.25: part a", "0.25: part b"]
    assert tests["test_credit_then_fail"]["score"] == 0


def test_infrastructure_errors_are_not_zero(graded):
    result, tests, report = graded
    for name in ("test_infra", "test_infra_in_call"):
        assert tests[name]["outcome"] == "error"
        assert tests[name]["score"] is None
    assert report["summary"]["complete"] is False
    assert report["summary"]["errors"] == 3
    child = tests["test_child_of_infra"]
    assert (child["outcome"], child["score"]) == ("error", None)
    assert "not graded" in child["message"]
    result.stdout.fnmatch_lines(["Score: ERROR, incomplete: 3 test(s)*"])


def test_a_panic_while_booting_is_the_students_failure(graded):
    _, tests, _ = graded
    t = tests["test_panic_at_boot"]
    assert (t["outcome"], t["score"]) == ("failed", 0)


def test_totals(graded):
    _, _, report = graded
    s = report["summary"]
    # 2 + 3 + 5 (half of 10) + 1 (test_param[1])
    assert s["score"] == 11
    assert s["max_score"] == 2 + 3 + 4 + 5 + 1 + 10 + 10 + 6 + 6 + 7 + 2 + 2 + 8
    assert (s["passed"], s["failed"], s["skipped"], s["errors"]) == \
        (6, 4, 3, 3)


def test_score_and_exit_status_rules():
    R = grading.TestResult
    assert grading.score_of("error", 5, 1) is None
    assert grading.score_of("passed", 4, 0.5) == 2
    assert grading.score_of("skipped", 4, 1) == 0
    assert grading.exit_status([R("a", "a")]) == 0
    assert grading.exit_status([R("a", "a"), R("b", "b", "failed")]) == 1
    assert grading.exit_status([R("b", "b", "failed"),
                                R("c", "c", "error")]) == 2


def test_credit_refuses_fractions_out_of_range():
    c = grading.Credit()
    with pytest.raises(ValueError):
        c.award(1.5)
    assert c.fraction == 1.0
    c.award(0.75, "x")
    c.award(0.75, "y")
    assert c.fraction == 1.0


def test_parallel_workers_grade_the_same(graded, pytester, tmp_path):
    """Two xdist workers (`-n 2 --dist loadfile`: a file's tests, parents
    and children together, stay on one worker) write the same reports,
    each worker in its own temporary directory."""
    pytest.importorskip("xdist", reason="python3-pytest-xdist (make deps)")
    _, serial, _ = graded
    out = tmp_path / "parallel"
    pytester.runpytest("-p", "harness.plugin", "-n", "2", "--dist",
                       "loadfile", "--report-dir", str(out))
    report = json.loads((out / "report.json").read_text())
    parallel = {t["name"]: t for t in report["tests"]}
    assert parallel.keys() == serial.keys()
    for name, t in serial.items():
        assert (parallel[name]["outcome"], parallel[name]["score"]) == \
            (t["outcome"], t["score"]), name
