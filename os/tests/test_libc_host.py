"""libc on the host: the pure parts of the C library (strings, printf
formatting, strtol, malloc, qsort, getopt, sscanf, ctype, environment,
setjmp, signal sets, stdio on files) run by libctest, built -m32 against our
own headers and linked with a Linux shim instead of the host's libc
(os/tests/host/libc). No emulator: it takes a second or two."""

import os
import subprocess

import pytest

from harness import suite
from harness.machine import ROOT

HOST_DIR = os.path.join(ROOT, "os", "tests", "host", "libc")


@pytest.fixture(scope="module")
def libctest(tmp_path_factory):
    """Build the host libctest; returns its path."""
    out = tmp_path_factory.mktemp("host-libc")
    build = subprocess.run(["make", "-s", "-C", HOST_DIR, "OUT=%s" % out],
                           capture_output=True, text=True)
    assert build.returncode == 0, "build failed:\n" + build.stdout + \
        build.stderr
    return os.path.join(out, "libctest")


def run(libctest, tmp_path, *cases):
    return subprocess.run([libctest, "-d", str(tmp_path)] + list(cases),
                          capture_output=True, text=True, timeout=60)


def test_every_libctest_case_passes_on_the_host(libctest, tmp_path):
    r = run(libctest, tmp_path)
    suite.parse(r.stdout, "libctest", r.returncode).check()
    assert r.stdout.endswith("ALL TESTS PASSED\n"), r.stdout + r.stderr
    assert "FAILED" not in r.stdout
    assert os.listdir(tmp_path) == []          # the stdio case cleans up


def test_one_case_by_name_and_an_unknown_name(libctest, tmp_path):
    r = run(libctest, tmp_path, "printf")
    assert r.stdout == "test printf: OK\nALL TESTS PASSED\n"
    r = run(libctest, tmp_path, "nosuch", "printf")
    assert r.returncode == 2
    assert "libctest: no test named nosuch" in r.stdout
    assert "test printf: OK" in r.stdout
    assert "SOME TESTS FAILED (1 of 2)" in r.stdout


def test_exit_flushes_a_fully_buffered_stdout(libctest, tmp_path):
    # stdout is a pipe here: fully buffered, written out by exit().
    r = run(libctest, tmp_path, "ctype", "env")
    assert r.stdout == "test ctype: OK\ntest env: OK\nALL TESTS PASSED\n"
