"""ktest: the in-guest kernel test program (os/tests/ktest/), booted as the
only program module (with one data module, ktest-data, for the GET_MODULE
case). It runs each case in a child process and prints one line per case,
"test NAME: OK" or "test NAME: FAILED (why)", then a summary, and powers
off. These tests boot it and read those lines."""

import glob
import os
import re
import shutil

import pytest

from harness.machine import ROOT

KTEST_DIR = os.path.join(ROOT, "os", "tests", "ktest")
CASE_RE = re.compile(r"^KTEST(?:_SIGNAL)?\(\s*(\w+)", re.M)
RESULT_RE = r"test (\w+): (OK|FAILED)([^\r\n]*)[\r\n]"
SUMMARY_RES = [r"ALL TESTS PASSED", r"SOME TESTS FAILED \((\d+) of (\d+)\)"]
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


def defined_cases():
    """The names of every case declared in the ktest sources."""
    names = []
    for path in sorted(glob.glob(os.path.join(KTEST_DIR, "*.c"))):
        with open(path) as f:
            names += CASE_RE.findall(f.read())
    return names


def run_ktest(machine):
    """Read ktest's output up to its summary. Returns (announced number of
    cases, [(name, "OK" or "FAILED", reason)], summary line)."""
    machine.expect(r"ktest: running (\d+) tests", timeout=LINE_TIMEOUT)
    announced = int(machine.console.match.group(1))
    results = []
    while True:
        i = machine.expect([RESULT_RE] + SUMMARY_RES, timeout=LINE_TIMEOUT)
        if i > 0:
            return announced, results, machine.console.match.group(0)
        name, status, reason = machine.console.match.groups()
        results.append((name, status, reason.strip()))


def failure_report(results, console):
    """One paragraph per failed case: its result line and the check
    messages ("ktest: NAME: file:line: what") it printed."""
    lines = []
    for name, status, reason in results:
        if status == "OK":
            continue
        lines.append("%s: FAILED %s" % (name, reason))
        lines += ["    " + l for l in console.splitlines()
                  if l.startswith("ktest: %s: " % name)]
    return "\n".join(lines)


@pytest.mark.emulators("qemu", "bochs")
def test_every_ktest_case_passes(boot, image_factory, ktest_data,
                                 ktest_service):
    m = boot(image_factory(modules=["ktest", ktest_data, ktest_service]))
    announced, results, summary = run_ktest(m)
    assert m.wait_poweroff() == "ok"
    console = m.console_text()
    names = [name for name, _, _ in results]
    failed = [name for name, status, _ in results if status != "OK"]
    assert not failed, "%d of %d ktest cases failed: %s\n%s" % (
        len(failed), len(results), " ".join(failed),
        failure_report(results, console))
    expected = defined_cases()
    assert len(set(names)) == len(names), "a case ran twice"
    assert sorted(names) == sorted(expected), \
        "cases that did not report: %s; unexpected: %s" % (
            sorted(set(expected) - set(names)),
            sorted(set(names) - set(expected)))
    assert announced == len(expected)
    assert summary == "ALL TESTS PASSED"
    # The exec cases ran the embedded payload program.
    assert "ktest-payload: hello (argc 2, argv[0] ktest-payload, " \
           "exiting with 42)" in console
    assert "kernel panic" not in console
    assert "boot: data module %s (13 KiB)" % DATA_NAME in console


def test_ktest_runs_only_the_named_case(boot, image_factory):
    m = boot(image_factory(modules=["ktest ipc_sendrec"]))
    announced, results, summary = run_ktest(m)
    assert m.wait_poweroff() == "ok"
    assert announced == 1
    assert [name for name, _, _ in results] == ["ipc_sendrec"], results
    assert results[0][1] == "OK", failure_report(results, m.console_text())
    assert summary == "ALL TESTS PASSED"


def test_ktest_runs_named_cases_in_the_given_order(boot, image_factory):
    m = boot(image_factory(modules=["ktest exc_divide null_call"]))
    announced, results, summary = run_ktest(m)
    assert m.wait_poweroff() == "ok"
    assert announced == 2
    assert results == [("exc_divide", "OK", ""), ("null_call", "OK", "")], \
        failure_report(results, m.console_text())
    assert summary == "ALL TESTS PASSED"


def test_ktest_reports_an_unknown_case_as_a_failure(boot, image_factory):
    m = boot(image_factory(modules=["ktest no_such_case"]))
    m.expect(r"ktest: no test named no_such_case", timeout=LINE_TIMEOUT)
    m.expect(SUMMARY_RES[1], timeout=LINE_TIMEOUT)
    assert m.console.match.group(1, 2) == ("1", "1")
    assert m.wait_poweroff() == "ok"
    assert not re.search(r"^test ", m.console_text(), re.M)
