"""libctest in the guest: the C library's pure parts, stdio on files, and
the POSIX wrappers talking to PM, VFS and MM (os/tests/user/libctest), run
from the shell of the booted system. The pure parts also run on the host
(test_libc_host.py)."""

import pytest

from harness import suite
from harness.shell import Shell


@pytest.mark.emulators("qemu", "bochs")
def test_every_libctest_case_passes_in_the_guest(machine):
    shell = Shell(machine).wait_prompt()
    result = suite.run(shell, "libctest", timeout=120).check()
    # every case ran: the pure ones and those that need the servers
    assert {"malloc", "printf", "stdio", "files", "procs", "signals"} <= \
        set(result.names)


def test_libctest_runs_one_case_by_name(machine):
    shell = Shell(machine).wait_prompt()
    result = suite.run(shell, "libctest -d /tmp signals time", timeout=60)
    assert result.results == [("signals", "OK"), ("time", "OK")], \
        result.text
    result.check()
