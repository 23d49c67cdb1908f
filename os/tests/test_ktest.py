"""ktest: the in-guest kernel test program (os/tests/ktest/), booted as the
only program module (with one data module, ktest-data, for the GET_MODULE
case). It runs each case in a child process and prints one line per case,
"test NAME: OK" or "test NAME: FAILED (why)", then a summary, and powers
off. These tests boot it and read those lines."""

import os
import re
import shutil

import pytest

from harness import suite
from harness.machine import ROOT

KTEST_DIR = os.path.join(ROOT, "os", "tests", "ktest")
SOME_FAILED_RE = r"SOME TESTS FAILED \((\d+) of (\d+)\)"
# Seconds to wait for each next line: a case that hangs is killed by the
# runner itself after 10 s of guest time, so this only catches a dead guest.
LINE_TIMEOUT = 60


# The data module: DATA_SIZE bytes of a pattern the module_data case
# (os/tests/ktest/boot.c) checks byte by byte.
DATA_NAME = "ktest-data"
DATA_SIZE = 12345


def data_bytes():
    """The contents of the ktest-data module (same formula as boot.c)."""
    return bytes((i * 31 + (i >> 8)) & 0xff for i in range(DATA_SIZE))


@pytest.fixture(scope="session")
def ktest_data(tmp_path_factory):
    """The path of the ktest-data module file (not an ELF: a data module)."""
    path = tmp_path_factory.mktemp("ktest-data") / DATA_NAME
    path.write_bytes(data_bytes())
    return str(path)


@pytest.fixture(scope="session")
def ktest_service(tmp_path_factory):
    """A copy of ktest-payload named "tty", a boot-service module name: the
    boot_service_slot case checks it got the tty slot."""
    path = tmp_path_factory.mktemp("ktest-service") / "tty"
    shutil.copy(os.path.join(ROOT, "build", "bin", "ktest-payload"), path)
    return str(path)


@pytest.mark.emulators("qemu", "bochs")
def test_every_ktest_case_passes(boot, image_factory, ktest_data,
                                 ktest_service):
    m = boot(image_factory(modules=["ktest", ktest_data, ktest_service]))
    result = suite.read_console(m, "ktest", line_timeout=LINE_TIMEOUT)
    assert m.wait_poweroff() == "ok"
    console = m.console_text()
    expected = suite.defined_cases(KTEST_DIR)
    result.check(expected)
    assert result.announced == len(expected)
    # The exec cases ran the embedded payload program.
    assert "ktest-payload: hello (argc 2, argv[0] ktest-payload, " \
           "exiting with 42)" in console
    assert "kernel panic" not in console
    assert "boot: data module %s (13 KiB)" % DATA_NAME in console


def test_ktest_runs_only_the_named_case(boot, image_factory):
    m = boot(image_factory(modules=["ktest ipc_sendrec"]))
    result = suite.read_console(m, "ktest", line_timeout=LINE_TIMEOUT)
    assert m.wait_poweroff() == "ok"
    assert result.announced == 1
    assert result.names == ["ipc_sendrec"], result.cases
    result.check()


def test_ktest_runs_named_cases_in_the_given_order(boot, image_factory):
    m = boot(image_factory(modules=["ktest exc_divide null_call"]))
    result = suite.read_console(m, "ktest", line_timeout=LINE_TIMEOUT)
    assert m.wait_poweroff() == "ok"
    assert result.announced == 2
    assert result.cases == [("exc_divide", "OK", ""), ("null_call", "OK", "")], \
        result.report()
    result.check()


def test_ktest_reports_an_unknown_case_as_a_failure(boot, image_factory):
    m = boot(image_factory(modules=["ktest no_such_case"]))
    m.expect(r"ktest: no test named no_such_case", timeout=LINE_TIMEOUT)
    m.expect(SOME_FAILED_RE, timeout=LINE_TIMEOUT)
    assert m.console.match.group(1, 2) == ("1", "1")
    assert m.wait_poweroff() == "ok"
    assert not re.search(r"^test ", m.console_text(), re.M)
