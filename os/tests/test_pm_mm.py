"""PM and MM: pmtest (os/tests/pmtest/), booted with the modules pm, mm and
pmtest and no VFS. pmtest runs each case in a user process that PM forks,
prints "test NAME: OK" or "test NAME: FAILED (why)" per case and a summary,
then asks PM to power off. Without a VFS, PM must say that it cannot start
init and keep serving."""

import os
import re

from harness import suite
from harness.machine import ROOT

PMTEST_DIR = os.path.join(ROOT, "os", "tests", "pmtest")
MODULES = ["pm", "mm", "pmtest"]


def test_every_pmtest_case_passes(boot, image_factory):
    m = boot(image_factory(modules=MODULES))
    result = suite.read_console(m, "pmtest")
    assert m.wait_poweroff() == "ok"
    expected = suite.defined_cases(PMTEST_DIR)
    result.check(expected)
    assert result.announced == len(expected)
    assert "kernel panic" not in m.console_text()


def test_servers_start_and_pm_reports_missing_init(boot, image_factory):
    m = boot(image_factory(modules=["pm", "mm", "pmtest pm_getpid"]))
    suite.read_console(m, "pmtest")
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
    result = suite.read_console(m, "pmtest")
    assert m.wait_poweroff() == "ok"
    assert result.announced == 2
    assert result.results == \
        [("mm_brk_report", "OK"), ("pm_fork_and_wait", "OK")], \
        result.report()
    result.check()
