"""The network end to end with the real commands, on QEMU's user network
(the guest's e1000, inet, sockets in libc): the host downloads an 8 MiB
file from the guest's httpd through the forwarded port, SHA-256
identical; the guest's wget downloads a file from an HTTP server this
test runs on the host (the guest reaches the host's 127.0.0.1 as
10.0.2.2), identical; `ping 10.0.2.2` answers. The transfers under
driver faults and live updates are in test_inet_recovery.py; the helpers
(guest httpd, host download, host server) are harness/netload.py."""

import re

import pytest

from harness import disk, netload
from harness.shell import Shell

SIZE = 8 << 20
SEED = 31


@pytest.mark.emulators("qemu")
def test_host_downloads_8mib_from_the_guest_httpd(boot):
    m = boot(net=True)
    shell = Shell(m).wait_prompt()
    netload.serve_pattern(shell, SIZE, SEED)
    dl = netload.Download(m.host_port, SIZE, SEED)
    dl.join()
    log = shell.check("cat /tmp/httpd.log")
    assert "httpd: GET /%s 200 %d\n" % (netload.GUEST_FILE, SIZE) in log, \
        log
    assert "error" not in log.lower(), log


@pytest.mark.emulators("qemu")
def test_guest_wget_from_the_host_and_ping_it(machine, tmp_path):
    size, seed = 2 << 20, 32
    netload.write_host_pattern(tmp_path, "host.bin", size, seed)
    shell = Shell(machine).wait_prompt()
    with netload.HostHTTPServer(tmp_path) as server:
        out = shell.check("wget -O /tmp/host.bin http://10.0.2.2:%d/host.bin"
                          % server.port, timeout=300)
        assert out == "wget: saved /tmp/host.bin (%d bytes)\n" % size, out
        assert server.requests == ["/host.bin"], server.requests
    out = shell.check("sha256sum /tmp/host.bin", timeout=120)
    assert out.split()[0] == disk.pattern_sha256(seed, size), out
    out = shell.check("ping -c 3 10.0.2.2", timeout=60)
    assert re.findall(r"^64 bytes from 10\.0\.2\.2: icmp_seq=(\d) time=",
                      out, re.M) == ["1", "2", "3"], out
    assert "3 packets transmitted, 3 received, 0% packet loss" in out, out
