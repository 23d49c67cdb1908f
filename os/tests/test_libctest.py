"""libctest in the guest: the C library's pure parts, stdio on files, and
the POSIX wrappers talking to PM, VFS and MM (os/tests/user/libctest), run
from the shell of the booted system. The pure parts also run on the host
(test_libc_host.py)."""

import re

import pytest

from harness.shell import Shell

CASE_RE = r"test (\w+): (OK|FAILED)"


@pytest.mark.emulators("qemu", "bochs")
def test_every_libctest_case_passes_in_the_guest(machine):
    shell = Shell(machine).wait_prompt()
    out, status = shell.run("libctest", timeout=120)
    cases = re.findall(CASE_RE, out)
    failed = [name for name, result in cases if result != "OK"]
    assert not failed and status == 0 and "libctest: OK" in out, out
    # every case ran: the pure ones and those that need the servers
    names = {name for name, _ in cases}
    assert {"malloc", "printf", "stdio", "files", "procs", "signals"} <= names


def test_libctest_runs_one_case_by_name(machine):
    shell = Shell(machine).wait_prompt()
    out = shell.check("libctest -d /tmp signals time")
    assert re.findall(CASE_RE, out) == [("signals", "OK"), ("time", "OK")]
