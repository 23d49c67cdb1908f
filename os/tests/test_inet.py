"""The network server in the guest: inettest (os/tests/user/inettest)
through libc's sockets on the booted system: the interface, UDP, ping and
a 1 MiB TCP stream over the loopback, waiting and non-blocking calls,
poll. No network card needed (the loopback never reaches a driver)."""

import pytest

from harness import suite
from harness.shell import Shell

LOOPBACK = ["interface", "udp_loopback", "ping_loopback", "tcp_loopback",
            "tcp_errors"]


@pytest.mark.emulators("qemu")
def test_sockets_over_the_loopback(machine):
    shell = Shell(machine).wait_prompt()
    result = suite.run(shell, "inettest " + " ".join(LOOPBACK), timeout=300)
    result.check(LOOPBACK)
