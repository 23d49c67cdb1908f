"""The test kit (os/tests/kit) on the host: a suite of passing, failing,
crashing and hanging cases (os/tests/host/kit/kit_host.c) built with gcc,
run under the POSIX backend (a child per case, a time limit) and the
in-process one; its output read with harness.suite, the reader every
in-guest suite's test uses. No emulator."""

import os
import re
import subprocess

import pytest

from harness import suite
from harness.machine import ROOT

KIT = os.path.join(ROOT, "os", "tests", "kit")
SOURCE = os.path.join(ROOT, "os", "tests", "host", "kit", "kit_host.c")
CFLAGS = ["-std=gnu11", "-D_GNU_SOURCE", "-O1", "-g", "-Wall", "-Wextra",
          "-Werror"]
FAILING = ["check_fails", "check_eq_fails", "check_str_fails",
           "check_err_fails", "check_sys_fails", "fail_says_why", "crashes",
           "hangs", "should_die_but_returns", "check_eq_shows"]
PASSING = ["passes", "dies_of_segv"]
ALL = ["passes"] + FAILING[:8] + ["dies_of_segv"] + FAILING[8:]


@pytest.fixture(scope="module")
def kit_host(tmp_path_factory):
    """The built self-test suite's path."""
    exe = str(tmp_path_factory.mktemp("kit") / "kit_host")
    srcs = [SOURCE] + [os.path.join(KIT, f) for f in
                       ("run.c", "check.c", "posix.c", "inproc.c")]
    build = subprocess.run(["gcc"] + CFLAGS + ["-o", exe] + srcs,
                           capture_output=True, text=True)
    assert build.returncode == 0, build.stdout + build.stderr
    return exe


def run(exe, *args):
    r = subprocess.run([exe] + list(args), capture_output=True, text=True,
                       timeout=60)
    return suite.parse(r.stdout, "kit_host", r.returncode)


def test_lists_the_cases_in_source_order(kit_host):
    r = subprocess.run([kit_host, "-l"], capture_output=True, text=True,
                       timeout=10)
    assert r.stdout.split() == ALL
    assert r.returncode == 0
    assert subprocess.run([kit_host, "-x"], capture_output=True,
                          timeout=10).returncode == 2


def test_every_case_runs_and_reports_why_it_failed(kit_host):
    result = run(kit_host)
    assert result.names == ALL
    assert result.failed == FAILING
    assert result.status == 1
    assert result.summary == "SOME TESTS FAILED (10 of 12)"
    reasons = {c.name: c.reason for c in result.cases}
    assert reasons["check_fails"] == "exit 1"
    assert reasons["crashes"] == "signal 11"
    assert reasons["hangs"] == "timeout"
    assert reasons["should_die_but_returns"] == \
        "expected signal 11, got exit 0"
    with pytest.raises(suite.SuiteFailed) as failure:
        result.check()
    assert "test crashes: FAILED (signal 11)" in str(failure.value)


@pytest.mark.parametrize("name,message", [
    ("check_fails", "check failed: x == 3"),
    ("check_eq_fails", "x + 1: got 3, expected 4"),
    ("check_str_fails", '"abc": got "abc", expected "abd"'),
    ("check_err_fails", "close(-1) gave -1 (errno 9: "),
    ("check_sys_fails", "close(-1) failed: "),
    ("fail_says_why", "because 7"),
    ("check_eq_shows", "255: got 255 (hex 0xff), expected 256 (hex 0x100)"),
])
def test_a_failed_check_says_where_and_what(kit_host, name, message):
    result = run(kit_host, name)
    lines = result.messages(name)
    assert lines and re.match(r"kit_host: %s: \S*kit_host\.c:\d+: " % name,
                              lines[-1]), lines
    assert message in lines[-1], lines
    assert result.results == [(name, "FAILED")]


def test_named_cases_in_order_and_an_unknown_name(kit_host):
    result = run(kit_host, "passes", "nosuch", "passes")
    assert result.results == [("passes", "OK"), ("passes", "OK")]
    assert result.summary == "SOME TESTS FAILED (1 of 3)"
    assert result.status == 2
    assert "kit_host: no test named nosuch" in result.text
    run(kit_host, "passes").check(["passes"])


def test_in_process_backend(kit_host):
    result = run(kit_host, "--inproc", "passes", "check_eq_fails",
                 "fail_says_why", "passes")
    assert result.announced == 4
    assert result.results == [("passes", "OK"), ("check_eq_fails", "FAILED"),
                              ("fail_says_why", "FAILED"), ("passes", "OK")]
    assert result.messages("fail_says_why")[0] == \
        "kit_host: fail_says_why: a note"
    assert result.summary == "SOME TESTS FAILED (2 of 4)"
    assert result.status == 1
