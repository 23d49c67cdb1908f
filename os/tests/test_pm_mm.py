"""PM and MM: pmtest (os/tests/pmtest/), booted with the modules pm, mm and
pmtest and no VFS. pmtest runs each case in a user process that PM forks,
prints "test NAME: OK" or "test NAME: FAILED (why)" per case and a summary,
then asks PM to power off. Without a VFS, PM must say that it cannot start
init and keep serving."""

import glob
import os
import re

import pytest

from harness.machine import ROOT

PMTEST_DIR = os.path.join(ROOT, "os", "tests", "pmtest")
CASE_RE = re.compile(r"^PMTEST\(\s*(\w+)", re.M)
RESULT_RE = r"test (\w+): (OK|FAILED)([^\r\n]*)[\r\n]"
SUMMARY_RES = [r"ALL TESTS PASSED", r"SOME TESTS FAILED \((\d+) of (\d+)\)"]
LINE_TIMEOUT = 60
MODULES = ["pm", "mm", "pmtest"]


def defined_cases():
    """The names of every case declared in the pmtest sources."""
    names = []
    for path in sorted(glob.glob(os.path.join(PMTEST_DIR, "*.c"))):
        with open(path) as f:
            names += CASE_RE.findall(f.read())
    return names


def run_pmtest(machine):
    """Read pmtest's output up to its summary: (announced count,
    [(name, status, reason)], summary line)."""
    machine.expect(r"pmtest: running (\d+) tests", timeout=LINE_TIMEOUT)
    announced = int(machine.console.match.group(1))
    results = []
    while True:
        i = machine.expect([RESULT_RE] + SUMMARY_RES, timeout=LINE_TIMEOUT)
        if i > 0:
            return announced, results, machine.console.match.group(0)
        name, status, reason = machine.console.match.groups()
        results.append((name, status, reason.strip()))


def failure_report(results, console):
    """One paragraph per failed case: its line and its check messages."""
    lines = []
    for name, status, reason in results:
        if status == "OK":
            continue
        lines.append("%s: FAILED %s" % (name, reason))
        lines += ["    " + l for l in console.splitlines()
                  if l.startswith("pmtest: %s: " % name)]
    return "\n".join(lines)


def test_every_pmtest_case_passes(boot, image_factory):
    m = boot(image_factory(modules=MODULES))
    announced, results, summary = run_pmtest(m)
    assert m.wait_poweroff() == "ok"
    console = m.console_text()
    failed = [name for name, status, _ in results if status != "OK"]
    assert not failed, "%d of %d pmtest cases failed: %s\n%s" % (
        len(failed), len(results), " ".join(failed),
        failure_report(results, console))
    names = [name for name, _, _ in results]
    expected = defined_cases()
    assert sorted(names) == sorted(expected), \
        "cases that did not report: %s; unexpected: %s" % (
            sorted(set(expected) - set(names)),
            sorted(set(names) - set(expected)))
    assert announced == len(expected)
    assert summary == "ALL TESTS PASSED"
    assert "kernel panic" not in console


def test_servers_start_and_pm_reports_missing_init(boot, image_factory):
    m = boot(image_factory(modules=["pm", "mm", "pmtest pm_getpid"]))
    run_pmtest(m)
    assert m.wait_poweroff() == "ok"
    console = m.console_text()
    match = re.search(r"mm: memory manager ready \((\d+) KiB free\)", console)
    assert match and int(match.group(1)) > 100 * 1024
    assert "pm: process manager ready, but /sbin/init cannot be started: " \
           "no vfs boot module" in console
    # PM powered off on pmtest's request.
    assert re.search(r"pm: power-off requested by pid \d+", console)
    assert "kernel panic" not in console


def test_pmtest_runs_only_the_named_cases(boot, image_factory):
    m = boot(image_factory(modules=["pm", "mm",
                                    "pmtest mm_brk_report pm_fork_and_wait"]))
    announced, results, summary = run_pmtest(m)
    assert m.wait_poweroff() == "ok"
    assert announced == 2
    assert [(n, s) for n, s, _ in results] == \
        [("mm_brk_report", "OK"), ("pm_fork_and_wait", "OK")], \
        failure_report(results, m.console_text())
    assert summary == "ALL TESTS PASSED"
