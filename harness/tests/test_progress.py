"""Progress and the everyday commands, on the host (nothing boots):
harness.progress's counter lines, bar and estimate, the estimate in
pytest's progress column, ``make test``/``make grade`` ARGS, ``--lf``,
and ``make test-host``'s host-only guard."""

import io
import os
import re
import subprocess
import sys

import pytest

from harness import progress
from harness.machine import ROOT


class Clock:
    """A clock the test moves by hand."""

    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


class Tty(io.StringIO):
    def isatty(self):
        return True


def test_duration_and_eta():
    assert [progress.duration(s) for s in (None, 0, 42.4, 185, 3720)] == \
        ["?", "0s", "42s", "3m05s", "1h02m"]
    assert progress.eta(0, 10, 5.0) is None
    assert progress.eta(2, 10, 6.0) == 24.0
    assert progress.eta(10, 10, 6.0) == 0


def test_counter_lines_with_count_and_eta():
    """Not a terminal: a counter line every EVERY steps (also when a step
    jumps over the multiple) and at the end."""
    clock, out = Clock(), io.StringIO()
    p = progress.Progress(10, "campaign", unit="trials", stream=out,
                          every=4, clock=clock)
    for _ in range(3):
        clock.now += 2
        p.update(1, "0 failed")
    assert out.getvalue() == ""
    clock.now += 2
    p.update(1, "1 failed")
    clock.now += 6
    p.update(3)                 # 7: no multiple of 4 crossed
    p.update(3)                 # 10: the end
    p.close()
    assert out.getvalue().splitlines() == [
        "campaign: 4/10 trials, 1 failed, ETA 12s",
        "campaign: 10/10 trials, ETA 0s"]


def test_step_lines_carry_count_and_eta():
    clock, out = Clock(), io.StringIO()
    p = progress.Progress(4, "bench", unit="runs", stream=out, clock=clock)
    clock.now += 30
    p.step("run 1/4: x=1")
    assert out.getvalue() == "run 1/4: x=1  [1/4 runs, ETA 1m30s]\n"


def test_bar_on_a_terminal_and_counter_without_tqdm(monkeypatch):
    """On a terminal with python3-tqdm: a bar (drawn from the first step);
    without tqdm, or with counter=True, counter lines."""
    if progress._tqdm is None:
        pytest.fail("python3-tqdm is not installed: run 'make deps'")
    out = Tty()
    p = progress.Progress(5, "fuzz", unit="messages", stream=out)
    assert p.bar is None
    p.step("fuzz: batch 0", n=2)
    assert p.bar is not None
    p.close()
    text = out.getvalue()
    assert "fuzz: batch 0" in text and "2/5" in text
    monkeypatch.setattr(progress, "_tqdm", None)
    out = Tty()
    p = progress.Progress(2, "fuzz", unit="messages", stream=out, every=1)
    p.update(1)
    assert p.bar is None and out.getvalue().startswith("fuzz: 1/2 messages")
    out = Tty()
    p = progress.Progress(2, "x", stream=out, counter=True, every=1)
    p.update(1)
    assert p.bar is None and out.getvalue().startswith("x: 1/2 steps")


def test_pytest_progress_column_has_the_eta(pytester):
    """pytest's own progress column (count style) gains the time left."""
    pytester.makepyfile(test_a="def test_1():\n    pass\n"
                               "def test_2():\n    pass\n",
                        test_b="def test_3():\n    pass\n")
    result = pytester.runpytest("-p", "harness.plugin", "--report-dir", "",
                                "-o", "console_output_style=count")
    result.assert_outcomes(passed=3)
    result.stdout.re_match_lines([r"test_a.py \.\. +\[2/3, ETA \d+s\]",
                                  r"test_b.py \. +\[3/3\]"])
    assert progress._with_eta(" [ 12%]", 1, 8, 7.0) == " [ 12%, ETA 49s]"


def test_pytest_lines_with_the_eta_fit_the_terminal(pytester, monkeypatch):
    """A long line of dots ends early enough for the estimate to fit."""
    monkeypatch.setenv("COLUMNS", "80")
    pytester.makepyfile(test_many="import pytest\n"
                                  "@pytest.mark.parametrize('i', "
                                  "range(300))\n"
                                  "def test_i(i):\n    pass\n")
    result = pytester.runpytest("-p", "harness.plugin", "--report-dir", "",
                                "-o", "console_output_style=count")
    result.assert_outcomes(passed=300)
    lines = [line for line in result.outlines if "/300" in line]
    assert len(lines) > 3 and any("ETA" in line for line in lines)
    assert max(len(line) for line in lines) <= 80, lines


FAILS = "def test_ok():\n    pass\n\ndef test_bad():\n    assert 0\n"


def test_last_failed_works_with_the_harness(pytester):
    """--lf reruns only what failed (the cache provider is on)."""
    pytester.makepyfile(test_x=FAILS)
    first = pytester.runpytest("-p", "harness.plugin", "--report-dir", "")
    first.assert_outcomes(passed=1, failed=1)
    again = pytester.runpytest("-p", "harness.plugin", "--report-dir", "",
                               "--lf")
    again.assert_outcomes(failed=1)
    assert "run-last-failure: rerun previous 1 failure" in again.stdout.str()


def make_n(*args):
    """The commands `make -n ARGS` would run (its last lines)."""
    p = subprocess.run(["make", "-n", "--no-print-directory"] + list(args),
                       cwd=ROOT, capture_output=True, text=True,
                       timeout=120)
    assert p.returncode == 0, p.stderr
    return p.stdout


def test_make_passes_args_to_pytest_and_keeps_the_cache():
    test = make_n("test", "ARGS=-k hello -x").strip().splitlines()[-1]
    assert test.endswith('-m pytest -n 2 --dist loadfile -m "not scale" '
                         '-k hello -x')
    alone = make_n("test", "JOBS=0").strip().splitlines()[-1]
    assert alone.endswith('-m pytest -n 0 --dist loadfile -m "not scale"')
    host = make_n("test-host", "ARGS=--lf").strip().splitlines()[-1]
    assert "-p harness.hostonly" in host and host.endswith("--lf")
    assert "no:cacheprovider" not in test + host
    grade = make_n("grade", "LAB=1", "ARGS=-k hello --lf")
    assert "--pytest-args='-k hello --lf'" in grade
    with open(os.path.join(ROOT, "pytest.ini")) as f:
        assert "cache_dir = build/.pytest_cache" in f.read()


def _labkit():
    sys.path.insert(0, os.path.join(ROOT, "labs", "tools"))
    try:
        import labkit
    finally:
        sys.path.pop(0)
    return labkit


def test_check_labs_counts_gradings_and_names_the_reports(monkeypatch,
                                                          capsys):
    labkit = _labkit()
    lab = labkit.all_labs()[0]
    scores = {"solution": 10, "starter": 3}

    def fake_grade(lab, sub, out, quiet):
        kind = os.path.basename(out).split("-")[-1]
        return {"score": scores[kind], "max_score": 10, "complete": True,
                "built": True, "errors": 0}

    monkeypatch.setattr(labkit, "grade", fake_grade)
    assert labkit.check_labs([str(lab.number)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"check-labs: 1/2 gradings, %s solution: 10 / 10, "
                     r"ETA \S+\n" % lab.name, out), out
    assert "check-labs: 2/2 gradings, %s starter: 3 / 10, ETA 0s" \
        % lab.name in out
    assert "check-labs: reports in build/check-labs/labN-{solution," \
        "starter}/reports" in out


def test_grade_hands_its_args_to_pytest(monkeypatch):
    labkit = _labkit()
    seen = {}

    def fake_grade(lab, submission, out, results, hidden, pytest_args):
        seen["args"] = pytest_args
        return {"errors": 0}

    monkeypatch.setattr(labkit, "grade", fake_grade)
    monkeypatch.chdir(ROOT)
    lab = labkit.all_labs()[0]
    assert labkit.main(["grade", str(lab.number),
                        "--pytest-args=-k 'hello world' --lf"]) == \
        labkit.EXIT_GRADED
    assert seen["args"] == ["-k", "hello world", "--lf"]


def test_host_only_run_refuses_a_booting_test(pytester):
    """make test-host's guard: a test that would boot (uses ``machine``)
    is a usage error naming it; a host test runs."""
    pytester.makepyfile(test_h="def test_host():\n    pass\n\n"
                               "def test_boots(machine):\n    pass\n")
    result = pytester.runpytest("-p", "harness.plugin", "-p",
                                "harness.hostonly", "--report-dir", "")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*host-only*test_h.py::test_boots*"])
    ok = pytester.runpytest("-p", "harness.plugin", "-p", "harness.hostonly",
                            "--report-dir", "", "-k", "test_host")
    ok.assert_outcomes(passed=1)


def test_make_test_host_selects_only_host_tests():
    """What make test-host runs collects under the guard (nothing of it
    boots) and holds the host suites."""
    cmd = make_n("test-host").strip().splitlines()[-1].split()
    p = subprocess.run(cmd + ["--collect-only", "-q", "--report-dir="],
                       cwd=ROOT, capture_output=True, text=True,
                       timeout=300)
    assert p.returncode == 0, p.stdout[-2000:] + p.stderr[-2000:]
    assert "os/tests/test_vfs_host.py::" in p.stdout
    assert "os/tests/test_boot.py" not in p.stdout
